"""A test harness that talks to Lotse like a user: say, press, command."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.conversation import ConversationService, Reply
from bot.dialogue.engine import Turn


@dataclass
class Harness:
    """One user of one channel, with the options of the last question."""

    service: ConversationService
    user: str = "family-1"
    channel: str = "test"
    hint: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)

    def _send(self, turn: Turn) -> list[Reply]:
        replies = self.service.handle(self.channel, self.user, turn)
        for reply in replies:
            self.transcript.append(reply.text)
            if reply.options:
                self.options = {o.id: o.label for o in reply.options}
        return replies

    def say(self, text: str) -> list[Reply]:
        """Write a message."""
        return self._send(Turn(text=text, language_hint=self.hint))

    def press(self, choice: str) -> list[Reply]:
        """Press a button that the last question offered."""
        assert choice in self.options, f"{choice} not offered; options: {self.options}"
        return self._send(Turn(choice=choice, language_hint=self.hint))

    def share_location(self, latitude: float, longitude: float) -> list[Reply]:
        """Share a location (Telegram's location button)."""
        return self._send(Turn(location=(latitude, longitude), language_hint=self.hint))

    def command(self, command: str) -> list[Reply]:
        """Send a command such as /delete."""
        return self._send(Turn(command=command, language_hint=self.hint))

    def request_contact_in_chat(self, text: str) -> list[Reply]:
        """Ask for offers, then for a person who answers in the chat, and send it."""
        self.say(text)
        self.press("handoff:yes")
        self.press("consent:yes")
        self.press("contact:chat")
        self.press("times:any")
        return self.press("confirm:send")

    @property
    def key(self) -> str:
        """The user's pseudonymous key."""
        return self.service.key(self.channel, self.user)


def text_of(replies: list[Reply]) -> str:
    """All reply texts as one string."""
    return "\n".join(r.text for r in replies)
