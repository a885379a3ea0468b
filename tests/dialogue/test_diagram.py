"""The state diagram beside the code names exactly the stages the code has."""

from __future__ import annotations

import re

from bot.dialogue.state import STAGES
from tests.conftest import ROOT


def test_every_state_in_the_diagram_exists_in_code() -> None:
    text = (ROOT / "bot" / "dialogue" / "README.md").read_text(encoding="utf-8")
    diagram = text.split("```mermaid")[1].split("```")[0]
    named = set(re.findall(r"(\w+) -->", diagram)) | set(re.findall(r"--> (\w+)", diagram))
    named.discard("[*]")
    assert named - {"*"} == set(STAGES)
