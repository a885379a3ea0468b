"""The emergency numbers for each kind of crisis: static, needs no database.

Numbers from the nationwide table in `offers_data/sources/nationwide-numbers.md`.
"""

from __future__ import annotations

from bot.dialogue import messages as m
from bot.dialogue.effects import Msg, Verbatim

AMBULANCE = Msg(m.EMERGENCY_AMBULANCE, {"number": Verbatim("112")})
POLICE = Msg(m.EMERGENCY_POLICE, {"number": Verbatim("110")})
VIOLENCE = Msg(m.EMERGENCY_VIOLENCE, {"number": Verbatim("116 016")})
PREGNANT = Msg(m.EMERGENCY_PREGNANT, {"number": Verbatim("0800 40 40 020")})
SEELSORGE = Msg(m.EMERGENCY_SEELSORGE, {"number": Verbatim("0800 111 0 111 / 0800 111 0 222")})
PARENTS = Msg(m.EMERGENCY_PARENTS, {"number": Verbatim("0800 111 0 550")})
DOCTOR = Msg(m.EMERGENCY_DOCTOR, {"number": Verbatim("116 117")})

# violence that is not happening this minute: the helpline first, the police if in danger
SAFETY_KIND = "violence_recent"

BY_KIND: dict[str | None, tuple[Msg, ...]] = {
    SAFETY_KIND: (VIOLENCE, POLICE),
    "medical": (AMBULANCE, DOCTOR),
    "violence": (POLICE, VIOLENCE, AMBULANCE),
    "suicide": (SEELSORGE, AMBULANCE),
    "child_danger": (POLICE, AMBULANCE, PARENTS),
    None: (AMBULANCE, POLICE, SEELSORGE, VIOLENCE),
}


def emergency_lines(kind: str | None, pregnant: bool = False) -> tuple[Msg, ...]:
    """The numbers to show first for this kind of crisis (all of them when unsure)."""
    lines = BY_KIND.get(kind, BY_KIND[None])
    if pregnant and PREGNANT not in lines:
        lines = (*lines, PREGNANT)
    return lines
