"""Coordinators in Telegram: the case buttons and the commands /cases, /invite, /casechat.

Only users with the coordinator role of a case's network may press its buttons or use
these commands; everyone else is refused (and nothing changes). Claiming a case sends
the family's contact details to the coordinator's private chat, never to the group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update, User
from telegram.constants import ChatType, ParseMode
from telegram.error import Forbidden
from telegram.ext import ContextTypes

from bot.casework import messages as sm
from bot.casework.notices import STAFF_LANGUAGE
from bot.casework.service import CLOSED, NOT_FOUND, TAKEN, Actor, CaseAnswer
from bot.channels.telegram.chats import CHANNEL, Lotse
from bot.channels.telegram.markup import acknowledge, buttons, choice_of, language_hint
from bot.conversation import Option
from bot.dialogue import messages as m
from bot.dialogue.effects import Msg, Param
from bot.domain.cases import CLAIMED, Case
from bot.domain.roles import invitation_payload

log = logging.getLogger(__name__)
COMMANDS = ("cases", "invite", "casechat")
INVITE_USES = 20
INVITE_DAYS = 30


class Coordination:
    """Handlers for coordinators; every one checks the role first."""

    def __init__(self, lotse: Lotse) -> None:
        self.lotse = lotse

    async def actor(self, user: User) -> Actor:
        """The acting user with their roles; their private chat receives answers."""
        key = self.lotse.key(user.id)
        roles = await asyncio.to_thread(self.lotse.casework.roles, key)
        return Actor(key, roles, name=user.full_name, address=str(user.id))

    def staff(self, message: str | Msg, **params: Param) -> str:
        """A coordinators' text (German, HTML)."""
        msg = message if isinstance(message, Msg) else Msg(message, params)
        return self.lotse.notices.staff_text(msg)

    # --- buttons --------------------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Case buttons (claim, show, done) and the network pickers of /invite, /casechat."""
        query = update.callback_query
        if query is None:
            return
        parts = (choice_of(query.data) or "").split(":")
        actor = await self.actor(query.from_user)
        if not actor.roles.coordinator_networks and not actor.roles.admin:
            await acknowledge(query, self.staff(sm.FORBIDDEN), alert=True)
            return
        if parts[0] == "invite" and len(parts) == 2:
            await acknowledge(query)
            await self._send_invitation(context, query.from_user.id, actor, parts[1])
            return
        if parts[0] == "casechat" and len(parts) == 2 and query.message is not None:
            await acknowledge(query)
            await self._register(context, query.message.chat.id, actor, parts[1])
            return
        if len(parts) < 3 or parts[0] != "case":
            await acknowledge(query)
            return
        action, reference = parts[1], parts[2]
        if action == "claim":
            answer = await asyncio.to_thread(self.lotse.casework.claim, reference, actor)
            if answer.ok and answer.case is not None:
                delivered = await self._send_contact(context, query.from_user.id, answer.case)
                toast = sm.CLAIM_DONE if delivered else sm.CLAIM_DONE_NO_DM
                await acknowledge(
                    query, self.staff(toast, reference=reference), alert=not delivered
                )
            else:
                await acknowledge(query, self._refusal(answer, reference), alert=True)
        elif action == "show":
            answer = await asyncio.to_thread(self.lotse.casework.find, reference, actor)
            if answer.ok and answer.case is not None and answer.case.is_open:
                await acknowledge(query)
                await self._send_contact(context, query.from_user.id, answer.case)
            else:
                await acknowledge(query, self._refusal(answer, reference), alert=True)
        elif action == "done" and len(parts) == 4:
            outcome = parts[3]
            answer = await asyncio.to_thread(self.lotse.casework.resolve, reference, actor, outcome)
            if answer.ok:
                label = Msg(sm.OUTCOMES.get(outcome, outcome))
                await acknowledge(
                    query, self.staff(sm.RESOLVED_DONE, reference=reference, outcome=label)
                )
            else:
                await acknowledge(query, self._refusal(answer, reference), alert=True)
        else:
            await acknowledge(query)
        self.lotse.wake_outbox.set()

    def _refusal(self, answer: CaseAnswer, reference: str) -> str:
        if answer.status == TAKEN and answer.case is not None:
            return self.staff(
                sm.CLAIM_TAKEN, reference=reference, name=answer.case.claimed_by or ""
            )
        if answer.status == CLOSED:
            return self.staff(sm.CASE_CLOSED, reference=reference)
        if answer.status == NOT_FOUND:
            return self.staff(sm.CASE_NOT_FOUND, reference=reference)
        return self.staff(sm.FORBIDDEN)

    async def _send_contact(
        self, context: ContextTypes.DEFAULT_TYPE, user_id: int, case: Case
    ) -> bool:
        """The family's contact details, privately to the coordinator; False if impossible."""
        text, options = self.lotse.notices.contact(case, self.network_name(case.network))
        try:
            sent = await context.bot.send_message(
                user_id, text, parse_mode=ParseMode.HTML, reply_markup=buttons(options)
            )
        except Forbidden:
            return False
        address = f"{user_id}:{sent.message_id}"
        await asyncio.to_thread(self.lotse.casework.remember_contact_post, case.reference, address)
        return True

    # --- commands -------------------------------------------------------------------------

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/cases, /invite, /casechat."""
        message, user, chat = update.effective_message, update.effective_user, update.effective_chat
        if message is None or user is None or chat is None or message.text is None:
            return
        command = message.text.lstrip("/").split()[0].split("@")[0].lower()
        actor = await self.actor(user)
        networks = actor.roles.coordinator_networks
        if not networks and not actor.roles.admin:
            language = await asyncio.to_thread(
                self.lotse.service.language_of, CHANNEL, str(user.id), language_hint(update)
            )
            await message.reply_text(
                self.lotse.text(m.COORDINATORS_ONLY, language), parse_mode=ParseMode.HTML
            )
            return
        if command == "cases":
            await self._list_cases(message.chat_id, context, actor)
        elif command == "invite":
            await self._pick_network(
                context,
                chat.id,
                networks,
                "invite",
                sm.INVITE_WHICH,
                lambda n: self._send_invitation(context, user.id, actor, n),
            )
        elif command == "casechat":
            if chat.type == ChatType.PRIVATE:
                await message.reply_text(self.staff(sm.CHAT_GROUP_ONLY), parse_mode=ParseMode.HTML)
                return
            await self._pick_network(
                context,
                chat.id,
                networks,
                "casechat",
                sm.CHAT_WHICH,
                lambda n: self._register(context, chat.id, actor, n),
            )

    def network_name(self, network: str) -> str:
        """A network's name (its id when it is not in the offer data)."""
        found = self.lotse.service.catalog.current().data.network(network)
        return found.name if found else network

    async def _pick_network(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        networks: tuple[str, ...],
        kind: str,
        question: str,
        act: Callable[[str], Awaitable[None]],
    ) -> None:
        """Act for the only network, or ask which one."""
        if len(networks) == 1:
            await act(networks[0])
            return
        options = [Option(f"{kind}:{n}", self.network_name(n)) for n in networks]
        await context.bot.send_message(
            chat_id, self.staff(question), parse_mode=ParseMode.HTML, reply_markup=buttons(options)
        )

    async def _send_invitation(
        self, context: ContextTypes.DEFAULT_TYPE, user_id: int, actor: Actor, network: str
    ) -> None:
        code = await asyncio.to_thread(
            self.lotse.casework.invite, actor, network, INVITE_USES, INVITE_DAYS
        )
        if code is None:
            await context.bot.send_message(
                user_id, self.staff(sm.FORBIDDEN), parse_mode=ParseMode.HTML
            )
            return
        payload = invitation_payload("professional", code)
        link = f"https://t.me/{context.bot.username}?start={payload}"
        text = self.staff(
            sm.INVITE_LINK,
            network=self.network_name(network),
            days=INVITE_DAYS,
            uses=INVITE_USES,
            link=link,
        )
        await context.bot.send_message(user_id, text, parse_mode=ParseMode.HTML)

    async def _register(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, actor: Actor, network: str
    ) -> None:
        done = await asyncio.to_thread(
            self.lotse.casework.register_chat, network, CHANNEL, str(chat_id), actor
        )
        name = self.network_name(network)
        text = self.staff(sm.CHAT_REGISTERED, network=name) if done else self.staff(sm.FORBIDDEN)
        await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        self.lotse.wake_outbox.set()

    async def _list_cases(
        self, chat_id: int, context: ContextTypes.DEFAULT_TYPE, actor: Actor
    ) -> None:
        cases = await asyncio.to_thread(self.lotse.casework.cases, actor)
        if not cases:
            await context.bot.send_message(
                chat_id, self.staff(sm.CASES_NONE), parse_mode=ParseMode.HTML
            )
            return
        family = self.lotse.service.renderer
        lines = [self.staff(Msg(sm.CASES_HEADER, {"count": len(cases)}, len(cases)))]
        options: list[Option] = []
        for case in cases[:20]:
            status = (
                Msg(sm.STATUS_CLAIMED, {"name": case.claimed_by or ""})
                if case.status == CLAIMED
                else Msg(sm.STATUS_OPEN)
            )
            lines.append(
                self.staff(
                    sm.CASE_LINE,
                    reference=case.reference,
                    place=case.place or "–",
                    needs=family.need_labels(case.needs, STAFF_LANGUAGE),
                    status=status,
                    when=self.lotse.notices.when(case.created_at),
                )
            )
            if case.status == CLAIMED:
                options.append(Option(f"case:show:{case.reference}", case.reference))
            else:
                options.append(
                    Option(
                        f"case:claim:{case.reference}",
                        f"{self.staff(sm.BUTTON_CLAIM)} {case.reference}",
                    )
                )
        markup: InlineKeyboardMarkup | None = buttons(options)
        await context.bot.send_message(
            chat_id, "\n".join(lines), parse_mode=ParseMode.HTML, reply_markup=markup
        )
