"""Hostile offer files: every bomb is a `file:line:` problem and the database stays as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.cli import main
from bot.curation.load import MAX_FILE_BYTES, load_curated
from bot.curation.yaml_lines import MAX_DEPTH
from bot.storage.importing import import_offers
from tests.conftest import TEST_OFFERS
from tests.storage.test_import import snapshot

LAUGHS = "\n".join(
    ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)
LONG_NAME = "Elterncafé " + "x" * 300


def _musterstadt(replace: str, by: str) -> str:
    text = (TEST_OFFERS / "musterstadt.yml").read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1)


# name: (file name, content, expected "file:line: field: message" start)
BOMBS: dict[str, tuple[str, str, str]] = {
    "billion laughs": ("bomb.yml", LAUGHS, "bomb.yml:2: yaml: aliases are not allowed"),
    "recursive alias": ("bomb.yml", "network: &n [*n]\n", "bomb.yml:1: yaml: aliases are not"),
    "60-deep nesting": (
        "bomb.yml",
        "network:\n  id: x\n  name: " + "[" * 60 + "]" * 60 + "\n",
        f"bomb.yml:3: yaml: nested deeper than {MAX_DEPTH} levels",
    ),
    "5,000-deep nesting": (  # libyaml refuses it before the composer counts
        "bomb.yml",
        "network:\n  id: x\n  name: " + "[" * 5000 + "]" * 5000 + "\n",
        "bomb.yml:3: yaml: {nested}",
    ),
    "NUL byte": (
        "musterstadt.yml",
        _musterstadt("name: Netzwerk Frühe Hilfen Musterstadt", "name: Netzwerk\0Musterstadt"),
        "musterstadt.yml:4: yaml: character U+0000 is not allowed",
    ),
    "10 MB field": (
        "musterstadt.yml",
        _musterstadt("description: Offener Treff", "description: " + "x" * 10_000_000 + " "),
        f"musterstadt.yml:1: file: is larger than {MAX_FILE_BYTES // 2**20} MB",
    ),
    "20,000-character field": (
        "musterstadt.yml",
        _musterstadt("description: Offener Treff", "description: " + "x" * 20_000 + " "),
        "musterstadt.yml:{line}: yaml: a value is longer than 10,000 characters",
    ),
    "field longer than its column": (
        "musterstadt.yml",
        _musterstadt("name: Elterncafé Musterstadt", f"name: {LONG_NAME}"),
        "musterstadt.yml:{line}: offers.{i}.name: String should have at most 300 characters",
    ),
}


def _expected(name: str, content: str) -> str:
    _, _, expected = BOMBS[name]
    if "{nested}" in expected:
        return expected.split("{nested}")[0]
    if "{line}" not in expected:
        return expected
    needle = "x" * 1000 if "20,000" in name else LONG_NAME
    line = content[: content.index(needle)].count("\n") + 1
    offers = content[: content.index(needle)].split("\noffers:\n", 1)[1]
    return expected.format(line=line, i=offers.count("\n  - id: "))


def _folder(tmp_path: Path, file: str, content: str) -> Path:
    folder = tmp_path / "offers"
    shutil.copytree(TEST_OFFERS, folder)
    (folder / file).write_text(content, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", BOMBS)
def test_every_bomb_is_a_problem_with_file_and_line(name: str, tmp_path: Path) -> None:
    file, content, _ = BOMBS[name]
    folder = _folder(tmp_path, file, content)
    curated = load_curated([folder], base=folder)
    shown = [str(p) for p in curated.problems]
    assert any(s.startswith(_expected(name, content)) for s in shown), shown
    if "5,000-deep" in name:
        assert any("nest" in s for s in shown), shown


def test_validate_prints_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "bomb.yml", LAUGHS)
    assert main(["offers", "validate", str(folder / "bomb.yml")]) == 1
    assert "bomb.yml:2: yaml: aliases are not allowed" in capsys.readouterr().out


def test_no_bomb_changes_the_database(engine: Engine, tmp_path: Path) -> None:
    assert import_offers(engine, [TEST_OFFERS]).summary is not None
    before = snapshot(engine)
    for i, (name, (file, content, _)) in enumerate(BOMBS.items()):
        folder = _folder(tmp_path / str(i), file, content)
        result = import_offers(engine, [folder], base=folder)
        assert result.summary is None, name
        shown = [str(p) for p in result.curated.problems]
        assert any(s.startswith(_expected(name, content)) for s in shown), (name, shown)
        assert snapshot(engine) == before, name
