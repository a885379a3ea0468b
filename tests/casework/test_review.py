"""Reviewing unanswered questions: groups, decisions per network, understood at once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.casework.review import Review
from bot.casework.service import Actor
from bot.conversation import ConversationService
from bot.domain.roles import ADMIN, COORDINATOR, Grant, Roles
from bot.nlu.grouping import group_questions
from bot.nlu.memory import Approved, ExampleMemory
from bot.nlu.message import Message
from bot.nlu.training_data import add_examples, load_intent_file
from bot.storage.db import session_factory
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.models import ReviewQuestionRow, StatCountRow, UnmetNeedRow
from bot.storage.review_repo import Question
from tests.conftest import ROOT
from tests.harness import Harness

ERIKA = Actor("console:1", Roles((Grant(COORDINATOR, "musterstadt", "Erika"),)), name="Erika")
THOMAS = Actor("console:2", Roles((Grant(COORDINATOR, "gummersbach", "Thomas"),)), name="Thomas")
ADMINISTRATOR = Actor("cli", Roles((Grant(ADMIN),)), name="Admin")
QUESTION = "Wo bekomme ich hier einen Angelschein, wir wohnen in Musterstadt?"


def ask(service: ConversationService, user: str, text: str) -> list[str]:
    return [r.text for r in Harness(service, user=user).say(text)]


def stored(service: ConversationService) -> list[ReviewQuestionRow]:
    with session_factory(service.engine)() as session:
        return list(session.scalars(select(ReviewQuestionRow).order_by(ReviewQuestionRow.id)))


def test_similar_questions_group_together_newest_and_most_frequent_first() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    texts = ["wo ist das rathaus", "Wo ist das Rathaus?", "wo is das rathaus bitte",
             "kann ich hier parken", "wo ist das rathaus"]  # fmt: skip
    questions = [Question(i, t, "de", None, None, {}, now) for i, t in enumerate(texts)]
    groups = group_questions(questions)
    assert [g.size for g in groups] == [4, 1]
    assert groups[0].items[0].id == 0  # the newest first within its group


def test_questions_carry_their_network_and_no_user(service: ConversationService) -> None:
    ask(service, "a", QUESTION)
    row = stored(service)[0]
    assert (row.network_id, row.place, row.language) == ("musterstadt", "Musterstadt", "de")
    groups = Review(service.engine).groups(ERIKA)
    assert groups[0].items[0].text == QUESTION
    assert not hasattr(groups[0].items[0], "user_key")
    assert Review(service.engine).groups(THOMAS) == []


def test_assigned_questions_are_understood_at_once_in_every_worker(
    service: ConversationService,
) -> None:
    ask(service, "a", QUESTION)
    other_worker = ExampleCatalog(service.engine, check_seconds=0)
    assert len(other_worker.current()) == 0
    review = Review(service.engine)
    ids = [q.id for g in review.groups(ERIKA) for q in g.items]
    assert review.decide(THOMAS, ids, "assigned", "parenting") == 0  # not his network
    assert review.decide(ERIKA, ids, "assigned", "parenting") == 1
    assert other_worker.current().recall(Message.of(QUESTION)) == "parenting"
    assert other_worker.current().recall(
        Message.of(QUESTION.replace("Angelschein", "Angelschien"))
    ) == ("parenting")
    shown = "\n".join(ask(service, "b", QUESTION))
    assert "Elterncafé Musterstadt" in shown
    assert Review(service.engine).groups(ERIKA) == []


def test_unmet_needs_count_in_the_report(service: ConversationService) -> None:
    ask(service, "a", QUESTION)
    ids = [r.id for r in stored(service)]
    with pytest.raises(ValueError, match="needs a need id"):
        Review(service.engine).decide(ERIKA, ids, "unmet")
    assert Review(service.engine).decide(ERIKA, ids, "unmet", "housing") == 1
    with session_factory(service.engine)() as session:
        unmet = session.scalars(select(UnmetNeedRow)).one()
        counted = session.scalars(select(StatCountRow).where(StatCountRow.metric == "unmet")).one()
    assert (unmet.need, unmet.source, unmet.network_id) == ("housing", "review", "musterstadt")
    assert (counted.detail, counted.count) == ("housing", 1)


def test_dismissed_and_out_of_scope_leave_the_list(service: ConversationService) -> None:
    ask(service, "a", QUESTION)
    ask(service, "b", "Was kostet ein Parkausweis in Musterstadt?")
    review = Review(service.engine)
    first, second = [q.id for g in review.groups(ERIKA) for q in g.items]
    review.decide(ERIKA, [first], "dismissed")
    review.decide(ERIKA, [second], "out_of_scope")
    statuses = {r.id: r.status for r in stored(service)}
    assert (statuses[first], statuses[second]) == ("dismissed", "out_of_scope")
    assert review.groups(ADMINISTRATOR) == []


def test_memory_ignores_tiny_texts() -> None:
    examples = (Approved("ok", "de", "money"), Approved("wir suchen eine Hebamme", "de", "midwife"))
    memory = ExampleMemory(1, examples)
    assert memory.recall(Message.of("ok")) is None
    assert memory.recall(Message.of("Wir suchen eine Hebamme!")) == "midwife"
    assert memory.recall(Message.of("etwas ganz anderes")) is None


def test_export_writes_examples_into_the_intents_file(tmp_path: Path) -> None:
    target = tmp_path / "de.yml"
    shutil.copy(ROOT / "intents" / "de.yml", target)
    before = target.read_text(encoding="utf-8")
    assert add_examples(target, "parenting", [QUESTION, QUESTION]) == 1
    assert add_examples(target, "parenting", [QUESTION]) == 0  # already there
    assert add_examples(target, "brand_new_intent", ["[Hallo] Welt"]) == 1
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before.split("- intent: parenting")[0])  # earlier blocks untouched
    texts = {(e.intent, e.text) for e in load_intent_file(target)}
    assert ("parenting", QUESTION) in texts and ("brand_new_intent", "(Hallo) Welt") in texts
    assert len(load_intent_file(target)) == len(load_intent_file(ROOT / "intents" / "de.yml")) + 2
