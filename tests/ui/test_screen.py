"""The window's size against the screen's work area (no Tk needed)."""
from tuoyu_desktop.ui.screen import FRAME_HEIGHT, FRAME_WIDTH, Area, fit_geometry


def _size(geometry):
    size, _, rest = geometry.partition("+")
    width, height = size.split("x")
    x, y = rest.split("+")
    return int(width), int(height), int(x), int(y)


def _inside(geometry, area):
    width, height, x, y = _size(geometry)
    return (x >= area.x and y >= area.y and x + width + FRAME_WIDTH <= area.x + area.width
            and y + height + FRAME_HEIGHT <= area.y + area.height)


def test_first_window_on_a_1366x768_laptop_fits_above_the_taskbar():
    area = Area(0, 0, 1366, 728)  # 1366×768 less a 40-pixel Windows taskbar
    assert _inside(fit_geometry("", area), area)


def test_first_window_on_a_1280x720_screen_fits():
    area = Area(0, 0, 1280, 680)
    assert _inside(fit_geometry("", area), area)


def test_first_window_on_a_large_screen_keeps_the_default_size_centred():
    width, height, x, y = _size(fit_geometry("", Area(0, 0, 1920, 1040)))
    assert (width, height) == (1180, 760) and x > 300 and y > 50


def test_a_size_saved_on_a_big_monitor_is_shrunk_onto_the_laptop():
    area = Area(0, 0, 1366, 728)
    fitted = fit_geometry("1800x1000+1900+40", area)
    assert _inside(fitted, area)


def test_a_saved_size_that_fits_is_kept_where_it_was():
    assert fit_geometry("1000x600+20+10", Area(0, 0, 1366, 728)) == "1000x600+20+10"


def test_a_work_area_beside_a_left_taskbar_is_respected():
    area = Area(60, 0, 1306, 768)
    fitted = fit_geometry("1300x700+0+0", area)
    assert _inside(fitted, area)


def test_an_unreadable_saved_size_falls_back_to_the_default():
    area = Area(0, 0, 1366, 728)
    assert _inside(fit_geometry("huge", area), area)
