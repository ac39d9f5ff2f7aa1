"""The one way the window and the command line reach the data (after Anki's ``CollectionOp``).

A caller names a use case — a function of this package that takes a session first — and its other
arguments; ``Operations`` opens the transaction, runs it, commits or rolls back, and gives the
result back. A use case that changed something returns ``Changes`` (alone, or as the last item of
a tuple) so that the window can refresh exactly the pages that show it. Nothing above this layer
opens a session, builds a query or imports a table model.

    ops = Operations(workspace)
    snapshot = ops.look(returns.get_return, ops.profiles, month, today=today)  # plain SQL, no ORM
    rows = ops.read(classes.class_page, ops.profiles, today)                  # look, change nothing
    ops.check(forms.check_record, "classes", values, ops.profiles, today)     # as the user types
    changes = ops.change(forms.save_record, "classes", values, ops.profiles, today)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .changes import Changes

if TYPE_CHECKING:  # pragma: no cover
    from ..domain.policy import PolicyProfile

T = TypeVar("T")


class Operations:
    def __init__(self, workspace):
        self.workspace = workspace

    @property
    def profiles(self) -> "dict[str, PolicyProfile]":
        return self.workspace.profiles

    def read(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``use_case(session, *args)`` and keep nothing it may have changed."""
        with self.workspace.session() as session:
            try:
                return use_case(session, *args, **kwargs)
            finally:
                session.expunge_all()  # what it returns stays readable: detached, not expired
                session.rollback()

    def look(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``use_case(db, *args)`` in a read transaction on a plain connection (``store.plain.Db``):
        for what only reads — the return, the alerts, the pages — without the ORM."""
        with self.workspace.reading() as db:
            return use_case(db, *args, **kwargs)

    #: a form's as-you-type checks: run the service's checks, keep nothing
    check = read

    def change(self, use_case: Callable[..., T], *args: Any, op_name: str | Callable[[T], str] = "",
               **kwargs: Any) -> T:
        """Run ``use_case(session, *args)`` in one transaction: committed if it returns, rolled back
        (and the error raised) if it raises. What it changed is one named operation of the 操作日志
        (撤销 takes it back): named ``op_name`` (or ``op_name(result)``), else after the message of
        the ``Changes`` it returns (已保存 班级 向日葵班 → 保存 班级 向日葵班)."""
        from ..store.audit import OPERATION

        with self.workspace.session() as session:
            operation = session.info[OPERATION] = {"name": op_name if isinstance(op_name, str) else ""}
            try:
                result = use_case(session, *args, **kwargs)
                session.flush()
            finally:
                session.info.pop(OPERATION, None)
            if operation.get("id") is not None:
                name = op_name(result) if callable(op_name) else operation.get("name") or _named_after(result)
                from .history import close_operation

                close_operation(session, operation["id"], name)
            return result


def _named_after(result: Any) -> str:
    changes = changes_of(result)
    message = (changes.message if changes is not None else "") or "修改数据"
    return message[1:] if message.startswith("已") else message


def changes_of(result: Any) -> Changes | None:
    """The ``Changes`` a use case returned, alone or as the last item of a tuple."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None
