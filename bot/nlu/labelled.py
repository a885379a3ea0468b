"""Labelled messages in JSON Lines (format: docs/needs.md): evaluation sets and training data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.domain.needs import CRISIS_KINDS, NEED_IDS


@dataclass(frozen=True)
class Labelled:
    """One labelled message."""

    text: str
    needs: frozenset[str]
    crisis: bool = False
    lang: str | None = None
    location: str | None = None
    child_age_months: int | None = None
    line: int = 0
    # violence or threats not happening now: 116 016 must be shown (safety or crisis)
    violence: bool = False
    crisis_kind: str | None = None  # suicide, child_danger, violence, medical


class LabelError(ValueError):
    """A labelled file line that does not fit the format."""


def read_labelled(path: Path) -> list[Labelled]:
    """Read a JSON Lines file; raise `LabelError` naming the line of any bad entry."""
    items: list[Labelled] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            needs = frozenset(data["needs"])
            if not isinstance(data["text"], str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError) as error:
            raise LabelError(f"{path}:{number}: {error}") from error
        unknown = needs - set(NEED_IDS)
        if unknown:
            raise LabelError(f"{path}:{number}: unknown need id(s) {sorted(unknown)}")
        items.append(
            Labelled(
                text=data["text"],
                needs=needs,
                crisis=bool(data.get("crisis", False)),
                lang=data.get("lang"),
                location=data.get("location"),
                child_age_months=data.get("child_age_months"),
                line=number,
                violence=bool(data.get("violence", False)),
                crisis_kind=_kind(data.get("crisis_kind"), path, number),
            )
        )
    return items


def _kind(value: object, path: Path, number: int) -> str | None:
    if value is None or (isinstance(value, str) and value in CRISIS_KINDS):
        return value
    known = ", ".join(CRISIS_KINDS)
    raise LabelError(f"{path}:{number}: unknown crisis_kind {value!r} (one of {known})")
