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
        if text.isdigit() and 1 <= int(text) <= len(self.options):
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

    def run(self, lines: Iterable[str], prompt: str = "") -> None:
        """Converse until the input ends."""
        for line in lines:
            if not line.strip():
                continue
            self.send(self.turn_for(line.rstrip("\n")))
            if prompt:
                self.out.write(prompt)
                self.out.flush()
