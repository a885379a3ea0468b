"""Render neutral replies as text in the user's language.

A `Style` says how a channel marks up text: the terminal uses plain text, Telegram HTML.
Right-to-left replies start with a right-to-left mark and isolate Latin names, phone
numbers and web addresses (U+2068 … U+2069), so that they read correctly in Arabic and
Persian.

An offer card shows the offer's name and description in the reader's language when the
curated data has a translation (marked as automatic until a person reviewed it), else
the German original; offers confirmed long ago say so in plain words.
"""

from __future__ import annotations

import copy
import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_time, get_day_names

from bot.dialogue import messages as m
from bot.dialogue.effects import Choice, LanguageName, Lines, Msg, Param, Verbatim
from bot.dialogue.emergency import SAFETY_KIND, emergency_lines
from bot.domain.confirmed import confirmed_on, needs_check
from bot.domain.matching import Ranked, Reason
from bot.domain.offers import Offer, OfferData, Schedule
from bot.i18n.catalogs import DOMAIN, is_rtl, language_name, load_translations
from bot.nlu.language import SUPPORTED
from bot.settings import get_settings

RLM = "\u200f"
FSI, PDI = "\u2068", "\u2069"
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


@dataclass(frozen=True)
class Style:
    """How a channel escapes text and marks it bold."""

    escape: Callable[[str], str] = str
    bold: Callable[[str], str] = str


PLAIN = Style()

_REASONS = {
    "need": m.REASON_NEED,
    "place": m.REASON_PLACE,
    "nationwide": m.REASON_NATIONWIDE,
    "free_of_charge": m.REASON_FREE,
    "language": m.REASON_LANGUAGE,
    "age": m.REASON_AGE,
    "pregnancy": m.REASON_PREGNANCY,
    "home_visits": m.REASON_HOME_VISITS,
    "no_application": m.REASON_NO_APPLICATION,
    "anonymous": m.REASON_ANONYMOUS,
    "near": m.REASON_NEAR,
    "match": m.REASON_MATCH,
}


