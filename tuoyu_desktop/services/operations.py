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

    def change(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``use_case(session, *args)`` in one transaction: committed if it returns, rolled back
        (and the error raised) if it raises."""
        with self.workspace.session() as session:
            return use_case(session, *args, **kwargs)


def changes_of(result: Any) -> Changes | None:
    """The ``Changes`` a use case returned, alone or as the last item of a tuple."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None
