"""The stable need ids of docs/needs.md: the contract between recogniser, data and figures."""

from typing import Final

NEED_IDS: Final[tuple[str, ...]] = (
    "pregnancy",
    "midwife",
    "crying_sleep",
    "feeding",
    "child_development",
    "parenting",
    "money",
    "mental_health",
    "family_conflict",
    "addiction",
    "single_parent",
    "childcare",
    "migration",
    "housing",
    "talk_to_person",
    # added in this repo (docs/needs.md): asks for help without saying with what yet
    "general_support",
)

META_INTENTS: Final[tuple[str, ...]] = (
    "greet",
    "goodbye",
    "help",
    "change_language",
    "delete_data",
    "out_of_scope",
)

CRISIS_INTENT: Final = "crisis"
# a label of the labelled messages only (intents/labelled): violence or threats that are
# not happening now ("he hit me yesterday"); the model's guess backs the safety line
VIOLENCE_LABEL: Final = "violence"
UNSPECIFIED_CRISIS: Final = "unspecified"
CRISIS_KINDS: Final[tuple[str, ...]] = ("violence", "suicide", "child_danger", "medical")


# every crisis example also teaches this one label, whatever its kind: the model learns
# what danger sounds like from all 1 600 crisis messages, not from one kind's few hundred
DANGER_LABEL: Final = "crisis_any"


def crisis_label(kind: str) -> str:
    """The model label of a crisis kind of the labelled messages ("crisis_suicide")."""
    return f"{CRISIS_INTENT}_{kind}"


ALL_INTENTS: Final[tuple[str, ...]] = (*NEED_IDS, *META_INTENTS, CRISIS_INTENT)


def is_need(value: str) -> bool:
    """Tell whether `value` is one of the stable need ids."""
    return value in NEED_IDS
