"""The window's side of issue 15, item 7: the error dialog names the file and what to do, and holds
no SQL, no ID number and no phone number."""
import pytest

from tests.store.test_storage_failures import EXPECTED, PERSONAL, _log_text, failing  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("kind", EXPECTED)
def test_the_window_says_the_same_when_locking_a_return_cannot_be_written(
        kind, demo_window, dialogs, db_path, failing):  # noqa: F811 (the fixture imported above)
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    assert page.month() == "2026-10"
    failing(kind, db_path)
    demo_window.workspace.engine.dispose()  # new connections from now on
    page.buttons["lock"].invoke()  # the stored return holds every staff member's ID and phone in full
    (_, title, args), = dialogs.named("show_error")
    shown = "\n".join([title, *args])
    assert EXPECTED[kind] in shown and str(db_path) in shown
    for text in (shown, demo_window.status.cget("text"), _log_text(db_path)):
        assert not PERSONAL.search(text), text
        assert "INSERT INTO" not in text and "[parameters" not in text and "[SQL:" not in text