class Renderer:
    """Turns messages, offer cards and emergency numbers into text of one language."""

    def __init__(
        self,
        locales: Path,
        style: Style = PLAIN,
        domain: str = DOMAIN,
        languages: tuple[str, ...] = SUPPORTED,
        fresh_months: int | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.locales = locales
        self.translations = load_translations(locales, domain, languages)
        self.style = style
        # months after which a card asks to check by phone; None: LOTSE_OFFER_FRESH_MONTHS
        self.fresh_months = fresh_months
        self.today = today

    def with_style(self, style: Style) -> Renderer:
        """The same catalogs with another markup (e.g. plain text for storage)."""
        other = copy.copy(self)
        other.style = style
        return other

    def _gt(self, language: str) -> gettext.GNUTranslations:
        return self.translations.get(language) or self.translations["en"]

    def _isolate(self, text: str, language: str) -> str:
        escaped = self.style.escape(text)
        return f"{FSI}{escaped}{PDI}" if is_rtl(language) else escaped

    def param(self, value: Param, language: str) -> str:
        """One placeholder value, translated and escaped."""
        if isinstance(value, Msg):
            return self.text(value, language, outer=False)
        if isinstance(value, Lines):
            lang = value.language or language
            return "\n".join(self.text(line, lang, outer=False) for line in value.lines)
        if isinstance(value, tuple):
            return ", ".join(self.param(v, language) for v in value)
        if isinstance(value, LanguageName):
            return self.style.escape(
                language_name(value.code, value.code if value.native else language)
            )
        if isinstance(value, Verbatim):
            return self._isolate(value.text, language)
        return self.style.escape(str(value))

    def text(self, msg: Msg, language: str, outer: bool = True) -> str:
        """A translated message with its placeholders filled."""
        translations = self._gt(language)
        if isinstance(msg.id, m.Plural):
            template = translations.ngettext(msg.id.singular, msg.id.plural, msg.count or 0)
        else:
            template = translations.gettext(msg.id)
        values = {k: self.param(v, language) for k, v in msg.params.items()}
        body = (
            self.style.escape(template).format(**values) if values else self.style.escape(template)
        )
        return self.finish(body, language) if outer else body

    def plain_text(self, msg: Msg, language: str) -> str:
        """A translated message without markup or direction marks (menus, descriptions)."""
        translations = self._gt(language)
        template = translations.gettext(msg.id) if isinstance(msg.id, str) else msg.id.singular
        return template

    def finish(self, body: str, language: str) -> str:
        """Start right-to-left text with a right-to-left mark."""
        return RLM + body if is_rtl(language) and not body.startswith(RLM) else body

    def choice(self, choice: Choice, language: str) -> str:
        """The label of an option."""
        if isinstance(choice.label, LanguageName):
            return language_name(choice.label.code, choice.label.code, capitalize=True)
        if isinstance(choice.label, Verbatim):
            return choice.label.text
        return self.text(choice.label, language, outer=False)

    def emergency(self, kind: str | None, language: str, pregnant: bool = False) -> str:
        """The emergency numbers, introduced in the user's language."""
        intro = m.SAFETY_INTRO if kind == SAFETY_KIND else m.CRISIS_INTRO
        lines = [self.text(Msg(intro), language, outer=False)]
        lines += [
            "• " + self.text(line, language, outer=False)
            for line in emergency_lines(kind, pregnant)
        ]
        return self.finish("\n".join(lines), language)

    def need_labels(self, needs: tuple[str, ...], language: str) -> str:
        """Need ids as words of the user's language."""
        return ", ".join(self.text(Msg(m.NEED_LABELS[n]), language, outer=False) for n in needs)

    def reason(self, reason: Reason, language: str) -> str:
        """One reason an offer ranked."""
        params: dict[str, Param] = {}
        for key, value in reason.params.items():
            if key == "need":
                params[key] = Msg(m.NEED_LABELS[value])
            elif key == "language":
                params[key] = LanguageName(value)
            else:
                params[key] = Verbatim(value)
        return self.text(Msg(_REASONS[reason.code], params), language, outer=False)

    def hours(self, schedule: Schedule, language: str) -> str:
        """Opening hours formatted for the locale."""
        parts = []
        if schedule.open_24_7:
            parts.append(self.text(Msg(m.CARD_OPEN_ALWAYS), language, outer=False))
        if schedule.days and schedule.opens_at and schedule.closes_at:
            names = get_day_names("abbreviated", locale=language)
            days = ", ".join(names[_WEEKDAYS[d]] for d in schedule.days)
            opens = format_time(schedule.opens_at, "short", locale=language)
            closes = format_time(schedule.closes_at, "short", locale=language)
            parts.append(self._isolate(f"{days} {opens}–{closes}", language))
        if schedule.by_appointment:
            parts.append(self.text(Msg(m.CARD_BY_APPOINTMENT), language, outer=False))
        if schedule.description:
            parts.append(self._isolate(schedule.description, language))
        return "; ".join(parts)

    def card(
        self, ranked: Ranked, data: OfferData, language: str, with_reasons: bool = False
    ) -> str:
        """An offer card in the user's language: translated name and description, if curated."""
        offer = ranked.offer
        line = self._liner(language)
        translated = offer.translations.get(language) if language != "de" else None
        name = translated.name if translated else offer.name
        out = [self.style.bold(self._isolate(name, language))]
        org = data.organization(offer.organization)
        if org is not None and org.name != offer.name and org.name not in name:
            out.append(self._isolate(org.name, language))  # not twice: "Hilfetelefon …"
        out.append(line(m.CARD_FOR, needs=tuple(Msg(m.NEED_LABELS[n]) for n in offer.needs)))
        flags = [
            label
            for key, label in (
                ("free_of_charge", m.CARD_FREE),
                ("no_application", m.CARD_NO_APPLICATION),
                ("home_visits", m.CARD_HOME_VISITS),
                ("anonymous", m.CARD_ANONYMOUS),
            )
            if getattr(offer.access, key)
        ]
        if flags:
            out.append(" · ".join(line(f) for f in flags))
        if offer.languages:
            out.append(
                line(m.CARD_LANGUAGES, languages=tuple(LanguageName(c) for c in offer.languages))
            )
        if offer.interpretation:
            out.append(line(m.CARD_INTERPRETATION, details=Verbatim(offer.interpretation)))
        months = self.fresh_months or get_settings().offer_fresh_months
        if needs_check(offer, self.today(), months):
            year = Verbatim(str(confirmed_on(offer).year))
            out.append(line(m.CARD_CHECK_FIRST, year=year))
        out.extend(self._contact_lines(offer, language))
        hours = [self.hours(s, language) for s in offer.schedules]
        if hours:
            out.append(line(m.CARD_HOURS, hours=Verbatim("; ".join(hours))))
        area = ", ".join(a.name for a in offer.service_areas if a.kind != "country")
        out.append(line(m.CARD_AREA, area=Verbatim(area) if area else Msg(m.CARD_NATIONWIDE)))
        if with_reasons and ranked.reasons:
            reasons = " · ".join(self.reason(r, language) for r in ranked.reasons)
            out.append(line(m.CARD_WHY, reasons=Verbatim(reasons)))
        if translated is None:
            out.append(line(m.CARD_ORIGINAL) + " " + self._isolate(offer.description, language))
        elif translated.reviewed:
            out.append(self.style.escape(translated.description))
        else:
            mark = line(m.CARD_MACHINE_TRANSLATED)
            out.append(f"{self.style.escape(translated.description)} {mark}")
        return self.finish("\n".join(out), language)

    def contact_card(self, offer: Offer, language: str) -> str:
        """An offer's name and how to reach it (phone, e-mail, address, or whom to ask)."""
        translated = offer.translations.get(language) if language != "de" else None
        name = translated.name if translated else offer.name
        name = self.style.bold(self._isolate(name, language))
        return self.finish("\n".join([name, *self._contact_lines(offer, language)]), language)

    def _liner(self, language: str) -> Callable[..., str]:
        def line(message: str, **params: Param) -> str:
            return self.text(Msg(message, params), language, outer=False)

        return line

    def _contact_lines(self, offer: Offer, language: str) -> list[str]:
        line = self._liner(language)
        out = []
        phones = [p.number for p in offer.phones]
        for contact in offer.contacts:
            who = ", ".join(x for x in (contact.name, contact.department) if x)
            out.append(line(m.CARD_CONTACT, name=Verbatim(who)))
            phones += [p.number for p in contact.phones]
        for number in dict.fromkeys(phones):
            out.append(line(m.CARD_PHONE, phone=Verbatim(number)))
        emails = [offer.email, *(c.email for c in offer.contacts)]
        for email in dict.fromkeys(e for e in emails if e):
            out.append(line(m.CARD_EMAIL, email=Verbatim(email)))
        if offer.website:
            out.append(line(m.CARD_WEBSITE, url=Verbatim(offer.website)))
        for location in offer.locations:
            if location.address is not None:
                a = location.address
                text = f"{a.address_1}, {a.postal_code} {a.city}"
                out.append(line(m.CARD_ADDRESS, address=Verbatim(text)))
        if offer.ask:
            out.append(line(m.CARD_ASK, ask=Verbatim(offer.ask)))
        return out
