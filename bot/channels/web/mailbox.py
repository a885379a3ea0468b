"""Messages that reach a web chat after the fact: a coordinator's answer, "who has your case".

The outbox (`bot/storage/outbox_repo.py`) holds them for channel "web" like for Telegram;
`deliver_due` renders each due row and moves it into `web_messages` in one transaction
(so no lease is needed: a row is either still pending or delivered). The open chat
streams new rows; a family coming back with the same token finds them again until the
conversation retention (`LOTSE_CONVERSATION_DAYS`) ends.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from bot.casework.notices import NoticeRenderer
from bot.i18n.catalogs import is_rtl
from bot.storage import cases_repo, outbox_repo
from bot.storage.catalog import OfferCatalog
from bot.storage.db import aware, transaction
from bot.storage.models import WebMessageRow

CHANNEL = "web"


@dataclass(frozen=True)
class Delivered:
    """One message of the mailbox, as the browser gets it."""

    id: int
    text: str
    options: tuple[tuple[str, str], ...]
    language: str
    at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        """The message as the API sends it (the same shape as a reply)."""
        return {
            "id": self.id,
            "text": self.text,
            "options": [{"id": i, "label": label} for i, label in self.options],
            "language": self.language,
            "dir": "rtl" if is_rtl(self.language) else "ltr",
            "card": False,
            "location": False,
            "at": self.at.isoformat(),
        }


def deliver_due(
    engine: Engine, notices: NoticeRenderer, catalog: OfferCatalog, now: dt.datetime
) -> int:
    """Move due outbox rows of the web channel into the mailbox; return how many were handled."""
    data = catalog.current().data
    with transaction(engine) as session:
        rows = outbox_repo.take_due(session, CHANNEL, now)
        for row in rows:
            notice = notices.render(session, row, data)
            if notice is None or notice.chat is None:
                outbox_repo.finish(row, outbox_repo.SKIPPED, now)
                continue
            case = notice.reference
            language = _language_of(session, case)
            session.add(
                WebMessageRow(
                    address=notice.chat,
                    text=notice.text,
                    options=json.dumps([[o.id, o.label] for o in notice.options]),
                    language=language,
                    created_at=now,
                )
            )
            outbox_repo.finish(row, outbox_repo.SENT, now)
    return len(rows)


def _language_of(session: Session, reference: str | None) -> str:
    row = cases_repo.row_of(session, reference) if reference else None
    return row.language if row is not None and row.language else "de"


def messages_after(engine: Engine, address: str, after: int, limit: int = 50) -> list[Delivered]:
    """The mailbox of one chat after a message id, oldest first."""
    query = (
        select(WebMessageRow)
        .where(WebMessageRow.address == address, WebMessageRow.id > after)
        .order_by(WebMessageRow.id)
        .limit(limit)
    )
    with transaction(engine) as session:
        return [
            Delivered(
                row.id,
                row.text,
                tuple((str(i), str(label)) for i, label in json.loads(row.options or "[]")),
                row.language,
                aware(row.created_at),
            )
            for row in session.scalars(query)
        ]


def latest_id(engine: Engine) -> int:
    """The newest message id of all chats (0 when there is none)."""
    with transaction(engine) as session:
        return int(session.scalar(select(func.max(WebMessageRow.id))) or 0)


def erase(engine: Engine, address: str) -> int:
    """Delete the mailbox of one chat ("delete my data"); return how many messages."""
    with transaction(engine) as session:
        result = session.execute(delete(WebMessageRow).where(WebMessageRow.address == address))
    return int(getattr(result, "rowcount", 0) or 0)


def purge(engine: Engine, days: int, now: dt.datetime) -> int:
    """Delete messages older than the conversation retention; return how many."""
    before = now - dt.timedelta(days=days)
    with transaction(engine) as session:
        result = session.execute(delete(WebMessageRow).where(WebMessageRow.created_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
