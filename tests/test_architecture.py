"""The pure core stays pure; every setting is documented."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.conftest import ROOT

FORBIDDEN = ("telegram", "rasa_sdk", "sqlalchemy", "alembic", "aiohttp", "httpx", "sanic")
PURE_PACKAGES = ("domain", "nlu")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_core_imports_no_channel_or_storage_code(package: str) -> None:
    files = sorted((ROOT / "bot" / package).rglob("*.py"))
    assert files, f"bot/{package} has no modules"
    offending = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
        or name.startswith(("bot.storage", "bot.channels", "bot.commands", "bot.cli"))
    }
    assert offending == set()


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"LOTSE_{name.upper()}"
        for name in Settings.model_fields
        if f"| `LOTSE_{name.upper()}`" not in readme
    ]
    assert missing == []
