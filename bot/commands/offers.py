"""`lotse offers validate|import|export|list`: curate the offer data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.commands import USAGE, CommandError, add_command, add_group
from bot.domain.needs import NEED_IDS

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.domain.index import OfferIndex
    from bot.domain.offers import Offer, OfferData


def register(commands: Any) -> None:
    """Add the `offers` sub-commands."""
    sub = add_group(
        commands,
        "offers",
        "curated offer data",
        "lotse offers list --need midwife --place Gummersbach",
    )
    validate = add_command(
        sub,
        "validate",
        "check offer files, every problem at once",
        "lotse offers validate offers_data/",
    )
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="offer files or folders of them"
    )
    validate.set_defaults(handler=run_validate)

    load = add_command(
        sub,
        "import",
        "validate, then replace the offers in one transaction",
        "lotse offers import offers_data/",
    )
    load.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="offer files or folders of them"
    )
    load.add_argument("--no-progress", action="store_true", help="no progress bar")
    load.set_defaults(handler=run_import)

    export = add_command(
        sub,
        "export",
        "write the active offers out",
        "lotse offers export --format yaml --output exported/ && lotse offers validate exported/",
        description="Write the active offers out. YAML goes into a folder with the curated "
        "file names and the source documents in sources/, ready for `validate` and `import`.",
    )
    export.add_argument(
        "--format", choices=("yaml", "hsds", "csv"), default="yaml", help="what to write"
    )
    export.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="file (hsds, csv) or folder (yaml, one file per network); default: stdout",
    )
    export.set_defaults(handler=run_export)

    listing = add_command(
        sub,
        "list",
        "a table of the active offers",
        "lotse offers list --need pregnancy --place 53721",
    )
    listing.add_argument(
        "--need",
        choices=NEED_IDS,
        metavar="NEED",
        help=f"need id (docs/needs.md): {', '.join(NEED_IDS)}",
    )
    listing.add_argument("--place", metavar="TOWN|PLZ", help="town, district or postcode")
    listing.add_argument("--language", metavar="CODE", help="language staff speak, e.g. ar")
    listing.set_defaults(handler=run_list)

    snapshot = add_command(
        sub,
        "snapshot",
        "build the demo database a new data folder starts from",
        "lotse offers snapshot --check",
        description="Run after changing offers_data/ or the database code; a new data folder "
        "then starts as a copy (bot/storage/data/demo.sqlite.z) instead of importing. The tests "
        "fail while the copy is older than its sources.",
    )
    snapshot.add_argument(
        "--check", action="store_true", help="only check that the copy is current"
    )
    snapshot.set_defaults(handler=run_snapshot)


def run_snapshot(args: argparse.Namespace) -> int:
    """Write (or check) the demo database shipped with the package."""
    from bot.settings import get_settings
    from bot.storage.demo_start import SNAPSHOT, snapshot_current, write_snapshot

    offers_dir = get_settings().offers_dir
    if args.check:
        if snapshot_current(offers_dir):
            print(f"the demo database is current with {offers_dir}")
            return 0
        raise CommandError(
            f"the demo database is older than {offers_dir} or the database code: "
            "run `lotse offers snapshot`"
        )
    try:
        added = write_snapshot(offers_dir)
    except ValueError as error:
        raise CommandError(str(error)) from None
    print(f"wrote {SNAPSHOT} ({added} offers from {offers_dir})")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem as `file:line: field: message`; exit 1 when there are any."""
    from bot.curation.load import load_curated

    _require_paths(args.paths)
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
    from bot.progress import progress
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database
    from bot.storage.importing import import_offers

    _require_paths(args.paths)
    engine = open_database(get_settings())
    show = None if not args.no_progress else False
    try:
        with progress("importing offers", show=show) as advance:
            result = import_offers(engine, args.paths, on_offer=lambda _offer: advance(1))
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
    from bot.curation.export import file_names, to_csv, to_hsds, to_places_yaml, to_yaml_documents
    from bot.domain.places import Gazetteer
    from bot.progress import progress
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database
    from bot.storage.db import session_factory
    from bot.storage.offers_repo import load_offer_data, load_places

    settings = get_settings()
    engine = open_database(settings)
    try:
        with progress("reading the offers"), session_factory(engine)() as session:
            data = load_offer_data(session)
            gazetteer = Gazetteer(load_places(session))
        folders = _source_folders(engine, settings.offers_dir)
    finally:
        engine.dispose()
    if args.format == "yaml":
        documents = to_yaml_documents(data)
        if args.output is None:
            sys.stdout.write("---\n".join(documents.values()))
            return 0
        names = file_names(data.networks)
        args.output.mkdir(parents=True, exist_ok=True)
        for network_id, text in documents.items():
            (args.output / names[network_id]).write_text(text, encoding="utf-8")
        places_doc = to_places_yaml(gazetteer.places)
        (args.output / "places.yml").write_text(places_doc, encoding="utf-8")
        copied = _copy_sources(data, folders, args.output / "sources")
        print(
            f"wrote {len(documents)} network file(s), places.yml and {copied} source "
            f"document(s) to {args.output}"
        )
        return 0
    with progress(f"writing {args.format}"):
        text = to_hsds(data, gazetteer) if args.format == "hsds" else to_csv(data)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _require_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {', '.join(missing)}", USAGE)


def _source_folders(engine: Engine, offers_dir: Path) -> list[Path]:
    """Where the source documents may be: beside the last imported files, then offers_dir."""
    import json

    from sqlalchemy import select

    from bot.curation.load import SOURCES_DIR
    from bot.storage.db import session_factory
    from bot.storage.models import ImportRow

    with session_factory(engine)() as session:
        files = session.scalar(select(ImportRow.files).order_by(ImportRow.id.desc()).limit(1))
    folders = [Path(f).parent / SOURCES_DIR for f in json.loads(files or "[]")]
    folders.append(offers_dir / SOURCES_DIR)
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def _copy_sources(data: OfferData, folders: list[Path], target: Path) -> int:
    """Copy the source documents the offers name into `target`; warn about missing ones."""
    import shutil

    from bot.curation.export import source_documents

    copied = 0
    target.mkdir(parents=True, exist_ok=True)
    for document in source_documents(data):
        found = next((f / document for f in folders if (f / document).is_file()), None)
        if found is None:
            print(f"lotse: warning: source document {document!r} not found", file=sys.stderr)
            continue
        if found.resolve() != (target / document).resolve():
            shutil.copyfile(found, target / document)
        copied += 1
    return copied


def run_list(args: argparse.Namespace) -> int:
    """Print the offers that fit the filters as a table."""
    from bot.domain.index import PlaceQuery
    from bot.settings import get_settings
    from bot.storage.bootstrap import open_database
    from bot.storage.catalog import OfferCatalog

    engine = open_database(get_settings())
    try:
        index = OfferCatalog(engine).current()
    finally:
        engine.dispose()
    place = None
    if args.place:
        found = index.gazetteer.resolve(args.place)
        if found is None:
            raise CommandError(
                f"unknown place {args.place!r} (town, district or 5-digit PLZ)", USAGE
            )
        place = PlaceQuery(*found)
    offers = index.find(need=args.need, place=place, language=args.language)
    render_table(index, offers)
    return 0


def render_table(index: OfferIndex, offers: list[Offer]) -> None:
    """A readable table of offers for a person at a terminal."""
    from rich.console import Console
    from rich.table import Table

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
