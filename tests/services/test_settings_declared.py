"""Every setting key is declared once (services/settings.py) with its default; a typo is caught."""
import pytest

from tuoyu_desktop.services.settings import (
    LAST_DIR,
    SETTINGS,
    declared,
    get_setting,
    set_setting,
)


def test_every_key_the_program_uses_is_declared_and_an_undeclared_one_is_refused(workspace):
    assert declared("last.dir.import") is LAST_DIR and declared("window.geometry").default == ""
    with pytest.raises(KeyError):
        declared("last.export_dir")  # the old scattered key: gone
    with pytest.raises(KeyError):
        declared("last.dir.")  # a family needs its member
    with workspace.session() as s:
        with pytest.raises(KeyError):
            set_setting(s, "window.geometri", "800x600")
        set_setting(s, "last.dir.backup", "/media/U盘")
        s.commit()
    with workspace.session() as s:
        assert get_setting(s, "last.dir.backup") == "/media/U盘" and get_setting(s, "last.dir.import") == ""
    assert len({s.key for s in SETTINGS}) == len(SETTINGS)
