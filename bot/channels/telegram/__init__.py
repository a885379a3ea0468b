"""The Telegram channel (python-telegram-bot 22): families, professionals, coordinators.

`app.py` wires the handlers: `chats.py` (private conversations), `sharing.py` (inline
mode and shared cards), `coordination.py` (case buttons and coordinator commands),
`delivery.py` (the outbox worker), `ordering.py` (per-chat order within a process),
`markup.py` (HTML, buttons, callback data). `server.py` runs it (webhook server with
health routes, or polling; shutdown) and `inbox.py` stores every update before it is
acknowledged and hands stored updates to the handlers, chat by chat, across processes.
"""

from bot.channels.telegram.app import ALLOWED_UPDATES, build_application, set_up_menus
from bot.channels.telegram.markup import HTML_STYLE, callback_data, choice_of

__all__ = [
    "ALLOWED_UPDATES",
    "HTML_STYLE",
    "build_application",
    "callback_data",
    "choice_of",
    "set_up_menus",
]
