"""Two workers that read the same pending notice deliver it once, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.storage import outbox_repo
from bot.storage.db import session_factory, transaction
from bot.storage.models import OutboxRow

NOW = dt.datetime(2026, 12, 7, 22, 0, tzinfo=dt.UTC)


def queue_one(engine: Engine) -> int:
    with transaction(engine) as session:
        outbox_repo.enqueue(session, "notice", "web", "L-TEST01", {"text": "hallo"}, NOW)
    with transaction(engine) as session:
        return session.scalars(select(OutboxRow.id)).one()


def test_a_worker_that_read_a_notice_before_another_delivered_it_leaves_it(
    engine: Engine,
) -> None:
    row_id = queue_one(engine)
    late: Session = session_factory(engine)()
    try:
        seen = late.get(OutboxRow, row_id)  # the slower worker has read it as pending
        assert seen is not None and seen.status == outbox_repo.PENDING
        with transaction(engine) as session:  # the faster one takes and delivers it
            taken = outbox_repo.take_due(session, "web", NOW)
            assert [row.id for row in taken] == [row_id]
            outbox_repo.finish(taken[0], outbox_repo.SENT, NOW)
        assert not outbox_repo.claim(late, seen, NOW)
        late.commit()
    finally:
        late.close()
    with transaction(engine) as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None and row.status == outbox_repo.SENT
        assert outbox_repo.take_due(session, "web", NOW + dt.timedelta(minutes=5)) == []


def test_a_leased_notice_is_not_taken_again_until_its_lease_ends(engine: Engine) -> None:
    row_id = queue_one(engine)
    lease = dt.timedelta(minutes=2)
    with transaction(engine) as session:
        assert [r.id for r in outbox_repo.take_due(session, "web", NOW, lease=lease)] == [row_id]
    with transaction(engine) as session:
        assert outbox_repo.take_due(session, "web", NOW + dt.timedelta(minutes=1)) == []
    with transaction(engine) as session:  # the worker died while sending: taken again later
        again = outbox_repo.take_due(session, "web", NOW + dt.timedelta(minutes=3))
        assert [r.id for r in again] == [row_id]
