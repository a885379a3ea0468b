"""Working the cases: claim, resolve, pass messages on, remind — with the role checks.

Every function checks the actor's role first: only coordinators of a case's network
(or administrators) may see or change it. Every change that someone must hear about
writes an outbox row in the same transaction; channel workers deliver them
(`notices.py` says what they contain).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.domain import report
from bot.domain.cases import CLAIMED, OPEN, OUTCOMES, RESOLVED, Case, working_days_between
from bot.domain.roles import Roles
from bot.storage import cases_repo, outbox_repo, roles_repo, stats_repo
from bot.storage.db import aware, transaction
from bot.storage.models import HandoffRow

# coordinators' chats are Telegram chats; the console reads the database directly
COORDINATOR_CHANNEL = "telegram"

OK, NOT_FOUND, FORBIDDEN, TAKEN, CLOSED, UNREACHABLE = (
    "ok",
    "not_found",
    "forbidden",
    "taken",
    "closed",
    "unreachable",
)


def utc_now() -> dt.datetime:
    """The current moment in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: a chat user (pseudonymous key) or a console account."""

    key: str
    roles: Roles
    name: str | None = None
    address: str | None = None  # a chat where answers of families can reach the actor

    def display_name(self, network: str) -> str:
        """The name families and colleagues see."""
        return self.roles.name_for(network) or self.name or "Netzwerkkoordination"


@dataclass(frozen=True)
class CaseAnswer:
    """What came of an action on a case."""

    status: str
    case: Case | None = None
    by_family: bool = False  # a relayed message written by the family

    @property
    def ok(self) -> bool:
        """The action was carried out."""
        return self.status == OK


def announce_new(session: Session, reference: str, now: dt.datetime) -> None:
    """Queue the post of a new hand-off in its network's coordinator chat."""
    outbox_repo.enqueue(session, "case_new", COORDINATOR_CHANNEL, reference, {}, now)


def claim_in(session: Session, row: HandoffRow, actor: Actor, now: dt.datetime) -> CaseAnswer:
    """Claim a locked case row for a coordinator (role already checked)."""
    if row.status == RESOLVED:
        return CaseAnswer(CLOSED, cases_repo.as_case(row))
    if row.status == CLAIMED and row.claimed_by_key != actor.key:
        return CaseAnswer(TAKEN, cases_repo.as_case(row))
    if row.status == OPEN:
        cases_repo.claim(row, actor.key, actor.display_name(row.network_id), actor.address, now)
        _count_claim(session, row, now)
        outbox_repo.enqueue(session, "case_update", COORDINATOR_CHANNEL, row.reference, {}, now)
        if row.address and row.channel:
            outbox_repo.enqueue(session, "case_claimed", row.channel, row.reference, {}, now)
    elif actor.address and row.coordinator_address != actor.address:
        row.coordinator_address = actor.address
    return CaseAnswer(OK, cases_repo.as_case(row))


def relay_in(
    session: Session, reference: str, writer: Actor, text: str, now: dt.datetime
) -> CaseAnswer:
    """Pass a message between the family of a case and the coordinator who holds it.

    The family's message goes to the coordinator's chat (or, when the case was claimed
    in the console, into the case notes). A coordinator of the network may write to the
    family; writing takes the case on if nobody holds it yet.
    """
    row = cases_repo.row_of(session, reference, lock=True)
    if row is None:
        return CaseAnswer(NOT_FOUND)
    if row.status == RESOLVED:
        return CaseAnswer(CLOSED, cases_repo.as_case(row))
    if row.user_key == writer.key:
        if row.coordinator_address:
            payload = {"text": text}
            outbox_repo.enqueue(
                session, "relay_coordinator", COORDINATOR_CHANNEL, row.reference, payload, now
            )
        else:
            cases_repo.add_note(row, f"{now:%d.%m.%Y %H:%M} Familie: {text}", now)
        return CaseAnswer(OK, cases_repo.as_case(row), by_family=True)
    if not writer.roles.coordinates(row.network_id):
        return CaseAnswer(FORBIDDEN)
    claimed = claim_in(session, row, writer, now)
    if not claimed.ok:
        return claimed
    if not (row.address and row.channel and row.family_reachable):
        return CaseAnswer(UNREACHABLE, cases_repo.as_case(row))
    payload = {"text": text, "name": writer.display_name(row.network_id)}
    outbox_repo.enqueue(session, "relay_family", row.channel, row.reference, payload, now)
    return CaseAnswer(OK, cases_repo.as_case(row))


def _count_claim(session: Session, row: HandoffRow, now: dt.datetime) -> None:
    stats_repo.count(session, now, row.network_id, report.HANDOFF_CLAIMED, row.language)
    waited = (now - aware(row.created_at)).total_seconds() / 60
    stats_repo.claim_time(session, now, row.network_id, waited)


def _case_for(session: Session, reference: str, actor: Actor) -> HandoffRow | CaseAnswer:
    """The locked case row, or the refusal: not found, or not one of the actor's networks."""
    row = cases_repo.row_of(session, reference, lock=True)
    if row is None:
        return CaseAnswer(NOT_FOUND)
    if not actor.roles.coordinates(row.network_id):
        return CaseAnswer(FORBIDDEN)
    return row


