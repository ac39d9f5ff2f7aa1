"""Issue 20 item 4: the 培训 year table shows coloured bars; headers are never cut; long alerts can be read."""
import pytest

pytestmark = pytest.mark.gui


def _rgb(image, x, y):
    red, green, blue = (int(v) for v in image.get(x, y))
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_training_year_table_shows_done_and_short_as_coloured_bars(demo_window):
    from tuoyu_desktop.ui.widgets.bars import DONE, SHORT

    page = demo_window.show("training")
    rows = {iid: p for iid, p in ((str(r.staff_id), r.progress) for r in page.year_rows)}
    assert rows
    short_seen = met_seen = False
    for iid, progress in rows.items():
        values = page.table.values(iid)
        assert not any("█" in str(v) or "░" in str(v) for v in values)
        image = page.table._images[iid]
        assert page.table.tree.item(iid, "image")
        width = image.width()
        if progress.met:
            met_seen = True
            assert _rgb(image, width - 3, 6) == DONE
        elif progress.professional < progress.professional_target:
            short_seen = True
            assert _rgb(image, width - 3, 6) == SHORT
            if progress.professional:
                assert _rgb(image, 2, 6) == DONE
    assert short_seen and met_seen


def test_every_table_heading_is_wide_enough_for_its_title(demo_window):
    from tuoyu_desktop.ui.main_window import VIEWS
    from tuoyu_desktop.ui.widgets.table import Table, _heading_font

    for key, *_ in VIEWS:
        page = demo_window.show(key)
        demo_window.root.update_idletasks()
        tables = [w for w in _descendants(page) if isinstance(w, Table)]
        for table in tables:
            font = _heading_font(table.tree)
            for c in table.columns:
                assert int(table.tree.column(c.key, "width")) >= font.measure(c.title), (key, c.title)


def test_a_long_alert_on_the_home_page_shows_in_full_in_a_tooltip(demo_window):
    home = demo_window.show("home")
    home.refresh_alerts()
    demo_window.root.update()
    long_text = "很长的提醒" * 60
    parent = home.alerts.get_children()[0]
    iid = home.alerts.insert(parent, "end", text="", values=(long_text,))
    home.alerts.see(iid)
    demo_window.root.update()
    x, y, _w, _h = home.alerts.bbox(iid, "text")
    home.tooltip.show_for(iid, x + 5, y + 5)
    assert home.tooltip.text() == long_text
    assert home.tooltip.window.winfo_reqwidth() <= 620


def _descendants(widget):
    for child in widget.winfo_children():
        yield child
        yield from _descendants(child)


def test_a_chosen_alert_reads_in_full_below_and_no_group_name_is_cut(demo_window):
    """因病缺勤追踪（2 was cut in the 类别 column; a long alert's end was only on hover."""
    from tkinter import font as tkfont

    from tests.ui.conftest import LAPTOP, at_laptop_size

    at_laptop_size(demo_window.root, LAPTOP)
    home = demo_window.show("home")
    home.refresh_alerts()
    demo_window.root.update()
    bold = tkfont.nametofont("TuoyuBold")
    groups = home.alerts.get_children()
    for group in groups:
        assert bold.measure(home.alerts.item(group, "text")) + 20 <= int(home.alerts.column("#0", "width"))
    longest = max((i for g in groups for i in home.alerts.get_children(g)),
                  key=lambda i: len(home.alerts.item(i, "values")[0]))
    home.alerts.focus_set()
    home.alerts.selection_set(longest)
    demo_window.root.update()
    shown = home.selected_text.cget("text")
    assert shown.endswith(home.alerts.item(longest, "values")[0])
    assert home.selected_text.winfo_reqwidth() <= home.winfo_width()  # wrapped, not running off the page
