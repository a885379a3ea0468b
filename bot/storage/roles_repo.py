"""Repository for roles and invitation links (only hashes of codes are stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.domain.roles import ROLES, Grant, Roles
from bot.storage.db import aware
from bot.storage.models import InvitationRow, RoleRow


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def roles_of(session: Session, key: str) -> Roles:
    """Every grant of a user (empty for a family)."""
    rows = session.execute(
        select(RoleRow.role, RoleRow.network_id, RoleRow.name)
        .where(RoleRow.user_key == key)
        .order_by(RoleRow.id)
    )
    return Roles(tuple(Grant(role, network, name) for role, network, name in rows))


def grant(
    session: Session,
    key: str,
    role: str,
    network: str | None,
    name: str | None,
    by: str,
    now: dt.datetime,
) -> None:
    """Give a user a role (again: the name is updated)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    row = session.scalar(
        select(RoleRow).where(
            RoleRow.user_key == key,
            RoleRow.role == role,
            RoleRow.network_id.is_(None) if network is None else RoleRow.network_id == network,
        )
    )
    if row is None:
        session.add(
            RoleRow(
                user_key=key,
                role=role,
                network_id=network,
                name=name,
                granted_at=now,
                granted_by=by,
            )
        )
    elif name:
        row.name = name


@dataclass(frozen=True)
class RoleListing:
    """One grant as administrators see it (the user only as a short pseudonym)."""

    id: int
    user: str
    role: str
    network: str | None
    name: str | None
    granted_at: dt.datetime
    granted_by: str


def list_roles(session: Session) -> list[RoleListing]:
    """All grants, oldest first."""
    rows = session.scalars(select(RoleRow).order_by(RoleRow.id))
    return [
        RoleListing(r.id, r.user_key[:10], r.role, r.network_id, r.name, r.granted_at, r.granted_by)
        for r in rows
    ]


def revoke(session: Session, role_id: int) -> bool:
    """Remove one grant; tell whether it existed."""
    result = session.execute(delete(RoleRow).where(RoleRow.id == role_id))
    return bool(getattr(result, "rowcount", 0))


def create_invitation(
    session: Session,
    role: str,
    network: str | None,
    name: str | None,
    uses: int,
    days: int,
    by: str,
    now: dt.datetime,
) -> str:
    """A new invitation; returns its code, which is shown once and stored only as a hash."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    code = secrets.token_urlsafe(18)  # 24 characters of [A-Za-z0-9_-]
    session.add(
        InvitationRow(
            code_hash=_hash(code),
            role=role,
            network_id=network,
            name=name,
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
            uses_left=uses,
            created_by=by,
        )
    )
    return code


def redeem(session: Session, code: str, role: str, key: str, now: dt.datetime) -> Grant | None:
    """Use an invitation of `role` for a user; None when unknown, used up or expired."""
    row = session.scalar(
        select(InvitationRow).where(InvitationRow.code_hash == _hash(code)).with_for_update()
    )
    if row is None or row.role != role or row.uses_left < 1 or aware(row.expires_at) < now:
        return None
    row.uses_left -= 1
    grant(session, key, row.role, row.network_id, row.name, f"invitation:{row.id}", now)
    return Grant(row.role, row.network_id, row.name)
