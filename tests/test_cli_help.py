"""`lotse` help teaches: every option explained with its default, every command an example."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

import pytest

from bot.cli import build_parser, main
from bot.commands import chat, coordination
from tests.conftest import ROOT


def parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (sub-)command parser with its command words."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


ALL = list(parsers(build_parser()))


@pytest.mark.parametrize(("words", "parser"), ALL, ids=[" ".join(w) or "lotse" for w, _ in ALL])
def test_every_option_is_explained_and_every_command_has_an_example(
    words: tuple[str, ...], parser: argparse.ArgumentParser
) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        assert action.help, f"lotse {' '.join(words)}: {action.dest} has no help text"
    shown = parser.format_help()
    assert "\nexample:\n  " in shown and "lotse" in shown.split("example:")[1]


def test_defaults_are_shown_and_optional_options_say_so() -> None:
    helps = {" ".join(words): " ".join(parser.format_help().split()) for words, parser in ALL}
    assert "port to listen on (default: 8080)" in helps["console"]
    assert "(default: 5055)" in helps["rasa-actions"]
    assert "(default: 30)" in helps["nlu evaluate"]
    assert "(required)" not in helps["invite"]
    assert "needed for a coordinator" in helps["invite"]
    assert "docs/needs.md" in helps["offers list"]


def test_the_command_list_loads_none_of_the_stack() -> None:
    """`lotse --help` stays fast: building the parser imports only the standard library."""
    code = "import sys; from bot.cli import build_parser; build_parser(); print(*sys.modules)"
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = {name.split(".")[0] for name in found.stdout.split()}
    stack = {"sqlalchemy", "alembic", "pydantic", "pydantic_settings", "telegram", "starlette"}
    stack |= {"uvicorn", "jinja2", "rasa_sdk", "sklearn", "numpy", "lingua", "yaml", "rich"}
    assert loaded & stack == set()


def test_the_copied_choices_match_their_source() -> None:
    from bot.casework.review import ACTIONS
    from bot.nlu.language import SUPPORTED

    assert chat.LANGUAGES == SUPPORTED
    assert coordination.ACTIONS == ACTIONS


def test_the_console_says_how_to_create_the_first_account(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    assert main(["console", "--port", "8999"]) == 0
    err = capsys.readouterr().err
    assert "no console account yet" in err
    assert 'lotse coordinators add admin --name "Your Name" --admin' in err
