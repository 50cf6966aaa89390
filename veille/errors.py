"""Errors users see. Every user-facing failure is one line: where (file, file:line or URL) and why."""

from __future__ import annotations

from dataclasses import dataclass


class VeilleError(Exception):
    """Base of errors that are the user's input or setup, never a bug: reported without a traceback."""


class InputError(VeilleError):
    """One input (file, record, page) that cannot be read; the others go on."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(slots=True)
class Failure:
    """A document that failed at some stage, kept in the stream so a batch never dies of one bad page."""

    where: str
    reason: str
    stage: str = "read"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
