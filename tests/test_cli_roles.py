"""`lotse invite` and `lotse roles` on the embedded database, as an administrator uses them."""

from __future__ import annotations

from pathlib import Path

from bot.dialogue import messages as m
from bot.dialogue.effects import Msg
from bot.i18n.render import Renderer
from tests.conftest import ROOT
from tests.test_cli_first_run import lotse


def test_an_invitation_link_works_once_in_the_terminal_chat(tmp_path: Path) -> None:
    made = lotse("invite", "professional", "--network", "gummersbach", "--bot", "LotseBot",
                 data_dir=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip()
    assert link.startswith("https://t.me/LotseBot?start=pro_")
    payload = link.split("?start=")[1]
    chat = lotse("chat", data_dir=tmp_path, input=f"/start {payload}\nSchreiambulanz\n")
    welcome = Renderer(ROOT / "locales").text(Msg(m.INVITED_PROFESSIONAL), "de")
    assert welcome in chat.stdout
    assert "Warum dieses Angebot" in chat.stdout  # the quick search with reasons
    again = lotse("chat", "--user", "someone-else", data_dir=tmp_path,
                  input=f"/start {payload}\n")  # fmt: skip
    assert Renderer(ROOT / "locales").text(Msg(m.INVITATION_INVALID), "de") in again.stdout
    listed = lotse("roles", "list", data_dir=tmp_path)
    assert "professional\tgummersbach" in listed.stdout
    grant_id = listed.stdout.split("\t")[0]
    assert lotse("roles", "revoke", grant_id, data_dir=tmp_path).returncode == 0
    assert "no roles granted" in lotse("roles", "list", data_dir=tmp_path).stdout


def test_invitations_are_refused_clearly(tmp_path: Path) -> None:
    unknown = lotse("invite", "professional", "--network", "atlantis", data_dir=tmp_path)
    assert unknown.returncode == 2 and "unknown network 'atlantis'" in unknown.stderr
    nameless = lotse("invite", "coordinator", "--network", "gummersbach", data_dir=tmp_path)
    assert nameless.returncode == 2 and "needs --name" in nameless.stderr
