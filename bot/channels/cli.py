"""The terminal channel: `lotse chat`. Options are numbered; piped input is scriptable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bot.conversation import ConversationService, Reply
from bot.dialogue.engine import COMMANDS, Turn

CHANNEL = "cli"


class TerminalChat:
    """One terminal conversation: read a line, answer with numbered options."""

    def __init__(self, service: ConversationService, out: TextIO, user: str = "terminal") -> None:
        self.service = service
        self.out = out
        self.user = user
        self.options: list[str] = []

    def turn_for(self, line: str, hint: str | None = None) -> Turn:
        """Map a typed line to a turn: a number picks an option, /word is a command."""
        text = line.strip()
        # int() only on up to 3 ASCII digits: "²" is a digit int() refuses, 5,000 digits too long
        if _option_number(text) and 1 <= int(text) <= len(self.options):
            return Turn(choice=self.options[int(text) - 1], language_hint=hint)
        if text.startswith("/") and text[1:].split(" ")[0].lower() in COMMANDS:
            return Turn(command=text[1:], language_hint=hint)
        return Turn(text=line, language_hint=hint)

    def send(self, turn: Turn) -> list[Reply]:
        """Handle one turn and print the replies."""
        replies = self.service.handle(CHANNEL, self.user, turn)
        self.show(replies)
        return replies

    def show(self, replies: Iterable[Reply]) -> None:
        """Print replies; remember the options of the last question."""
        for reply in replies:
            self.out.write(reply.text.rstrip() + "\n")
            if reply.options:
                self.options = [o.id for o in reply.options]
                for number, option in enumerate(reply.options, start=1):
                    self.out.write(f"  {number}) {option.label}\n")
            self.out.write("\n")
        self.out.flush()

    def run(self, lines: Iterable[str], prompt: str = "", echo: bool | None = None) -> None:
        """Converse until the input ends.

        `echo` (default: when there is no prompt, i.e. piped input) writes each line as
        `> line` before the answers, so a scripted transcript reads as a conversation.
        """
        echo = not prompt if echo is None else echo
        for line in lines:
            if not line.strip():
                continue
            if echo:
                self.out.write(f"> {line.strip()}\n")
            self.send(self.turn_for(line.rstrip("\n")))
            if prompt:
                self.out.write(prompt)
                self.out.flush()


def _option_number(text: str) -> bool:
    """Whether `text` is a short option number (1 to 3 ASCII digits)."""
    return 1 <= len(text) <= 3 and text.isascii() and text.isdecimal()
