"""The console's work at the command line, for administrators (every network).

`lotse review` and `lotse decide` (unanswered questions), `lotse handoffs` (the queue),
`lotse report` (monthly figures), `lotse intents export` (approved examples to git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bot.casework.reports import Reports, as_csv
from bot.casework.review import ACTIONS, Review
from bot.casework.service import Actor, Casework
from bot.domain.cases import CLAIMED, OPEN, OUTCOMES, RESOLVED
from bot.domain.needs import NEED_IDS
from bot.domain.roles import ADMIN, Grant, Roles
from bot.nlu.training_data import add_examples
from bot.settings import get_settings
from bot.storage import review_repo, stats_repo
from bot.storage.bootstrap import open_database
from bot.storage.db import transaction


def register(commands: Any) -> None:
    """Add `review`, `handoffs`, `report` and `intents`."""
    review = commands.add_parser("review", help="unanswered questions (grouped)")
    review.add_argument("--language")
    review.add_argument("--network")
    review.set_defaults(handler=run_review)
    decide = commands.add_parser("decide", help="decide questions shown by `lotse review`")
    decide.add_argument("action", choices=ACTIONS)
    decide.add_argument("ids", nargs="+", type=int)
    decide.add_argument("--need", choices=NEED_IDS)
    decide.set_defaults(handler=run_decide)
    handoffs = commands.add_parser("handoffs", help="the hand-off queue; close a case")
    handoffs.add_argument("--network")
    handoffs.add_argument("--status", choices=("open", "resolved"), default="open")
    handoffs.add_argument("--close", metavar="REFERENCE", help="close this case")
    handoffs.add_argument("--outcome", choices=OUTCOMES, default="reached")
    handoffs.add_argument("--note")
    handoffs.set_defaults(handler=run_handoffs)
    report = commands.add_parser("report", help="a network's monthly report")
    report.add_argument("--network", required=True)
    report.add_argument("--month", help="YYYY-MM (default: this month)")
    report.add_argument("--csv", action="store_true", help="as CSV (the console's download)")
    report.set_defaults(handler=run_report)
    intents = commands.add_parser("intents", help="approved training examples")
    sub = intents.add_subparsers(dest="intents_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write approved examples into intents/<lang>.yml")
    export.add_argument("--dir", help="the intents folder (default: LOTSE_INTENTS_DIR)")
    export.set_defaults(handler=run_export)


ADMINISTRATOR = Actor("cli", Roles((Grant(ADMIN, None, "Administration"),)), name="Administration")


def run_review(args: argparse.Namespace) -> int:
    """Print the groups of unanswered questions with their ids."""
    engine = open_database(get_settings())
    try:
        groups = Review(engine).groups(ADMINISTRATOR, args.language, args.network)
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
    if args.action in ("assigned", "unmet") and not args.need:
        print(f"lotse decide: {args.action} needs --need", file=sys.stderr)
        return 2
    engine = open_database(get_settings())
    try:
        done = Review(engine).decide(ADMINISTRATOR, args.ids, args.action, args.need)
    finally:
        engine.dispose()
    print(f"{done} question(s) {args.action}")
    return 0 if done else 1


def run_handoffs(args: argparse.Namespace) -> int:
    """List the queue, or close one case."""
    engine = open_database(get_settings())
    try:
        work = Casework(engine)
        if args.close:
            answer = work.resolve(args.close, ADMINISTRATOR, args.outcome, args.note)
            print(f"{args.close}: {answer.status}")
            return 0 if answer.ok else 1
        statuses = (RESOLVED,) if args.status == "resolved" else (OPEN, CLAIMED)
        cases = [
            c for c in work.cases(ADMINISTRATOR, statuses) if args.network in (None, c.network)
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
    settings = get_settings()
    month = args.month or stats_repo.month_of(dt.datetime.now(dt.UTC))
    engine = open_database(settings)
    try:
        report = Reports(engine, settings.report_min_count).report(
            ADMINISTRATOR, args.network, month
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
    print(f"{written} example(s) written to {folder}; retrain happens on the next start")
    return 0
