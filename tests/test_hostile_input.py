"""Property-based hostile input: masking, the offer-file reader and the analyzer never fail.

Each property tries `LOTSE_FUZZ_EXAMPLES` inputs (default 50, so `make test` stays short).
A longer fuzz run sets it, e.g.

    LOTSE_FUZZ_EXAMPLES=2000 .venv/bin/pytest -q -p no:cacheprovider tests/test_hostile_input.py

and `benchmarks/hostile_input.py` prints the figures (messages tried, crashes, slowest
message). No property depends on the machine's speed: no deadline, no time limits.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.curation.load import load_curated
from bot.domain.privacy import mask_personal_data, storable_text
from bot.nlu.analyzer import Analysis, Analyzer
from bot.nlu.language import SUPPORTED

FUZZ = settings(
    max_examples=int(os.environ.get("LOTSE_FUZZ_EXAMPLES", "50")),
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# pieces of hostile messages: personal data, scripts, separators, controls, emoji
PIECES = (
    "0171 2345678", "+49 151 23456789", "a@b.de", "@", "+", ".", "-", " ", "\n", "\t", "\x00",
    "\x1b[31m", "\u202e", "\u200d", "\ufeff", "\ud800", "Rosenweg 7", "Hauptstr. 12",
    "ich heiße", "my name is", "меня зовут", "اسمي", "benim adım", "Erika", "٠١٧١٢٣٤٥٦٧",
    "²", "9" * 30, "طفلي يبكي", "hamileyim", "Hebamme", "Ich will mich umbringen.",
    "👶", "🍼🍼🍼", "𝕳𝖊𝖇𝖆𝖒𝖒𝖊", "ﷺ", "Z̷̢a̶l̵g̸o̴",
)  # fmt: skip
PIECED = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# one short unit repeated up to 20,000 characters: the shape of quadratic-time attacks
REPEATED = st.tuples(st.text(min_size=1, max_size=12), st.integers(1, 20_000)).map(
    lambda t: (t[0] * t[1])[:20_000]
)
EMOJI = st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), max_size=200)
MESSAGES = st.one_of(st.text(max_size=500), PIECED, REPEATED, EMOJI)


@FUZZ
@given(MESSAGES)
def test_masking_any_text_returns_storable_text(text: str) -> None:
    masked = mask_personal_data(text)
    assert masked == storable_text(masked)
    assert "0171 2345678" not in masked and "a@b.de" not in masked


# YAML-ish pieces: anchors, aliases, nesting, merge keys, tags, documents, controls
YAML_PIECES = (
    "network:", "offers:", "places:", "- ", "  ", "\n", ": ", "&a ", "*a", "<<: *a", "[", "]",
    "{", "}", ", ", "!!python/object:os.system ", "!!binary ", "---\n", "...\n", "? ", "|\n",
    ">\n", '"', "'", "#", "\x00", "\t", "%YAML 1.1\n", "id: x", "name: y", "09:00", "0o17",
    "~", "null", "yes", "1e400", "x" * 200,
)  # fmt: skip
YAML_TEXT = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for one offer file at a time."""
    return tmp_path_factory.mktemp("hostile-offers")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), YAML_TEXT.map(str.encode), st.text().map(str.encode)))
def test_offer_file_reader_reports_problems_and_never_raises(folder: Path, content: bytes) -> None:
    path = folder / "offers.yml"
    path.write_bytes(content)
    curated = load_curated([path], base=folder)  # raises nothing
    assert curated.ok == (not curated.problems)  # e.g. `places:` alone: an empty gazetteer
    assert all(p.file == "offers.yml" and p.line >= 1 for p in curated.problems)


@FUZZ
@given(MESSAGES)
def test_analyzer_answers_every_text(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(text)
    assert isinstance(analysis, Analysis)
    assert analysis.language in SUPPORTED
