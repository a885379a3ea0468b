"""Professionals: invitation links, quick search with reasons and pages, sharing cards."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.conversation import ConversationService
from bot.dialogue import messages as m
from bot.dialogue.effects import LanguageName, Msg, Verbatim
from bot.domain.matching import Reason
from bot.storage.db import session_factory, transaction
from bot.storage.models import RoleRow
from bot.storage.roles_repo import create_invitation
from tests.harness import Harness, text_of


def say(service: ConversationService, message: str, **params: object) -> str:
    return service.renderer.text(Msg(message, params), "de")  # type: ignore[arg-type]


def invitation(
    service: ConversationService,
    role: str = "professional",
    name: str | None = None,
    uses: int = 1,
    days: int = 30,
) -> str:
    now = dt.datetime.now(dt.UTC)
    with transaction(service.engine) as session:
        return create_invitation(session, role, "musterstadt", name, uses, days, "test", now)


def midwife(service: ConversationService, user: str = "midwife-1") -> Harness:
    person = Harness(service, user=user, hint="de")
    code = invitation(service)
    assert text_of(person.command(f"start pro_{code}")) == say(service, m.INVITED_PROFESSIONAL)
    return person


def test_an_invitation_link_makes_a_professional_once(service: ConversationService) -> None:
    code = invitation(service, uses=1)
    first, second = Harness(service, user="a"), Harness(service, user="b")
    assert text_of(first.command(f"start pro_{code}")) == say(service, m.INVITED_PROFESSIONAL)
    assert text_of(second.command(f"start pro_{code}")) == say(service, m.INVITATION_INVALID)
    with session_factory(service.engine)() as session:
        keys = session.scalars(select(RoleRow.user_key)).all()
    assert keys == [first.key]


def test_expired_or_foreign_invitations_are_refused(service: ConversationService) -> None:
    expired = invitation(service, days=0)
    person = Harness(service, user="c")
    assert text_of(person.command(f"start pro_{expired}")) == say(service, m.INVITATION_INVALID)
    coordinator_code = invitation(service, role="coordinator", name="Erika Beispiel")
    # a coordinator's code does not work behind the professionals' prefix
    assert text_of(person.command(f"start pro_{coordinator_code}")) == say(
        service, m.INVITATION_INVALID
    )
    assert text_of(person.command("start pro_made-up-code")) == say(service, m.INVITATION_INVALID)
    assert service.roles("test", "c").grants == ()


def test_a_coordinator_is_welcomed_by_name(service: ConversationService) -> None:
    code = invitation(service, role="coordinator", name="Erika Beispiel")
    person = Harness(service, user="erika")
    welcome = text_of(person.command(f"start co_{code}"))
    assert welcome == say(
        service, m.INVITED_COORDINATOR, name=Verbatim("Erika Beispiel"),
        network=Verbatim("Netzwerk Frühe Hilfen Musterstadt"),
    )  # fmt: skip
    assert service.roles("test", "erika").coordinates("musterstadt")
    assert not service.roles("test", "erika").coordinates("gummersbach")


def test_quick_search_shows_the_offer_with_its_reasons(service: ConversationService) -> None:
    person = midwife(service)
    replies = person.say("Schreiambulanz Musterstadt")
    cards = [r for r in replies if r.offer_id]
    assert cards[0].offer_id == "muster-crying-sleep"
    assert "Schreiambulanz Musterstadt" in cards[0].text
    why = say(service, m.CARD_WHY, reasons="").strip()
    assert why in cards[0].text and "schreiambulanz" in cards[0].text
    # no questions about age or consent for professionals
    assert not any(r.options and "handoff:yes" in [o.id for o in r.options] for r in replies)


def test_quick_search_by_language_and_postcode(service: ConversationService) -> None:
    person = midwife(service)
    replies = person.say("Familienhebamme auf Arabisch 00101")
    first = next(r for r in replies if r.offer_id)
    assert first.offer_id == "muster-midwife"
    assert service.renderer.reason(Reason("language", {"language": "ar"}), "de") in first.text


def test_a_language_nobody_speaks_is_said_honestly(service: ConversationService) -> None:
    person = midwife(service)
    shown = text_of(person.say("Beratung auf Arabisch 53721"))
    expected = say(
        service, m.SEARCH_LANGUAGE_MISSING, language=LanguageName("ar"), place=Verbatim("Siegburg")
    )
    assert expected in shown


def test_results_come_in_pages_of_five(service: ConversationService) -> None:
    person = midwife(service)
    first = person.say("Musterstadt")
    first_cards = [r.offer_id for r in first if r.offer_id]
    assert len(first_cards) == 5
    assert "more:1" in person.options
    second = [r.offer_id for r in person.press("more:1") if r.offer_id]
    assert second and not set(second) & set(first_cards)
    assert "more:0" in person.options  # back to the first page


def test_families_get_no_search_and_no_share_buttons(family: Harness) -> None:
    replies = family.say("Schreiambulanz Musterstadt")
    assert not any(r.offer_id for r in replies)
    assert "handoff:yes" in family.options


def test_a_kind_not_listed_in_the_place_is_said_before_the_alternatives(
    service: ConversationService,
) -> None:
    person = midwife(service)
    replies = person.say("Schuldnerberatung Coesfeld")
    shown = text_of(replies)
    missing = say(
        service,
        m.SEARCH_KIND_MISSING,
        kind=Verbatim("Schuldnerberatung"),
        place=Verbatim("Coesfeld"),
    )
    assert missing in shown
    cards = [r for r in replies if r.offer_id]
    assert cards and shown.index(missing) < shown.index(cards[0].text)
    # the local point of contact first, then the nearest money advice elsewhere
    assert cards[0].offer_id == "coesfeld-fruehe-hilfen"
    index = service.catalog.current()
    assert any("money" in index.by_id[r.offer_id].needs for r in cards[1:] if r.offer_id)


def test_a_kind_listed_in_the_place_needs_no_such_sentence(service: ConversationService) -> None:
    person = midwife(service)
    shown = text_of(person.say("Schreiambulanz Musterstadt"))
    missing = say(
        service,
        m.SEARCH_KIND_MISSING,
        kind=Verbatim("Schreiambulanz"),
        place=Verbatim("Musterstadt"),
    )
    assert missing not in shown
