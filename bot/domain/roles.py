"""Who may do what: professionals search and share offers, coordinators work cases.

Every function beyond the family conversation needs an explicit role; everything else
is denied. A coordinator is coordinator of one network (or several, one grant each);
an administrator may work every network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROFESSIONAL = "professional"
COORDINATOR = "coordinator"
ADMIN = "admin"
ROLES = (PROFESSIONAL, COORDINATOR, ADMIN)

# deep-link payloads: /start pro_<code>, /start co_<code>, /start net_<network>
INVITE_PREFIXES = {"pro_": PROFESSIONAL, "co_": COORDINATOR}
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Grant:
    """One role of a user, for one network or none."""

    role: str
    network: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Roles:
    """All grants of one user; the empty value is a family."""

    grants: tuple[Grant, ...] = ()

    @property
    def professional(self) -> bool:
        """Professional functions (search, inline cards): professionals and coordinators."""
        return bool(self.grants)

    @property
    def admin(self) -> bool:
        """May work every network."""
        return any(g.role == ADMIN for g in self.grants)

    @property
    def coordinator_networks(self) -> tuple[str, ...]:
        """The networks this user coordinates."""
        return tuple(g.network for g in self.grants if g.role == COORDINATOR and g.network)

    def coordinates(self, network: str) -> bool:
        """Tell whether this user may work the cases of `network`."""
        return self.admin or network in self.coordinator_networks

    def name_for(self, network: str) -> str | None:
        """The name this user goes by in `network` (shown to families on a claim)."""
        for grant in self.grants:
            if grant.network == network and grant.name:
                return grant.name
        return next((g.name for g in self.grants if g.name), None)


@dataclass(frozen=True)
class Invitation:
    """A parsed invitation deep link."""

    role: str
    code: str


def parse_invitation(payload: str) -> Invitation | None:
    """The invitation in a /start payload, or None."""
    if not _PAYLOAD.fullmatch(payload):
        return None
    for prefix, role in INVITE_PREFIXES.items():
        if payload.startswith(prefix) and len(payload) > len(prefix):
            return Invitation(role, payload[len(prefix) :])
    return None


def invitation_payload(role: str, code: str) -> str:
    """The /start payload of an invitation (at most 64 characters of [A-Za-z0-9_-])."""
    prefix = next(p for p, r in INVITE_PREFIXES.items() if r == role)
    payload = prefix + code
    if not _PAYLOAD.fullmatch(payload):
        raise ValueError("an invitation code must be 1-60 characters of [A-Za-z0-9_-]")
    return payload
