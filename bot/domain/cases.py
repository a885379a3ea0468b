"""A family's hand-off request as a coordinator works it: open -> claimed -> resolved."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

OPEN = "open"
CLAIMED = "claimed"
RESOLVED = "resolved"
STATUSES = (OPEN, CLAIMED, RESOLVED)
# how a case ended
REACHED = "reached"
UNREACHABLE = "unreachable"
REFERRED = "referred"
OUTCOMES = (REACHED, UNREACHABLE, REFERRED)


@dataclass(frozen=True)
class Case:
    """One hand-off request with its case work; contact details only while it is open."""

    reference: str
    network: str
    status: str
    needs: tuple[str, ...]
    place: str | None
    child_age_months: int | None
    pregnant: bool
    language: str
    contact_method: str
    phone: str | None
    times: str | None
    summary_de: str
    created_at: dt.datetime
    channel: str | None = None
    family_reachable: bool = True
    claimed_by: str | None = None
    claimed_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    outcome: str | None = None
    notes: str | None = None

    @property
    def is_open(self) -> bool:
        """Open or claimed, not yet resolved."""
        return self.status != RESOLVED

    @property
    def answers_in_chat(self) -> bool:
        """The family asked for an answer in the chat and can be written to."""
        return self.contact_method == "chat" and self.channel is not None

    def without_contact(self) -> Case:
        """The same case with the family's contact details removed (for closed cases)."""
        return dataclasses.replace(self, phone=None)


def working_days_between(start: dt.datetime, end: dt.datetime) -> float:
    """Working days (Monday to Friday) from `start` to `end`, in fractions of a day."""
    if end <= start:
        return 0.0
    total = 0.0
    cursor = start
    while cursor < end:
        next_midnight = dt.datetime.combine(
            cursor.date() + dt.timedelta(days=1), dt.time(), tzinfo=cursor.tzinfo
        )
        stop = min(next_midnight, end)
        if cursor.weekday() < 5:
            total += (stop - cursor).total_seconds() / 86400
        cursor = stop
    return total
