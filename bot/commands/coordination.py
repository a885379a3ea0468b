"""The console's work at the command line, for administrators (every network).

`lotse review` and `lotse decide` (unanswered questions), `lotse handoffs` (the queue),
`lotse report` (monthly figures), `lotse intents export` (approved examples to git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.commands import USAGE, CommandError, add_command, add_group
from bot.domain.cases import OUTCOMES
from bot.domain.needs import NEED_IDS

if TYPE_CHECKING:
    from bot.casework.service import Actor

# bot.casework.review.ACTIONS, without loading the storage (a test compares them)
ACTIONS = ("assigned", "unmet", "out_of_scope", "dismissed")


def register(commands: Any) -> None:
    """Add `review`, `decide`, `handoffs`, `report` and `intents`."""
    review = add_command(
        commands,
        "review",
        "unanswered questions (grouped), with the ids `lotse decide` takes",
        "lotse review --language ar --network gummersbach",
    )
    review.add_argument("--language", metavar="CODE", help="only questions in this language")
    review.add_argument("--network", help="only questions of this network")
    review.set_defaults(handler=run_review)
    decide = add_command(
        commands,
        "decide",
        "decide questions shown by `lotse review`",
        "lotse decide assigned 12 13 --need midwife",
    )
    decide.add_argument("action", choices=ACTIONS, help="what to do with the questions")
    decide.add_argument("ids", nargs="+", type=int, metavar="ID", help="question ids (review)")
    decide.add_argument(
        "--need", choices=NEED_IDS, metavar="NEED", help="need id for assigned and unmet"
    )
    decide.set_defaults(handler=run_decide)
    handoffs = add_command(
        commands,
        "handoffs",
        "the hand-off queue; close a case",
        "lotse handoffs --close L-7KQM3P --outcome reached --note 'called back'",
    )
    handoffs.add_argument("--network", help="only this network's cases")
    handoffs.add_argument(
        "--status", choices=("open", "resolved"), default="open", help="which cases to list"
    )
    handoffs.add_argument("--close", metavar="REFERENCE", help="close this case")
    handoffs.add_argument(
        "--outcome", choices=OUTCOMES, default="reached", help="how the case ended (--close)"
    )
    handoffs.add_argument("--note", help="a note on the closed case (--close)")
    handoffs.set_defaults(handler=run_handoffs)
    report = add_command(
        commands, "report", "a network's monthly report", "lotse report --network gummersbach --csv"
    )
    report.add_argument("--network", required=True, help="the network's id")
    report.add_argument("--month", metavar="YYYY-MM", help="the month (default: this month)")
    report.add_argument("--csv", action="store_true", help="as CSV (the console's download)")
    report.set_defaults(handler=run_report)
    sub = add_group(commands, "intents", "approved training examples", "lotse intents export")
    export = add_command(
        sub,
        "export",
        "write approved examples into intents/<lang>.yml",
        "lotse intents export && git diff intents/",
    )
    export.add_argument("--dir", help="the intents folder (default: LOTSE_INTENTS_DIR)")
    export.set_defaults(handler=run_export)


def administrator() -> Actor:
    """The command line works as an administrator of every network."""
    from bot.casework.service import Actor
    from bot.domain.roles import ADMIN, Grant, Roles

    return Actor("cli", Roles((Grant(ADMIN, None, "Administration"),)), name="Administration")


def run_review(args: argparse.Namespace) -> int:
    """Print the groups of unanswered questions with their ids."""
    from bot.casework.review import Review
    from bot.commands.common import require_network
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database

    engine = open_database(get_settings())
    try:
        require_network(engine, args.network)
        groups = Review(engine).groups(administrator(), args.language, args.network)
    finally:
        engine.dispose()
    for group in groups:
        first = group.items[0]
        print(f"# {group.size} × {first.language} · {first.network or '-'}")
        for q in group.items:
            print(f"  {q.id}\t{q.created_at:%Y-%m-%d}\t{q.place or '-'}\t{q.text}")
    if not groups:
        print("no open questions")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    """Assign, record as unmet, mark out of scope or dismiss questions."""
    from bot.casework.review import Review
    from bot.commands.common import require_open_questions
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database

    if args.action in ("assigned", "unmet") and not args.need:
        raise CommandError(f"decide {args.action} needs --need NEED", USAGE)
    engine = open_database(get_settings())
    try:
        require_open_questions(engine, args.ids)
        done = Review(engine).decide(administrator(), args.ids, args.action, args.need)
    finally:
        engine.dispose()
    print(f"{done} question(s) {args.action}")
    return 0 if done else 1


def run_handoffs(args: argparse.Namespace) -> int:
    """List the queue, or close one case."""
    from bot.casework.service import CLOSED as CLOSED_ALREADY
    from bot.casework.service import NOT_FOUND, Casework
    from bot.commands.common import require_network
    from bot.domain.cases import CLAIMED, OPEN, RESOLVED
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database

    engine = open_database(get_settings())
    try:
        work = Casework(engine)
        if args.close:
            answer = work.resolve(args.close, administrator(), args.outcome, args.note)
            if answer.status == NOT_FOUND:
                raise CommandError(f"no case {args.close} (see `lotse handoffs`)", USAGE)
            if answer.status == CLOSED_ALREADY:
                raise CommandError(f"case {args.close} is already closed")
            if not answer.ok:
                raise CommandError(f"case {args.close}: {answer.status}")
            print(f"{args.close}: {answer.status}")
            return 0
        require_network(engine, args.network)
        statuses = (RESOLVED,) if args.status == "resolved" else (OPEN, CLAIMED)
        cases = [
            c for c in work.cases(administrator(), statuses) if args.network in (None, c.network)
        ]
    finally:
        engine.dispose()
    for c in cases:
        holder = c.claimed_by or "-"
        print(
            f"{c.reference}\t{c.created_at:%Y-%m-%d %H:%M}\t{c.network}\t{c.status}\t{holder}\t"
            f"{','.join(c.needs)}\t{c.language}"
        )
    if not cases:
        print("no cases")
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Print a network's month (small counts suppressed)."""
    from bot.casework.reports import Reports, as_csv
    from bot.commands.common import require_network
    from bot.settings import get_settings
    from bot.storage import stats_repo
    from bot.storage.bootstrap import open_database

    settings = get_settings()
    if args.month is not None and not _is_month(args.month):
        raise CommandError(f"--month {args.month!r} is not YYYY-MM", USAGE)
    month = args.month or stats_repo.month_of(dt.datetime.now(dt.UTC))
    engine = open_database(settings)
    try:
        require_network(engine, args.network)
        report = Reports(engine, settings.report_min_count).report(
            administrator(), args.network, month
        )
    finally:
        engine.dispose()
    assert report is not None
    if args.csv:
        sys.stdout.write(as_csv(report))
        return 0
    print(f"{args.network} {month} (counts below {report.min_count} shown as < {report.min_count})")
    for row in report.rows():
        print(f"  {row.section:18} {row.key:20} {row.subkey:20} {row.cell.shown}")
    print(f"  {'handoffs':18} {'median to claim':20} {'':20} {report.median_claim}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write approved examples into the intents files, for review in version control."""
    from bot.nlu.training_data import add_examples
    from bot.settings import get_settings
    from bot.storage import review_repo
    from bot.storage.bootstrap import open_database
    from bot.storage.db import transaction

    settings = get_settings()
    folder = Path(args.dir) if args.dir else settings.intents_dir
    engine = open_database(settings)
    try:
        with transaction(engine) as session:
            rows = review_repo.unexported_examples(session)
            written = 0
            by_file: dict[tuple[str, str], list[str]] = {}
            for row in rows:
                by_file.setdefault((row.language, row.intent), []).append(row.text)
            for (language, intent), texts in sorted(by_file.items()):
                written += add_examples(folder / f"{language}.yml", intent, texts)
            review_repo.mark_exported(session, [r.id for r in rows], dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()
    print(f"{written} example(s) written to {folder}; then run `lotse nlu train`")
    return 0


def _is_month(text: str) -> bool:
    year, _, month = text.partition("-")
    return len(year) == 4 and year.isdecimal() and month.isdecimal() and 1 <= int(month) <= 12
