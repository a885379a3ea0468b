"""Scriptable transcripts: piped `lotse chat` echoes each line; `analyze --jsonl` keeps ids."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.channels.cli import TerminalChat
from bot.cli import main
from bot.conversation import ConversationService
from tests.test_cli_first_run import lotse


def test_a_piped_transcript_reads_as_a_conversation(service: ConversationService) -> None:
    out = io.StringIO()
    TerminalChat(service, out).run(["Hebamme gesucht\n", "Gummersbach\n"])
    transcript = out.getvalue()
    assert transcript.startswith("> Hebamme gesucht\n")
    first, second = transcript.index("> Hebamme gesucht"), transcript.index("> Gummersbach")
    assert first < second and transcript[first:second].count("\n") > 2  # answers in between


def test_odd_numbers_are_text_not_options(service: ConversationService) -> None:
    out = io.StringIO()
    chat = TerminalChat(service, out)
    chat.run(["Hallo\n", "²\n", "9" * 5000 + "\n", "٣\n", "1\n"])
    assert "> ²\n" in out.getvalue() and "> ٣\n" in out.getvalue()
    assert chat.turn_for("²").text == "²" and chat.turn_for("9" * 5000).choice is None


def test_odd_numbers_through_the_real_command(tmp_path: Path) -> None:
    done = lotse("chat", data_dir=tmp_path, input="²\n" + "9" * 5000 + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("> ²\n") and "Traceback" not in done.stderr


def test_analyze_jsonl_passes_the_id_through(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"id": "m-1", "text": "hamileyim, hebamme lazım"}\n\n{"text": "Hallo"}\n'
        '{"id": 7, "text": "Schreibaby in Coesfeld", "needs": ["crying_sleep"]}\n',
        encoding="utf-8",
    )
    assert main(["analyze", "--jsonl", str(lines)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row.get("id") for row in rows] == ["m-1", None, 7]
    assert "pregnancy" in rows[0]["needs"] and "crying_sleep" in rows[2]["needs"]
