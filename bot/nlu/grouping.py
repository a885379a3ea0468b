"""Group similar unanswered questions, so that coordinators decide once for many."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from rapidfuzz import fuzz

from bot.nlu.normalize import normalize

SIMILAR = 75  # token_sort_ratio of normalised texts within one group


class HasText(Protocol):
    """Anything with a text and a language."""

    @property
    def text(self) -> str: ...

    @property
    def language(self) -> str: ...


Q = TypeVar("Q", bound=HasText)


@dataclass
class Group(Generic[Q]):
    """Similar questions of one language; the first is the newest."""

    items: list[Q] = field(default_factory=list)
    key: str = ""

    @property
    def size(self) -> int:
        """How many questions the group holds."""
        return len(self.items)


def group_questions(questions: Sequence[Q]) -> list[Group[Q]]:
    """Groups of similar questions (given newest first): most frequent, then newest, first."""
    groups: list[Group[Q]] = []
    for question in questions:
        key = normalize(question.text)
        home = next(
            (
                g
                for g in groups
                if g.items[0].language == question.language
                and fuzz.token_sort_ratio(key, g.key) >= SIMILAR
            ),
            None,
        )
        if home is None:
            groups.append(Group([question], key))
        else:
            home.items.append(question)
    order = {id(g): i for i, g in enumerate(groups)}  # first seen = newest
    return sorted(groups, key=lambda g: (-g.size, order[id(g)]))
