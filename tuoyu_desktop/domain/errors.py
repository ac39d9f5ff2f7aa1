"""The one error type that carries every problem of a user's input, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (field, optional row) and why."""

    field: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        if self.row is not None:
            return f"第{self.row}行 {self.field}: {self.message}"
        return f"{self.field}: {self.message}"


class InputError(Exception):
    """Bad input from the user; carries every problem found, never only the first."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p).lstrip(": ") for p in self.problems))

    def for_field(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]


class Collector:
    """Gathers problems while a form or row is checked; raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, row: int | None = None) -> None:
        self.problems.append(Problem(field, message, row))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


class ProfileError(Exception):
    """A policy profile file that cannot be used; the message names the file and field."""
