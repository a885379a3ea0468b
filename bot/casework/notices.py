"""What the outbox delivers, rendered for any channel: case posts, notices, relayed messages.

A worker takes due outbox rows and asks `render` what each one means now: which chat,
which text, which buttons, or which earlier message to edit. A row whose case was
erased in the meantime (by /delete or retention) renders to nothing and is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from bot.casework import messages as sm
from bot.casework.service import COORDINATOR_CHANNEL
from bot.conversation import Option
from bot.dialogue import messages as m
from bot.dialogue.effects import LanguageName, Msg, Param, Verbatim
from bot.domain.cases import CLAIMED, OPEN, OUTCOMES, RESOLVED, Case
from bot.domain.offers import OfferData
from bot.i18n.render import Renderer
from bot.storage import cases_repo, outbox_repo
from bot.storage.models import HandoffRow, OutboxRow

LOCAL_TIME = ZoneInfo("Europe/Berlin")
STAFF_LANGUAGE = "de"


@dataclass(frozen=True)
class Notice:
    """One delivery: send `text` to `chat`, or edit the message at `edit`."""

    kind: str
    reference: str | None
    chat: str | None
    text: str
    options: tuple[Option, ...] = ()
    edit: str | None = None  # "chat:message" of an earlier message to change instead
    extra_edits: tuple[tuple[str, str], ...] = ()  # further (address, text) to change
    remember: str | None = None  # "post": keep where it was posted, on the case
    to_family: bool = False


@dataclass
class NoticeRenderer:
    """Renders outbox rows with the families' and the coordinators' catalogs."""

    family: Renderer
    staff: Renderer

    def render(self, session: Session, row: OutboxRow, data: OfferData) -> Notice | None:
        """The delivery an outbox row stands for, or None when there is nothing to send."""
        case_row = cases_repo.row_of(session, row.reference) if row.reference else None
        if case_row is None:
            return None
        case = cases_repo.as_case(case_row)
        payload = outbox_repo.payload_of(row)
        network = data.network(case.network)
        network_name = network.name if network else case.network
        if row.kind in ("case_new", "case_reminder"):
            chat = cases_repo.coordinator_chat(session, case.network, COORDINATOR_CHANNEL)
            if chat is None or case.status != OPEN:
                return None
            text = self.post(case, network_name)
            if row.kind == "case_reminder":
                days = int(payload.get("days", 0))
                reminder = self.staff_text(
                    Msg(sm.POST_REMINDER, {"reference": case.reference, "days": days})
                )
                text = f"{reminder}\n\n{text}"
            return Notice(
                row.kind,
                case.reference,
                chat.chat_id,
                text,
                self.post_options(case),
                remember="post" if row.kind == "case_new" else None,
            )
        if row.kind == "case_update":
            return self._update(case_row, case, network_name)
        if row.kind == "case_claimed":
            return self._claimed(case_row, case, network_name)
        if row.kind == "relay_family" and case_row.address and case.family_reachable:
            header = self.family.text(
                Msg(
                    m.RELAYED_MESSAGE,
                    {
                        "name": Verbatim(str(payload.get("name", ""))),
                        "network": Verbatim(network_name),
                        "reference": Verbatim(case.reference),
                    },
                ),
                case.language,
            )
            body = self.family.style.escape(str(payload.get("text", "")))
            reply = Option(f"reply:{case.reference}", self._family_label(m.CHOICE_REPLY, case))
            return Notice(
                row.kind,
                case.reference,
                case_row.address,
                f"{header}\n\n{body}",
                (reply,),
                to_family=True,
            )
        if row.kind == "relay_coordinator" and case_row.coordinator_address:
            header = self.staff_text(Msg(sm.FAMILY_ANSWER, {"reference": case.reference}))
            body = self.staff.style.escape(str(payload.get("text", "")))
            write = Option(f"write:{case.reference}", self.staff_text(Msg(sm.BUTTON_WRITE)))
            return Notice(
                row.kind,
                case.reference,
                case_row.coordinator_address,
                f"{header}\n\n{body}",
                (write,),
            )
        if row.kind == "relay_failed" and case_row.coordinator_address:
            text = f"{case.reference}: {self.staff_text(Msg(sm.CONTACT_UNREACHABLE))}"
            return Notice(row.kind, case.reference, case_row.coordinator_address, text)
        return None

    # --- the post in the coordinators' chat -----------------------------------------------

    def post(self, case: Case, network_name: str) -> str:
        """The case as coordinators see it in their chat: no phone number, no address."""
        de = STAFF_LANGUAGE
        lines = [
            self.staff.style.bold(
                self.staff_text(
                    Msg(sm.POST_NEW, {"reference": case.reference, "network": network_name})
                )
            ),
            self.staff_text(Msg(sm.POST_NEEDS, {"needs": self.family.need_labels(case.needs, de)})),
        ]
        if case.place:
            lines.append(self.staff_text(Msg(sm.POST_PLACE, {"place": case.place})))
        if case.pregnant:
            lines.append(self.staff_text(Msg(sm.POST_PREGNANT)))
        if case.child_age_months == 0:
            lines.append(self.staff_text(Msg(sm.POST_NEWBORN)))
        elif case.child_age_months is not None:
            count = case.child_age_months
            lines.append(self.staff_text(Msg(sm.POST_AGE, {"count": count}, count)))
        language = LanguageName(case.language)
        lines.append(self.staff_text(Msg(sm.POST_LANGUAGE, {"language": language})))
        times = Msg(sm.TIMES.get(case.times or "any", sm.TIMES["any"]))
        contact = sm.POST_CALL_BACK if case.contact_method == "phone" else sm.POST_ANSWER_IN_CHAT
        lines.append(self.staff_text(Msg(contact, {"times": times})))
        lines.append(self.staff_text(Msg(sm.POST_RECEIVED, {"when": self.when(case.created_at)})))
        if case.status == CLAIMED:
            lines.append(self.staff_text(Msg(sm.POST_CLAIMED, {"name": case.claimed_by or "–"})))
        elif case.status == RESOLVED:
            outcome = Msg(sm.OUTCOMES.get(case.outcome or "", sm.OUTCOMES["reached"]))
            name = case.claimed_by or "–"
            lines.append(self.staff_text(Msg(sm.POST_RESOLVED, {"name": name, "outcome": outcome})))
        return "\n".join(lines)

    def post_options(self, case: Case) -> tuple[Option, ...]:
        """Take on (open) or the outcomes (claimed); nothing once resolved."""
        if case.status == OPEN:
            return (Option(f"case:claim:{case.reference}", self.staff_text(Msg(sm.BUTTON_CLAIM))),)
        if case.status == CLAIMED:
            return self.outcome_options(case)
        return ()

    def outcome_options(self, case: Case) -> tuple[Option, ...]:
        """The buttons that close a case."""
        return tuple(
            Option(f"case:done:{case.reference}:{o}", self.staff_text(Msg(sm.BUTTON_OUTCOME[o])))
            for o in OUTCOMES
        )

    def contact(self, case: Case, network_name: str) -> tuple[str, tuple[Option, ...]]:
        """The private message to the coordinator who took the case on: how to reach the family."""
        lines = [
            self.staff.style.bold(
                self.staff_text(
                    Msg(sm.CONTACT_TAKEN, {"reference": case.reference, "network": network_name})
                )
            )
        ]
        options: list[Option] = []
        times = Msg(sm.TIMES.get(case.times or "any", sm.TIMES["any"]))
        if case.contact_method == "phone" and case.phone:
            lines.append(
                self.staff_text(Msg(sm.CONTACT_PHONE, {"phone": case.phone, "times": times}))
            )
        elif case.answers_in_chat and case.family_reachable:
            language = LanguageName(case.language)
            lines.append(self.staff_text(Msg(sm.CONTACT_CHAT, {"language": language})))
            options.append(Option(f"write:{case.reference}", self.staff_text(Msg(sm.BUTTON_WRITE))))
        elif case.answers_in_chat:
            lines.append(self.staff_text(Msg(sm.CONTACT_UNREACHABLE)))
        else:
            lines.append(self.staff_text(Msg(sm.CONTACT_NO_CHAT)))
        lines += [
            "",
            self.staff_text(Msg(sm.CONTACT_SUMMARY)),
            self.staff.style.escape(case.summary_de),
        ]
        return "\n".join(lines), (*options, *self.outcome_options(case))

    def when(self, moment: dt.datetime) -> str:
        """A moment in German local time."""
        return format_datetime(moment, "dd.MM.yyyy HH:mm", tzinfo=LOCAL_TIME, locale="de")

    # --- helpers --------------------------------------------------------------------------

    def _update(self, row: HandoffRow, case: Case, network_name: str) -> Notice | None:
        extra: tuple[tuple[str, str], ...] = ()
        if case.status == RESOLVED and row.contact_post:
            erased = self.staff_text(Msg(sm.CONTACT_ERASED, {"reference": case.reference}))
            extra = ((row.contact_post, erased),)
        if row.post_address is None and not extra:
            return None
        text = self.post(case, network_name)
        return Notice(
            "case_update",
            case.reference,
            None,
            text,
            self.post_options(case),
            edit=row.post_address,
            extra_edits=extra,
        )

    def _claimed(self, row: HandoffRow, case: Case, network_name: str) -> Notice | None:
        if not row.address or case.status != CLAIMED or not case.family_reachable:
            return None
        message = m.CASE_TAKEN_CHAT if case.answers_in_chat else m.CASE_TAKEN
        params: dict[str, Param] = {
            "name": Verbatim(case.claimed_by or ""),
            "network": Verbatim(network_name),
            "reference": Verbatim(case.reference),
        }
        text = self.family.text(Msg(message, params), case.language)
        options: tuple[Option, ...] = ()
        if case.answers_in_chat:
            options = (Option(f"reply:{case.reference}", self._family_label(m.CHOICE_REPLY, case)),)
        return Notice("case_claimed", case.reference, row.address, text, options, to_family=True)

    def staff_text(self, msg: Msg) -> str:
        """A coordinators' text in their language (German)."""
        return self.staff.text(msg, STAFF_LANGUAGE, outer=False)

    def _family_label(self, message: str, case: Case) -> str:
        return self.family.text(Msg(message), case.language, outer=False)