class Casework:
    """Case actions in their own transactions, for channels, the console and the CLI."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    def roles(self, key: str) -> Roles:
        """The roles of a user (empty for a family)."""
        with transaction(self.engine) as session:
            return roles_repo.roles_of(session, key)

    def find(self, reference: str, actor: Actor) -> CaseAnswer:
        """A case, if the actor may see it."""
        with transaction(self.engine) as session:
            row = _case_for(session, reference, actor)
            return row if isinstance(row, CaseAnswer) else CaseAnswer(OK, cases_repo.as_case(row))

    def claim(self, reference: str, actor: Actor) -> CaseAnswer:
        """Take a case on; the family is told who has it."""
        with transaction(self.engine) as session:
            row = _case_for(session, reference, actor)
            if isinstance(row, CaseAnswer):
                return row
            return claim_in(session, row, actor, self.clock())

    def resolve(
        self, reference: str, actor: Actor, outcome: str, note: str | None = None
    ) -> CaseAnswer:
        """Close a case with its outcome; the contact details are erased."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; one of {', '.join(OUTCOMES)}")
        now = self.clock()
        with transaction(self.engine) as session:
            row = _case_for(session, reference, actor)
            if isinstance(row, CaseAnswer):
                return row
            if row.status == RESOLVED:
                return CaseAnswer(CLOSED, cases_repo.as_case(row))
            if row.claimed_by is None:
                cases_repo.claim(row, actor.key, actor.display_name(row.network_id), None, now)
                _count_claim(session, row, now)
            elif row.claimed_by_key != actor.key:
                row.claimed_by = actor.display_name(row.network_id)
            cases_repo.resolve(row, outcome, note, now)
            stats_repo.count(
                session, now, row.network_id, report.HANDOFF_RESOLVED, row.language, detail=outcome
            )
            outbox_repo.enqueue(session, "case_update", COORDINATOR_CHANNEL, reference, {}, now)
            return CaseAnswer(OK, cases_repo.as_case(row))

    def add_note(self, reference: str, actor: Actor, note: str) -> CaseAnswer:
        """Add a short note to a case."""
        with transaction(self.engine) as session:
            row = _case_for(session, reference, actor)
            if isinstance(row, CaseAnswer):
                return row
            name = actor.display_name(row.network_id)
            cases_repo.add_note(row, f"{self.clock():%d.%m.%Y %H:%M} {name}: {note}", self.clock())
            return CaseAnswer(OK, cases_repo.as_case(row))

    def relay(self, reference: str, writer: Actor, text: str) -> CaseAnswer:
        """Pass a message on (see `relay_in`)."""
        with transaction(self.engine) as session:
            return relay_in(session, reference, writer, text, self.clock())

    def remember_contact_post(self, reference: str, address: str) -> None:
        """Where the private message with a case's contact details was sent (erased at close)."""
        with transaction(self.engine) as session:
            row = cases_repo.row_of(session, reference, lock=True)
            if row is not None:
                row.contact_post = address

    def remember_post(self, reference: str, address: str) -> None:
        """Where a case was posted in the coordinators' chat (edited as the case moves on)."""
        with transaction(self.engine) as session:
            row = cases_repo.row_of(session, reference, lock=True)
            if row is not None:
                row.post_address = address

    def cases(self, actor: Actor, statuses: tuple[str, ...] = (OPEN, CLAIMED)) -> list[Case]:
        """The cases of the actor's networks (all networks for administrators)."""
        networks = None if actor.roles.admin else actor.roles.coordinator_networks
        with transaction(self.engine) as session:
            return cases_repo.list_cases(session, networks, statuses)

    def register_chat(self, network: str, channel: str, chat_id: str, actor: Actor) -> bool:
        """Make a chat the coordinator chat of a network; refused without the role."""
        if not actor.roles.coordinates(network):
            return False
        now = self.clock()
        with transaction(self.engine) as session:
            cases_repo.set_coordinator_chat(session, network, channel, chat_id, now)
            for case in cases_repo.list_cases(session, [network], (OPEN,)):
                announce_new(session, case.reference, now)  # what waits is posted there too
        return True

    def invite(self, actor: Actor, network: str, uses: int = 20, days: int = 30) -> str | None:
        """A professionals' invitation code for a network; None without the role."""
        if not actor.roles.coordinates(network):
            return None
        with transaction(self.engine) as session:
            return roles_repo.create_invitation(
                session,
                "professional",
                network,
                None,
                uses,
                days,
                f"coordinator:{actor.key[:10]}",
                self.clock(),
            )

    def enqueue_reminders(self, working_days: float) -> int:
        """Queue a reminder for each open case unclaimed for `working_days`; return how many."""
        now = self.clock()
        count = 0
        # a case of `working_days` working days is at least that many calendar days old
        with transaction(self.engine) as session:
            for row in cases_repo.unclaimed_before(session, now - dt.timedelta(days=working_days)):
                waited = working_days_between(aware(row.created_at), now)
                if waited >= working_days:
                    row.reminded_at = now
                    payload = {"days": int(waited)}
                    outbox_repo.enqueue(
                        session, "case_reminder", COORDINATOR_CHANNEL, row.reference, payload, now
                    )
                    count += 1
        return count
