"""The error a service raises when a change breaks a rule of the domain."""

from __future__ import annotations


class RuleError(ValueError):
    """A refused change; the message is shown to the user next to ``field`` (or on top)."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
