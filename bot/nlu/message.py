"""One normalised message, computed once and passed through every understanding step.

Language detection, the classifier, entities, crisis detection, the example memory and
the professionals' search all need the same forms of a text: as written, normalised,
split into words, in Latin letters, and its script. `Message.of` computes them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from anyascii import anyascii

from bot.nlu.normalize import dominant_script, normalize

# Telegram's limit for one message; longer texts are cut (the crisis scan sees all of it)
MAX_CHARS = 4096
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Message:
    """A message as written (cut, control characters removed) and its normalised forms."""

    text: str
    norm: str

    @classmethod
    def of(cls, text: str | None) -> Message:
        """Normalise a text once; any input (None, 20 000 characters, control bytes) works."""
        raw = _CONTROL.sub(" ", (text or "")[:MAX_CHARS])
        return cls(raw, normalize(raw))

    @cached_property
    def words(self) -> list[str]:
        """The normalised words."""
        return self.norm.split()

    @cached_property
    def script(self) -> str | None:
        """The script most letters are written in (latin, arabic, cyrillic) or None."""
        return dominant_script(self.text)

    @cached_property
    def latin(self) -> str:
        """The normalised text in Latin letters, for matching across scripts."""
        if self.script in (None, "latin"):
            return self.norm
        return _SPACES.sub(" ", anyascii(self.norm).lower()).strip()

    @property
    def empty(self) -> bool:
        """Whether the message has no words at all (only emoji, punctuation, nothing)."""
        return not self.norm
