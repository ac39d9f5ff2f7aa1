"""Key-value settings kept in the database (window size, last folders, the guide's progress …).

Every key is declared once, here, with its default and what it is for; reading or writing a key
that is not declared is a programming error (a typo would otherwise read "" for ever).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..store.plain import Db, as_db

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session


@dataclass(frozen=True)
class SettingKey:
    key: str  # a name, or a prefix ending in "." for a family of keys (last.dir.<kind>)
    default: str
    about: str


WINDOW_GEOMETRY = SettingKey("window.geometry", "", "the window's size and place when it was last closed")
LAST_DIR = SettingKey("last.dir.", "", "the folder a kind of file (import, backup, district …) was last chosen in")
GUIDE_STATE = SettingKey("guide.state", "", "开始使用: '' never started, 'open' started, 'done' finished")
GUIDE_MARKED = SettingKey("guide.marked", "", "开始使用: the steps the user marked 已选好 or 跳过, comma-separated")
PASSWORD_DIGEST = SettingKey("security.password", "", "the old start-up password's digest (plain databases only)")
ENCRYPTION_OFFERED = SettingKey("security.encryption_offered", "", "the first start's offer to encrypt was answered")
SELFTEST = SettingKey("selftest", "", "written and read back by --selftest on a scratch database")
BACKUP_FOLDERS = SettingKey("backup.folders", "", "every folder a backup was written to, one per line (encrypt "
                                                  "says which of them still hold plain copies)")

REFUND_RUN = SettingKey("fees.refund_run", "1", "伙食费退费起点: only runs of at least this many consecutive absent "
                                             "open days are refunded (SPEC §11 step 5)")
ARREARS_DAYS = SettingKey("fees.arrears_days", "15", "欠费提醒: a balance owed whose oldest unsettled bill was confirmed "
                                                   "this many days before is an alert (SPEC §11)")

SETTINGS = (WINDOW_GEOMETRY, LAST_DIR, GUIDE_STATE, GUIDE_MARKED, PASSWORD_DIGEST, ENCRYPTION_OFFERED, SELFTEST,
            BACKUP_FOLDERS, REFUND_RUN, ARREARS_DAYS)


def declared(key: str) -> SettingKey:
    for setting in SETTINGS:
        family = setting.key.endswith(".")
        if (key.startswith(setting.key) and key != setting.key) if family else key == setting.key:
            return setting
    raise KeyError(f"setting {key!r} is not declared in services/settings.py")


def get_setting(db: Db, key: str, default: str | None = None) -> str:
    setting = declared(key)
    row = as_db(db).first("settings", ("key = ?", key), columns=("value",))
    return row.value if row else (setting.default if default is None else default)


def set_setting(session: Session, key: str, value: str) -> None:
    from ..store.models import Setting

    declared(key)
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)
