"""The roster's and the staff list's export rows come from the use cases (the window and the
command line share them): masked unless the user asks for full numbers."""
from datetime import date

from tuoyu_desktop.services.children import ROSTER_HEADERS, roster, roster_sheet
from tuoyu_desktop.services.staff import STAFF_HEADERS, staff_sheet
from tuoyu_desktop.services.staff import staff_rows as staff_list

TODAY = date(2026, 11, 25)


def test_the_roster_export_masks_ids_and_phones_unless_full(demo):
    with demo.session() as s:
        rows = roster(s, TODAY)
    masked, full = roster_sheet(rows, TODAY), roster_sheet(rows, TODAY, full=True)
    assert masked.headers == ROSTER_HEADERS and len(masked.rows) == len(rows) > 30
    id_col, phone_col = ROSTER_HEADERS.index("身份证号"), ROSTER_HEADERS.index("监护人电话")
    first = next(r for r in rows if r.id_number)
    i = rows.index(first)
    assert "*" in masked.rows[i][id_col] and full.rows[i][id_col] == first.id_number
    assert full.rows[i][phone_col] == first.guardian_phone and masked.rows[i][phone_col] != first.guardian_phone
    assert masked.note and not full.note and {r[-1] for r in masked.rows} >= {"在托"}


def test_the_staff_export_masks_ids_and_phones(demo):
    with demo.session() as s:
        rows = staff_list(s, TODAY)
    sheet = staff_sheet(rows)
    assert sheet.headers == STAFF_HEADERS and len(sheet.rows) == len(rows)
    assert all("*" in r[STAFF_HEADERS.index("身份证号")] for r in sheet.rows)


def test_the_class_and_training_exports_come_from_the_use_cases_as_the_pages_show_them(demo):
    from tuoyu_desktop.services.alerts import TRAINING_NOTE
    from tuoyu_desktop.services.classes import CLASS_HEADERS, class_page, class_sheet
    from tuoyu_desktop.services.training import YEAR_HEADERS, training_page, year_sheet
    from tuoyu_desktop.ui.views.classes import CLASS_COLUMNS

    assert CLASS_HEADERS == [c.title for c in CLASS_COLUMNS]  # the export says what the page says
    with demo.session() as s:
        classes = class_page(s, demo.profiles, TODAY)
        page = training_page(s, demo.profiles, 2026, TODAY)
    sheet = class_sheet(classes)
    assert sheet.headers == CLASS_HEADERS and [r[0] for r in sheet.rows] == [c.name for c in classes]
    assert {r[-1] for r in sheet.rows} <= {"开班", "未开班", "开班，超额"} | {r[-1] for r in sheet.rows if "停班" in r[-1]}
    year = year_sheet(page.year_rows, 2026, TODAY, TRAINING_NOTE)
    assert year.headers == YEAR_HEADERS and len(year.rows) == len(page.year_rows) > 5
    assert year.title == "2026年培训" and year.note.startswith("统计截至2026-11-25。")
    assert {r[5] for r in year.rows} <= {"达标", "未达标"} and {r[9] for r in year.rows} <= {"有", "无"}
