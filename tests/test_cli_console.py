"""The console's command-line side, as an administrator uses it on the embedded database."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.nlu.training_data import load_intent_file
from tests.conftest import ROOT
from tests.test_cli_first_run import lotse

QUESTION = "Wo bekomme ich einen Angelschein in Gummersbach?"


def test_accounts_are_created_with_a_good_password_only(tmp_path: Path) -> None:
    short = lotse(
        "coordinators",
        "add",
        "erika",
        "--name",
        "Erika",
        "--network",
        "gummersbach",
        "--password-stdin",
        data_dir=tmp_path,
        input="kurz\n",
    )
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    unknown = lotse(
        "coordinators",
        "add",
        "erika",
        "--name",
        "Erika",
        "--network",
        "atlantis",
        "--password-stdin",
        data_dir=tmp_path,
        input="ein-langes-passwort\n",
    )
    assert unknown.returncode == 2 and "unknown network atlantis" in unknown.stderr
    made = lotse(
        "coordinators",
        "add",
        "erika",
        "--name",
        "Erika",
        "--network",
        "gummersbach",
        "--password-stdin",
        data_dir=tmp_path,
        input="ein-langes-passwort\n",
    )
    assert made.returncode == 0, made.stderr
    again = lotse(
        "coordinators",
        "add",
        "erika",
        "--name",
        "E",
        "--admin",
        "--password-stdin",
        data_dir=tmp_path,
        input="ein-langes-passwort\n",
    )
    assert again.returncode == 2 and "taken" in again.stderr
    listed = lotse("coordinators", "list", data_dir=tmp_path).stdout
    assert "erika\tErika\tcoordinator\tgummersbach" in listed


def test_review_decide_export_and_report(tmp_path: Path) -> None:
    chat = lotse("chat", data_dir=tmp_path, input=f"{QUESTION}\n")
    assert chat.returncode == 0, chat.stderr
    review = lotse("review", data_dir=tmp_path).stdout
    assert QUESTION in review and "gummersbach" in review
    question_id = next(
        line.split("\t")[0].strip() for line in review.splitlines() if QUESTION in line
    )
    assert lotse("decide", "assigned", question_id, data_dir=tmp_path).returncode == 2  # no need
    decided = lotse("decide", "assigned", question_id, "--need", "parenting", data_dir=tmp_path)
    assert decided.returncode == 0 and "1 question(s) assigned" in decided.stdout
    assert "no open questions" in lotse("review", data_dir=tmp_path).stdout
    intents = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", intents)
    exported = lotse("intents", "export", "--dir", str(intents), data_dir=tmp_path)
    assert "1 example(s) written" in exported.stdout
    assert ("parenting", QUESTION) in {
        (e.intent, e.text) for e in load_intent_file(intents / "de.yml")
    }
    assert (
        "0 example(s) written"
        in lotse("intents", "export", "--dir", str(intents), data_dir=tmp_path).stdout
    )
    report = lotse("report", "--network", "gummersbach", "--csv", data_dir=tmp_path).stdout
    assert report.splitlines()[0] == "network,month,section,key,subkey,value"
    assert ",conversations,,,< 5" in report and ",unanswered,,,< 5" in report


def test_the_handoff_queue_and_closing_a_case(tmp_path: Path) -> None:
    script = (
        "Wir haben kein Geld, unser Baby ist 3 Monate alt, wir wohnen in Gummersbach\n"
        "1\n1\n2\n4\n1\n"
    )  # yes please, agree, answer in chat, any time, send
    chat = lotse("chat", data_dir=tmp_path, input=script)
    reference = next(w.strip(".") for w in chat.stdout.split() if w.startswith("L-"))
    queue = lotse("handoffs", data_dir=tmp_path).stdout
    assert reference in queue and "gummersbach\topen" in queue
    closed = lotse("handoffs", "--close", reference, "--outcome", "referred", data_dir=tmp_path)
    assert closed.stdout.strip() == f"{reference}: ok"
    assert reference in lotse("handoffs", "--status", "resolved", data_dir=tmp_path).stdout
    again = lotse("handoffs", "--close", reference, data_dir=tmp_path)
    assert again.returncode == 1
    assert again.stderr == f"lotse: error: case {reference} is already closed\n"
