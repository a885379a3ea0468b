"""What the database and the logs keep of a family's words: masked, erasable, never logged."""

from __future__ import annotations

import datetime as dt
import logging
import traceback

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from bot.casework.review import Review
from bot.casework.service import Actor
from bot.conversation import ConversationService
from bot.domain.roles import COORDINATOR, Grant, Roles
from bot.storage import conversations_repo as repo
from bot.storage.conversations_repo import count_user_rows
from bot.storage.db import session_factory, transaction
from bot.storage.migrate import downgrade, upgrade
from bot.storage.models import HandoffRow, ReviewQuestionRow, TrainingExampleRow
from bot.storage.review_repo import examples_version
from tests.harness import Harness

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
ERIKA = Actor("console:1", Roles((Grant(COORDINATOR, "musterstadt", "Erika"),)), name="Erika")
PERSONAL = (
    "Wo bekomme ich hier einen Angelschein, wir wohnen in Musterstadt? "
    "Mein Name ist Erika Mustermann, Rosenweg 7, 0171 2345678"
)
SECRET_WORDS = ("Erika", "Mustermann", "Rosenweg", "0171", "2345678")


def _ask(service: ConversationService, family: Harness, text: str) -> None:
    """A question as stored before names and addresses were masked (the text unmasked)."""
    with transaction(service.engine) as session:
        repo.store_question(session, family.key, text, "de", "Musterstadt", {}, NOW, "musterstadt")


def _assign_all(service: ConversationService) -> None:
    review = Review(service.engine)
    ids = [q.id for g in review.groups(ERIKA) for q in g.items]
    assert review.decide(ERIKA, ids, "assigned", "parenting") == len(ids) >= 1


def _examples(engine: Engine) -> list[TrainingExampleRow]:
    with session_factory(engine)() as session:
        return list(session.scalars(select(TrainingExampleRow).order_by(TrainingExampleRow.id)))


def test_assigned_question_keeps_no_name_street_or_phone(service: ConversationService) -> None:
    family = Harness(service, user="erika")
    _ask(service, family, PERSONAL)
    _assign_all(service)
    [example] = _examples(service.engine)
    assert not any(word in example.text for word in SECRET_WORDS), example.text
    assert "[name]" in example.text and "[address]" in example.text
    assert "[phone]" in example.text and "Angelschein" in example.text
    assert example.user_key == family.key


def test_delete_erases_the_training_examples_of_the_user(service: ConversationService) -> None:
    family, other = Harness(service, user="erika"), Harness(service, user="other")
    _ask(service, family, PERSONAL)
    _ask(service, other, "Wo bekomme ich einen Angelschein, ich wohne in Musterstadt?")
    _assign_all(service)
    assert len(_examples(service.engine)) == 2
    with session_factory(service.engine)() as session:
        version = examples_version(session)

    family.command("delete")
    family.press("delete:yes")

    assert [e.user_key for e in _examples(service.engine)] == [other.key]
    with session_factory(service.engine)() as session:
        assert examples_version(session) > version  # every worker forgets the example
        assert count_user_rows(session, family.key) == 0


def test_a_failing_statement_names_no_value(engine: Engine) -> None:
    """Errors (and so the logs of them) hold the statement, never its values.

    PostgreSQL quotes the failing row in its DETAIL; the engine drops that line, too.
    """
    phone = "+4915123456789 bitte erst nach 18 Uhr anrufen, danke sehr"
    with pytest.raises(SQLAlchemyError) as caught, transaction(engine) as session:
        session.execute(insert(HandoffRow).values(reference="R-1", phone=phone))
    shown = f"{caught.value}\n{caught.value.__cause__}"
    assert "4915123456789" not in shown and "R-1" not in shown, shown
    assert "parameters hidden" in shown


def test_nul_byte_is_stored_without_it_and_nothing_is_logged(
    service: ConversationService, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL refuses NUL in text: the question is stored without it, and unlogged."""
    family = Harness(service, user="nul")
    with caplog.at_level(logging.DEBUG):
        replies = family.say("blorp\x00fizz Rosenweg 7 0171 2345678 quux")
    assert replies
    with session_factory(service.engine)() as session:
        assert session.scalars(select(ReviewQuestionRow.text)).all() == [
            "blorpfizz [address] [phone] quux"
        ]
    logged = "\n".join(
        r.getMessage() + "".join(traceback.format_exception(*r.exc_info)) if r.exc_info else ""
        for r in caplog.records
    )
    assert "blorp" not in logged and "2345678" not in logged
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_upgrade_masks_the_examples_approved_before(engine: Engine) -> None:
    downgrade(engine, "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO training_examples (text, language, intent, created_by, created_at)"
                " VALUES (:text, 'de', 'parenting', 'Erika', :now)"
            ),
            {"text": PERSONAL, "now": NOW},
        )
    upgrade(engine)
    [example] = _examples(engine)
    assert not any(word in example.text for word in SECRET_WORDS), example.text
    assert example.user_key is None
