"""The one way the window and the command line reach the data (after Anki's ``CollectionOp``).

A caller names a use case — a function of this package that takes a session first — and its other
arguments; ``Operations`` opens the transaction, runs it, commits or rolls back, and gives the
result back. A use case that changed something returns ``Changes`` (alone, or as the last item of
a tuple) so that the window can refresh exactly the pages that show it. Nothing above this layer
opens a session, builds a query or imports a table model.

    ops = Operations(workspace, today=date.today)      # the context, bound once when the data opens
    snapshot = ops.look(returns.get_return, month)     # plain SQL, no ORM
    rows = ops.read(classes.class_page)                # look, change nothing
    ops.check(forms.check_record, "classes", values)   # as the user types
    changes = ops.change(forms.save_record, "classes", values, class_id)

The context — the centre's policy ``profiles``, ``today`` and the user's name — is bound once, when
the runner is made, and never passed by a caller: a use case's parameter named ``profiles`` or
``today`` is filled by the runner wherever it stands in the signature, and the caller gives the
other arguments in their order (``save_record(session, key, values, profiles, today, record_id)`` is
called ``ops.change(save_record, key, values, record_id)``). A caller that means another day says
so by keyword (``today=month_end``).
"""
from __future__ import annotations

import inspect
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .changes import Changes

if TYPE_CHECKING:  # pragma: no cover
    from ..domain.policy import PolicyProfile

T = TypeVar("T")


#: the parameters the runner fills from what it was bound to
CONTEXT = ("profiles", "today")


class Operations:
    def __init__(self, workspace, today: Callable[[], date] = date.today, user: str | None = None):
        self.workspace = workspace
        self.today = today
        self.user = user

    @property
    def profiles(self) -> "dict[str, PolicyProfile]":
        return self.workspace.profiles

    def _bound(self, use_case: Callable, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
        """The caller's arguments with the context put where the use case's signature asks for it:
        positionally while the caller's positional arguments last, by keyword after them."""
        slots = _context_slots(use_case)
        if not slots:
            return args, kwargs
        context = {"profiles": self.workspace.profiles, "today": self.today()}
        given, kwargs, out = list(args), dict(kwargs), []
        for name, is_context, positional in slots:
            if not positional or not given:
                break
            if is_context:  # the runner's value, or the one the caller named by keyword
                out.append(kwargs.pop(name) if name in kwargs else context[name])
            else:
                out.append(given.pop(0))
        out.extend(given)  # more than the signature names: the use case's *args
        placed = {name for name, _, _ in slots[:len(out)]}
        for name, is_context, _ in slots:
            if is_context and name not in placed:
                kwargs.setdefault(name, context[name])
        return tuple(out), kwargs

    def read(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``use_case(session, *args)`` and keep nothing it may have changed."""
        args, kwargs = self._bound(use_case, args, kwargs)
        with self.workspace.session() as session:
            try:
                return use_case(session, *args, **kwargs)
            finally:
                session.expunge_all()  # what it returns stays readable: detached, not expired
                session.rollback()

    def look(self, use_case: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``use_case(db, *args)`` in a read transaction on a plain connection (``store.plain.Db``):
        for what only reads — the return, the alerts, the pages — without the ORM."""
        args, kwargs = self._bound(use_case, args, kwargs)
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

        args, kwargs = self._bound(use_case, args, kwargs)
        with self.workspace.session() as session:
            operation = session.info[OPERATION] = {"name": op_name if isinstance(op_name, str) else "",
                                                   "user": self.user}
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


def _context_slots(use_case: Callable) -> tuple[tuple[str, bool, bool], ...]:
    """The use case's named parameters after the session (or db): name, whether the runner fills
    it, whether it can be given positionally; empty when it takes no context at all. Looked up once
    per code object: a lambda made afresh at every call (``look(lambda db: …)``) is not kept."""
    code = getattr(use_case, "__code__", None)
    if code is not None and not hasattr(use_case, "__self__") and not hasattr(use_case, "__wrapped__"):
        return _slots_of_code(code)
    return _slots_of_signature(use_case)


@lru_cache(maxsize=None)
def _slots_of_code(code) -> tuple[tuple[str, bool, bool], ...]:
    names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]  # positional first, then keyword-only
    slots = tuple((name, name in CONTEXT, i < code.co_argcount) for i, name in enumerate(names))[1:]
    return slots if any(is_context for _, is_context, _ in slots) else ()


def _slots_of_signature(use_case: Callable) -> tuple[tuple[str, bool, bool], ...]:
    try:
        parameters = list(inspect.signature(use_case).parameters.values())[1:]
    except (TypeError, ValueError):  # a builtin without a signature: nothing to fill
        return ()
    slots = tuple((p.name, p.name in CONTEXT, p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
                  for p in parameters if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
    return slots if any(is_context for _, is_context, _ in slots) else ()


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
