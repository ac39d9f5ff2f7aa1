"""What each area of records feeds: the pages that show its records, or figures made from them.

A change names the areas it touched (``Changes``; a record kind's ``area`` and ``also_touches``);
a page refreshes when one of the areas feeding it changed. The pages do not list areas themselves:
a new kind with a new area adds one line here (and its record kind), not a line in every page that
counts it (首页's alerts and the 月报 read nearly everything). Plain data, no ORM: the first page
reads it before the database libraries are loaded.
"""
from __future__ import annotations

HOME, REPORT = "home", "report"  # the pages made of figures from nearly every area

#: area → the pages (View.key) it feeds
FEEDS: dict[str, tuple[str, ...]] = {
    "centre": ("settings", "children", "classes", "staff", "training", "medical", "vouchers", "kitchen", HOME, REPORT),
    "classes": ("classes", "children", "staff", "today", "safety", HOME, REPORT),
    "children": ("children", "classes", "today", "cases", "vouchers", "safety", HOME, REPORT),
    "staff": ("staff", "classes", "training", "today", "cases", HOME, REPORT),
    "training": ("training", HOME, REPORT),
    "agreements": ("medical", HOME, REPORT),
    "vouchers": ("vouchers", HOME, REPORT),
    "register": ("today", "cases", "kitchen", "safety", HOME, REPORT),
    "measurements": ("children", HOME, REPORT),
    "fees": ("fees", "bills"),  # 收费项目 (SPEC §11)
    "bills": ("bills", "children", "settings", HOME),  # 收费单, 收款, 调整, 食品采购: bills, accounts, 欠费
    "kitchen": ("kitchen", "today", HOME),  # 带量食谱, 食品留样 (SPEC §12); 今日待办's 留样
    "safety": ("safety", "today", HOME),  # 消毒, 伤害, 带药, 消防, 隐患 (SPEC §12); 今日待办
    "settings": ("settings", REPORT),  # locks of a month, passwords, the 操作日志
}

AREAS: frozenset[str] = frozenset(FEEDS)
#: the areas no figure of 首页 or the 月报 is made of (every other area feeds both)
OUTSIDE_THE_RETURN: frozenset[str] = frozenset({"settings", "fees", "bills", "kitchen", "safety"})


def areas_feeding(page: str) -> frozenset[str]:
    """The areas whose change the page ``page`` shows."""
    return frozenset(area for area, pages in FEEDS.items() if page in pages)
