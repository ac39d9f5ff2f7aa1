"""One alert line (首页, `alerts`, the return's 预警 sheet): a group, a text, and the record it opens."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Alert:
    group: str  # 证书 / 持证 / 培训 / 班级 / 幼儿 / 入托健康 / 医育结合 …
    text: str
    target: str = ""  # child / staff / class / agreement …
    target_id: int | None = None

    def line(self) -> str:
        return f"【{self.group}】{self.text}"
