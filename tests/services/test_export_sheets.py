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
