"""`lotse offers validate|import|export|list`: curate the offer data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.curation.export import to_csv, to_hsds, to_places_yaml, to_yaml_documents
from bot.curation.load import load_curated
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.needs import NEED_IDS
from bot.domain.offers import Offer
from bot.domain.places import Gazetteer
from bot.settings import get_settings
from bot.storage.bootstrap import open_database
from bot.storage.catalog import OfferCatalog
from bot.storage.db import session_factory
from bot.storage.importing import import_offers
from bot.storage.offers_repo import load_offer_data, load_places

PROGRESS_FROM = 20  # offers; smaller imports finish before a bar could be read


def register(commands: Any) -> None:
    """Add the `offers` sub-commands."""
    parser: argparse.ArgumentParser = commands.add_parser("offers", help="curated offer data")
    sub = parser.add_subparsers(dest="offers_command", metavar="ACTION", required=True)

    validate = sub.add_parser("validate", help="check offer files, every problem at once")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.set_defaults(handler=run_validate)

    load = sub.add_parser("import", help="validate, then replace the offers in one transaction")
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    load.add_argument("--no-progress", action="store_true", help="no progress bar")
    load.set_defaults(handler=run_import)

    export = sub.add_parser("export", help="write the active offers out")
    export.add_argument("--format", choices=("yaml", "hsds", "csv"), default="yaml")
    export.add_argument(
        "--output", type=Path, help="file (hsds, csv) or folder (yaml, one file per network)"
    )
    export.set_defaults(handler=run_export)

    listing = sub.add_parser("list", help="a table of the active offers")
    listing.add_argument("--need", choices=NEED_IDS, metavar="NEED", help="need id (NEEDS.md)")
    listing.add_argument("--place", metavar="TOWN|PLZ", help="town, district or postcode")
    listing.add_argument("--language", metavar="CODE", help="language staff speak, e.g. ar")
    listing.set_defaults(handler=run_list)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem as `file:line: field: message`; exit 1 when there are any."""
    curated = load_curated(args.paths)
    for problem in curated.problems:
        print(problem)
    if curated.problems:
        print(
            f"{len(curated.problems)} problem(s) in {len(curated.files)} file(s)", file=sys.stderr
        )
        return 1
    data = curated.data
    print(
        f"ok: {len(data.offers)} offers, {len(data.networks)} networks, "
        f"{len(curated.places)} places in {len(curated.files)} file(s)"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import files; on any problem print them all and leave the database unchanged."""
    engine = open_database(get_settings())
    err = Console(stderr=True)
    show = not args.no_progress and err.is_terminal
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            disable=not show,
            transient=True,
        ) as progress:
            files = progress.add_task("reading files", total=None)
            offers = progress.add_task("writing offers", total=None, visible=False)

            def on_file(_path: Path) -> None:
                progress.advance(files)

            def on_offer(_offer: Offer) -> None:
                progress.update(offers, visible=True)
                progress.advance(offers)

            result = import_offers(engine, args.paths, on_file=on_file, on_offer=on_offer)
    finally:
        engine.dispose()
    for problem in result.curated.problems:
        print(problem)
    if result.summary is None:
        print(
            f"import refused: {len(result.curated.problems)} problem(s); the database is unchanged",
            file=sys.stderr,
        )
        return 1
    s = result.summary
    print(
        f"imported {s.added + s.changed + s.unchanged} offers from {len(result.curated.files)} "
        f"file(s): {s.added} added, {s.changed} changed, {s.unchanged} unchanged, "
        f"{s.deactivated} deactivated (data version {s.version})"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export the active offers as curated YAML, HSDS 3.0 JSON or CSV."""
    engine = open_database(get_settings())
    try:
        with session_factory(engine)() as session:
            data = load_offer_data(session)
            gazetteer = Gazetteer(load_places(session))
    finally:
        engine.dispose()
    if args.format == "yaml":
        documents = to_yaml_documents(data)
        if args.output is None:
            sys.stdout.write("---\n".join(documents.values()))
            return 0
        args.output.mkdir(parents=True, exist_ok=True)
        for network_id, text in documents.items():
            (args.output / f"{network_id}.yml").write_text(text, encoding="utf-8")
        places_doc = to_places_yaml(gazetteer.places)
        (args.output / "places.yml").write_text(places_doc, encoding="utf-8")
        print(f"wrote {len(documents)} network file(s) and places.yml to {args.output}")
        return 0
    text = to_hsds(data, gazetteer) if args.format == "hsds" else to_csv(data)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the offers that fit the filters as a table."""
    engine = open_database(get_settings())
    try:
        index = OfferCatalog(engine).current()
    finally:
        engine.dispose()
    place = None
    if args.place:
        found = index.gazetteer.resolve(args.place)
        if found is None:
            print(f"lotse: unknown place {args.place!r} (town, district or 5-digit PLZ)",
                  file=sys.stderr)  # fmt: skip
            return 2
        place = PlaceQuery(*found)
    offers = index.find(need=args.need, place=place, language=args.language)
    render_table(index, offers)
    return 0


def render_table(index: OfferIndex, offers: list[Offer]) -> None:
    """A readable table of offers for a person at a terminal."""
    console = Console()
    if not offers:
        console.print("No offer fits these filters.")
        return
    table = Table(show_lines=True)
    for column in ("Offer", "Needs", "Area", "Contact"):
        table.add_column(column, overflow="fold")
    for offer in offers:
        org = index.data.organization(offer.organization)
        areas = ", ".join(
            "nationwide" if a.kind == "country" else a.name for a in offer.service_areas
        )
        contact = [p.number for p in offer.phones]
        contact += [c.name or c.department or "" for c in offer.contacts]
        contact += [p.number for c in offer.contacts for p in c.phones]
        if offer.ask and not contact:
            contact.append(f"ask: {offer.ask}")
        table.add_row(
            f"[bold]{offer.name}[/bold]\n{org.name if org else ''}\n[dim]{offer.id}[/dim]",
            ", ".join(offer.needs),
            areas or "–",
            "\n".join(dict.fromkeys(contact)),
        )
    console.print(table)
    console.print(f"{len(offers)} offer(s)")
