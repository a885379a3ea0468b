"""A newcomer's first commands work on a machine with no database yet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# Only a guard against a hung process, never a limit a busy machine could miss: the
# commands use the recogniser shipped in bot/nlu/model/ and train nothing.
HANG_GUARD_SECONDS = 600


def lotse(
    *args: str, data_dir: Path, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run `lotse ARGS` in a fresh process on `data_dir` (the embedded database)."""
    environment = {k: v for k, v in os.environ.items() if k != "LOTSE_DATABASE_URL"}
    environment |= {"LOTSE_DATA_DIR": str(data_dir), "COLUMNS": "200", **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=HANG_GUARD_SECONDS,
        check=False,
        input=input,
    )


def test_midwife_in_gummersbach_on_a_fresh_machine(tmp_path: Path) -> None:
    result = lotse(
        "offers", "list", "--need", "midwife", "--place", "Gummersbach", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Babybegrüßungsdienst der Familienhebammen" in result.stdout
    assert "02261 871226" in result.stdout
    assert "1 offer(s)" in result.stdout
    assert (tmp_path / "lotse.db").is_file()


def test_list_by_postcode_and_language(tmp_path: Path) -> None:
    result = lotse("offers", "list", "--need", "pregnancy", "--place", "53721", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Familienhebammen für werdende" in result.stdout
    assert "Hilfetelefon Schwangere in Not" in result.stdout
    result = lotse("offers", "list", "--language", "ar", data_dir=tmp_path)
    assert "No offer fits these filters." in result.stdout


def test_unknown_place_is_a_clear_error(tmp_path: Path) -> None:
    result = lotse("offers", "list", "--place", "Atlantis", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lotse: error: unknown place 'Atlantis'")


def test_import_refusal_is_reported_and_nothing_changes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("network:\n  id: x\n  name: [unclosed\n", encoding="utf-8")
    before = lotse("offers", "export", "--format", "csv", data_dir=tmp_path)
    result = lotse("offers", "import", str(broken), data_dir=tmp_path)
    assert result.returncode == 1
    assert f"{broken}:4: yaml:" in result.stdout
    assert "the database is unchanged" in result.stderr
    after = lotse("offers", "export", "--format", "csv", data_dir=tmp_path)
    assert after.stdout == before.stdout
    assert before.stdout.count("\n") == 24  # header + 23 demo offers


def test_db_upgrade_and_status(tmp_path: Path) -> None:
    assert "database schema at 0" in lotse("db", "upgrade", data_dir=tmp_path).stdout
    assert ": current" in lotse("db", "status", data_dir=tmp_path).stdout


def test_telegram_needs_a_token(tmp_path: Path) -> None:
    result = lotse("telegram", data_dir=tmp_path, LOTSE_TELEGRAM_TOKEN="")
    assert result.returncode == 2
    assert result.stderr == "lotse: error: set LOTSE_TELEGRAM_TOKEN (from @BotFather)\n"
