"""The README is true: every `lotse` example in its ```sh blocks runs and answers.

The examples run in README order against one fresh data dir (an account is created before
it is disabled), in a scratch folder with `offers_data/` and `tests/` linked in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bot.domain.needs import NEED_IDS
from tests.conftest import ROOT
from tests.test_cli_first_run import HANG_GUARD_SECONDS

README = (ROOT / "README.md").read_text(encoding="utf-8")

# servers run until stopped; their start is tested in tests/telegram, tests/console, tests/web and
# tests/channels/test_rasa_actions.py
SERVERS = ("lotse telegram", "lotse console", "lotse rasa-actions", "lotse web")
# these act on ids from the reader's own database (a question, a grant, a case): on a
# fresh one they must fail cleanly with one line and exit 2
OWN_IDS = ("lotse decide assigned 12 13", "lotse roles revoke 3", "lotse handoffs --close")
PASSWORD = "ein-langes-passwort\n" * 2  # `coordinators add` and `reset-password` ask twice


def examples() -> list[str]:
    """The shell lines of the README's ```sh blocks that run `lotse`."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for raw in block.splitlines():
            line = raw.strip().replace(".venv/bin/lotse", "lotse")
            if re.search(r"(^|\| |^\w+=\S* )lotse ", line) and not line.startswith("#"):
                lines.append(line)
    return lines


def test_the_readme_has_the_examples_this_test_expects() -> None:
    found = examples()
    assert len(found) > 20
    for line in (*SERVERS, *OWN_IDS):
        assert any(line in example for example in found), f"README has no `{line}` any more"


def test_every_readme_example_runs_and_answers(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for name in ("offers_data", "tests"):
        (work / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "intents", tmp_path / "intents")  # `intents export` writes here
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    env |= {
        "LOTSE_DATA_DIR": str(tmp_path / "data"),
        "LOTSE_INTENTS_DIR": str(tmp_path / "intents"),
        "PYTHON": sys.executable,
        "COLUMNS": "200",
    }
    failures = []
    for line in examples():
        if any(server in line for server in SERVERS):
            continue
        done = subprocess.run(
            ["bash", "-c", f'lotse() {{ "$PYTHON" -m bot "$@"; }}\n{line}'],
            cwd=work, env=env, input=PASSWORD, capture_output=True, text=True,
            timeout=HANG_GUARD_SECONDS, check=False,
        )  # fmt: skip
        if any(own in line for own in OWN_IDS):
            clean = done.stderr.startswith("lotse: error: ") and done.stderr.count("\n") == 1
            if done.returncode != 2 or not clean:
                failures.append(f"{line}\n  exit {done.returncode}: {done.stderr[-300:]}")
        elif done.returncode != 0 or not done.stdout.strip():
            failures.append(f"{line}\n  exit {done.returncode}: {done.stderr[-300:]}")
        elif "No offer fits" in done.stdout:
            failures.append(f"{line}\n  finds nothing")
    assert failures == [], "\n".join(failures)
    assert (work / "exported" / "nationwide.yml").is_file()
    assert (work / "my-assistant").is_dir()


def test_the_need_list_in_docs_is_the_one_the_code_uses() -> None:
    table = (ROOT / "docs" / "needs.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", table, re.M)
    assert tuple(documented) == NEED_IDS


def test_the_repository_points_nowhere_outside_itself() -> None:
    outside = re.compile(r"NEEDS\.md|TECH-NOTES|\.\./shared")
    files = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "offers_data" / "README.md"]
    files += sorted((ROOT / "bot").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py"))
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        if path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert found == []
