"""`lotse coordinators disable|enable|reset-password|remove`, and what the console makes of it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.cli import main
from bot.console.app import create_app
from bot.console.web import Console, ConsoleConfig
from bot.settings import get_settings
from bot.storage.bootstrap import open_database
from tests.conftest import ROOT
from tests.test_cli_first_run import lotse

PASSWORD = "ein-sehr-langes-passwort"
NEW_PASSWORD = "ein-ganz-neues-passwort"
_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


class Terminal(io.StringIO):
    """Standard input that is a terminal (so the password is asked with getpass)."""

    def isatty(self) -> bool:
        return True


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str = "",
    terminal: bool = False,
) -> tuple[int, str, str]:
    """`lotse ARGS` in this process; returns the exit code, stdout and stderr."""
    monkeypatch.setattr("sys.stdin", Terminal(stdin) if terminal else io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Engine]:
    """The embedded database with the account erika, as `lotse coordinators add` made it."""
    code, _, err = run(
        monkeypatch, capsys, "coordinators", "add", "erika", "--name", "Erika",
        "--network", "gummersbach", "--password-stdin", stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert code == 0, err
    engine = open_database(get_settings())
    yield engine
    engine.dispose()


def browser(engine: Engine) -> TestClient:
    console = Console(engine, ROOT / "locales", ConsoleConfig(secure_cookies=False))
    return TestClient(create_app(console), follow_redirects=False)


def log_in(client: TestClient, password: str = PASSWORD) -> int:
    found = _CSRF.search(client.get("/login").text)
    assert found
    data = {"csrf": found.group(1), "username": "erika", "password": password}
    return client.post("/login", data=data).status_code


def sent_to_login(client: TestClient) -> bool:
    answer = client.get("/cases")
    return answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_disable_ends_the_session_at_once_and_enable_allows_logins_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    erika = browser(engine)
    assert log_in(erika) == 303 and erika.get("/cases").status_code == 200
    code, out, _ = run(monkeypatch, capsys, "coordinators", "disable", "erika")
    assert code == 0 and "disabled" in out
    assert sent_to_login(erika)
    assert log_in(erika) == 401
    assert (
        "erika\tErika\tcoordinator\tgummersbach\tdisabled"
        in run(monkeypatch, capsys, "coordinators", "list")[1]
    )
    assert run(monkeypatch, capsys, "coordinators", "enable", "erika")[0] == 0
    assert log_in(erika) == 303 and erika.get("/cases").status_code == 200


def test_reset_password_asks_twice_ends_sessions_and_lifts_the_lock(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    erika = browser(engine)
    assert log_in(erika) == 303
    intruder = browser(engine)
    for _ in range(5):
        log_in(intruder, "falsches-passwort")
    assert log_in(intruder) == 401  # locked
    asked: list[str] = []
    answers = iter([NEW_PASSWORD, NEW_PASSWORD])

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    code, out, err = run(
        monkeypatch, capsys, "coordinators", "reset-password", "erika", terminal=True
    )
    assert code == 0, err
    assert len(asked) == 2 and "new password set for erika" in out
    assert sent_to_login(erika)
    assert log_in(erika) == 401  # the old password no longer works
    assert log_in(erika, NEW_PASSWORD) == 303


def test_reset_password_refuses_a_short_or_differing_password(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    short = run(
        monkeypatch, capsys, "coordinators", "reset-password", "erika", "--password-stdin",
        stdin="kurz\n",
    )  # fmt: skip
    assert short[0] == 1 and short[2] == "lotse: error: a password needs at least 12 characters\n"
    differ = run(
        monkeypatch, capsys, "coordinators", "reset-password", "erika",
        stdin=f"{NEW_PASSWORD}\netwas-ganz-anderes\n",
    )  # fmt: skip
    assert differ[0] == 1 and differ[2] == "lotse: error: the passwords differ\n"
    assert log_in(browser(engine)) == 303  # still the old password


def test_remove_deletes_the_account_and_its_sessions(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    erika = browser(engine)
    assert log_in(erika) == 303
    code, out, _ = run(monkeypatch, capsys, "coordinators", "remove", "erika")
    assert code == 0 and "removed" in out
    assert sent_to_login(erika)
    assert log_in(erika) == 401
    assert "no accounts" in run(monkeypatch, capsys, "coordinators", "list")[1]


@pytest.mark.parametrize("action", ["disable", "enable", "reset-password", "remove"])
def test_an_unknown_username_is_one_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    code, out, err = run(monkeypatch, capsys, "coordinators", action, "x")
    assert (code, out, err) == (1, "", "lotse: error: no account 'x'\n")


def test_end_of_input_at_the_password_prompt_is_one_error_line(tmp_path: Path) -> None:
    made = lotse(
        "coordinators", "add", "erika", "--name", "Erika", "--network", "gummersbach",
        "--password-stdin", data_dir=tmp_path, input=f"{PASSWORD}\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    reset = lotse("coordinators", "reset-password", "erika", data_dir=tmp_path, input="")
    assert reset.returncode == 1
    assert "Traceback" not in reset.stderr and "Warning" not in reset.stderr
    assert reset.stderr == "lotse: error: no password given\n"
    unknown = lotse("coordinators", "remove", "nobody", data_dir=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (1, "lotse: error: no account 'nobody'\n")
