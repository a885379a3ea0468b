"""Expected failures are one line `lotse: error: …` and exit 2 (usage) or 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import get_settings
from tests.test_cli_first_run import lotse

UNREACHABLE = "postgresql+psycopg://lotse:secret@127.0.0.1:1/lotse"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_unknown_ids_are_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for args, message in (
        (["report", "--network", "nowhere"], "unknown network 'nowhere'; known: bundesweit"),
        (["review", "--network", "nowhere"], "unknown network 'nowhere'"),
        (["handoffs", "--network", "nowhere"], "unknown network 'nowhere'"),
        (["decide", "assigned", "999", "--need", "midwife"], "no open question 999"),
        (["handoffs", "--close", "L-XXXX"], "no case L-XXXX"),
        (["roles", "revoke", "999"], "no grant 999"),
        (["invite", "professional", "--network", "nowhere"], "unknown network 'nowhere'"),
        (
            ["report", "--network", "gummersbach", "--month", "12/2026"],
            "--month '12/2026' is not YYYY-MM",
        ),
    ):
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith(f"lotse: error: {message}") and err.count("\n") == 1, err


def test_missing_input_files_are_usage_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.jsonl"
    for args in (
        ["analyze", "--jsonl", str(missing)],
        ["nlu", "evaluate", str(missing)],
        ["offers", "validate", str(missing)],
        ["offers", "import", str(missing)],
    ):
        code, _, err = run(capsys, *args)
        assert code == 2, args
        assert err.startswith("lotse: error: ") and str(missing) in err and err.count("\n") == 1


def test_an_unreachable_database_is_one_line_without_the_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOTSE_DATABASE_URL", UNREACHABLE)
    get_settings.cache_clear()
    for args in (
        ["offers", "list"],
        ["review"],
        ["report", "--network", "gummersbach"],
        ["roles", "list"],
        ["coordinators", "list"],
        ["db", "status"],
        ["analyze", "Hallo"],
    ):
        code, out, err = run(capsys, *args)
        assert (code, out) == (1, ""), args
        shown = "postgresql+psycopg://lotse:***@127.0.0.1:1/lotse"
        assert err == f"lotse: error: database unreachable: {shown}\n"


@pytest.mark.postgres
def test_a_database_without_schema_says_what_to_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    monkeypatch.setenv("LOTSE_DATABASE_URL", postgres_url)
    get_settings.cache_clear()
    code, _, err = run(capsys, "offers", "list")
    assert code == 2
    assert err == "lotse: error: the database schema is not current: run `lotse db upgrade`\n"


def test_end_of_input_at_the_password_prompt(tmp_path: Path) -> None:
    done = lotse("coordinators", "add", "tom", "--name", "Tom", "--network", "gummersbach",
                 data_dir=tmp_path, input="")  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("lotse: error: ")


def test_debug_logging_shows_the_traceback(tmp_path: Path) -> None:
    quiet = lotse("report", "--network", "nowhere", data_dir=tmp_path)
    assert quiet.returncode == 2 and "Traceback" not in quiet.stderr
    loud = lotse("report", "--network", "nowhere", data_dir=tmp_path, LOTSE_LOG_LEVEL="DEBUG")
    assert "Traceback" in loud.stderr and "CommandError: unknown network" in loud.stderr
