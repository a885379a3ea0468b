"""`lotse rasa-init DIR`: a Rasa 3.x starter project wired to Lotse's action server."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.domain.needs import META_INTENTS, NEED_IDS
from bot.nlu.rasa_export import export_rasa_project

ACTIONS = (
    "action_lotse_find_offers",
    "action_lotse_emergency",
    "action_lotse_unanswered",
    "action_lotse_submit_handoff",
    "validate_lotse_handoff_form",
)


def domain() -> dict[str, object]:
    """The domain: Lotse's intents, slots, the hand-off form and the actions."""
    text_slot = {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]}
    return {
        "version": "3.1",
        "intents": [*NEED_IDS, *META_INTENTS, "crisis", "affirm", "deny"],
        "entities": ["location", "phone"],
        "slots": {
            "language": text_slot,
            "lotse_place": {
                "type": "text",
                "influence_conversation": False,
                "mappings": [{"type": "from_entity", "entity": "location"}],
            },
            "lotse_needs": {
                "type": "list",
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            },
            "lotse_offer_ids": {
                "type": "list",
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            },
            "lotse_consent": {
                "type": "bool",
                "influence_conversation": False,
                "mappings": [
                    {"type": "from_intent", "intent": "affirm", "value": True},
                    {"type": "from_intent", "intent": "deny", "value": False},
                ],
            },
            "lotse_contact_method": {
                "type": "text",
                "influence_conversation": False,
                "mappings": [{"type": "from_text"}],
            },
            "lotse_phone": {
                "type": "text",
                "influence_conversation": False,
                "mappings": [{"type": "from_text"}],
            },
        },
        "forms": {
            "lotse_handoff_form": {
                "required_slots": ["lotse_consent", "lotse_contact_method", "lotse_phone"]
            }
        },
        "responses": {
            "utter_ask_lotse_consent": [
                {
                    "text": "Darf ich Ihre Anfrage an eine Fachkraft des "
                    "Netzwerks weitergeben? (ja/nein)"
                }
            ],
            "utter_ask_lotse_contact_method": [
                {"text": "Anruf (phone) oder Antwort im Chat (chat)?"}
            ],
            "utter_ask_lotse_phone": [{"text": "Ihre Telefonnummer, bitte."}],
        },
        "actions": list(ACTIONS),
        "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True},
    }


RULES = {
    "version": "3.1",
    "rules": [
        {
            "rule": "crisis first",
            "steps": [{"intent": "crisis"}, {"action": "action_lotse_emergency"}],
        },
        {
            "rule": "not understood",
            "steps": [{"intent": "nlu_fallback"}, {"action": "action_lotse_unanswered"}],
        },
        {
            "rule": "out of scope",
            "steps": [{"intent": "out_of_scope"}, {"action": "action_lotse_unanswered"}],
        },
        {
            "rule": "a person, please",
            "steps": [
                {"intent": "talk_to_person"},
                {"action": "lotse_handoff_form"},
                {"active_loop": "lotse_handoff_form"},
            ],
        },
        {
            "rule": "hand-off complete",
            "condition": [{"active_loop": "lotse_handoff_form"}],
            "steps": [
                {"action": "lotse_handoff_form"},
                {"active_loop": None},
                {"slot_was_set": [{"requested_slot": None}]},
                {"action": "action_lotse_submit_handoff"},
            ],
        },
        *[
            {
                "rule": f"offers for {need}",
                "steps": [{"intent": need}, {"action": "action_lotse_find_offers"}],
            }
            for need in NEED_IDS
            if need != "talk_to_person"
        ],
    ],
}

ENDPOINTS = "action_endpoint:\n  url: http://localhost:5055/webhook\n"

README = """\
# Lotse starter project for Rasa Open Source 3.x

Rasa needs its own environment (Python 3.10, SQLAlchemy < 1.5), Lotse's action server
runs in Lotse's:

    lotse rasa-actions --port 5055          # terminal 1 (Lotse's environment)
    rasa train && rasa shell                # terminal 2 (Rasa's environment, this folder)

Intents are Lotse's need ids (docs/needs.md in Lotse's repository) and meta intents;
crisis always triggers `action_lotse_emergency`; a fallback stores the question for
coordinator review.
"""


def write_starter_project(intents_dir: Path, target: Path) -> list[Path]:
    """Write config, NLU data, domain, rules, endpoints and a README into `target`."""
    written = export_rasa_project(intents_dir, target)
    files = {
        "domain.yml": yaml.safe_dump(domain(), allow_unicode=True, sort_keys=False),
        "data/rules.yml": yaml.safe_dump(RULES, allow_unicode=True, sort_keys=False),
        "endpoints.yml": ENDPOINTS,
        "README.md": README,
    }
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
