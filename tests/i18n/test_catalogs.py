"""Every supported language has a real, complete catalog."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.i18n.catalogs import catalog_path, is_rtl
from bot.i18n.render import RLM, Renderer
from bot.nlu.language import SUPPORTED
from tests.conftest import ROOT

LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"{(\w+)}")
PLURAL_FORMS = {"ar": 6, "ru": 3, "uk": 3, "pl": 3, "ro": 3, "fa": 1, "tr": 1}


def source_ids() -> set[str]:
    ids = set()
    for name, value in vars(m).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            ids.add(value)
        elif isinstance(value, m.Plural):
            ids.add(value.singular)
        elif isinstance(value, dict):
            ids.update(v for v in value.values() if isinstance(v, str))
    return ids


@pytest.mark.parametrize("language", SUPPORTED)
def test_catalog_is_complete_and_clean(language: str) -> None:
    with catalog_path(LOCALES, language).open("rb") as source:
        catalog = read_po(source, locale=language)
    assert "await review by native speakers" in (catalog.header_comment or "")
    entries = {msg.id if isinstance(msg.id, str) else msg.id[0]: msg for msg in catalog if msg.id}
    assert source_ids() - set(entries) == set(), "message ids missing from the catalog"
    for key, msg in entries.items():
        assert not msg.fuzzy, key
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        assert all(strings), f"untranslated: {key!r}"
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == expected, (language, key, text)
            assert text.count("/") >= ids[0].count("/language"), (language, key)
        if isinstance(msg.id, tuple):
            assert len(strings) == PLURAL_FORMS.get(language, 2), (language, key)


def test_catalogs_match_the_source_messages(tmp_path: Path) -> None:
    """`pybabel extract` finds exactly the ids the catalogs hold (no stale entries)."""
    pot = ROOT / "locales" / "messages.pot"
    fresh = subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F",
         str(ROOT / "locales" / "babel.cfg"), "-k", "N_", "-k", "NP_:1,2", "--no-location",
         "-o", str(tmp_path / "fresh.pot"), str(ROOT / "bot")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert fresh.returncode == 0
    text = (tmp_path / "fresh.pot").read_text(encoding="utf-8")
    ids = {line for line in text.splitlines() if line.startswith("msgid ")}
    stored = {
        line for line in pot.read_text(encoding="utf-8").splitlines() if line.startswith("msgid ")
    }
    assert ids == stored


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_catalog_loads_and_translates(language: str) -> None:
    renderer = Renderer(LOCALES)
    text = renderer.text(Msg(m.ASK_PLACE), language)
    if language != "en":
        assert text.lstrip(RLM) != m.ASK_PLACE, "fell back to English"
    assert text.startswith(RLM) == is_rtl(language)


@pytest.mark.parametrize(
    ("language", "count", "form"),
    [("ru", 1, 0), ("ru", 3, 1), ("ru", 5, 2), ("ar", 2, 2), ("pl", 22, 1)],
)
def test_plural_forms_are_chosen_by_count(language: str, count: int, form: int) -> None:
    with catalog_path(LOCALES, language).open("rb") as source:
        catalog = read_po(source, locale=language)
    expected = catalog[m.OFFERS_FOUND.singular].string[form].format(count=count)
    rendered = Renderer(LOCALES).text(Msg(m.OFFERS_FOUND, {"count": count}, count), language)
    assert rendered.lstrip(RLM) == expected


def staff_ids() -> set[str]:
    with (LOCALES / "staff.pot").open("rb") as source:
        template = read_po(source)
    return {msg.id if isinstance(msg.id, str) else msg.id[0] for msg in template if msg.id}


@pytest.mark.parametrize("language", ["de", "en"])
def test_coordinators_catalog_is_complete(language: str) -> None:
    with catalog_path(LOCALES, language, "staff").open("rb") as source:
        catalog = read_po(source, locale=language)
    entries = {msg.id if isinstance(msg.id, str) else msg.id[0]: msg for msg in catalog if msg.id}
    assert staff_ids() - set(entries) == set()
    for key, msg in entries.items():
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        assert not msg.fuzzy and all(strings), key
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        assert all(set(PLACEHOLDER.findall(t)) == expected for t in strings), (language, key)


def test_coordinators_catalog_matches_the_source(tmp_path: Path) -> None:
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F",
         str(LOCALES / "staff.cfg"), "--no-default-keywords", "-k", "S_", "-k", "SP_:1,2",
         "-k", "_", "-k", "ngettext:1,2", "--no-location", "-o", str(tmp_path / "staff.pot"),
         str(ROOT / "bot")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    fresh = (tmp_path / "staff.pot").read_text(encoding="utf-8").splitlines()
    stored = (LOCALES / "staff.pot").read_text(encoding="utf-8").splitlines()
    assert {x for x in fresh if x.startswith("msgid ")} == {
        x for x in stored if x.startswith("msgid ")
    }


def test_coordinators_read_german() -> None:
    from bot.casework import messages as sm
    from bot.i18n.catalogs import STAFF_DOMAIN, STAFF_LANGUAGES

    staff = Renderer(LOCALES, domain=STAFF_DOMAIN, languages=STAFF_LANGUAGES)
    assert staff.text(Msg(sm.BUTTON_CLAIM), "de") == "Übernehmen"
