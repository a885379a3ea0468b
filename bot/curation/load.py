"""Load curated offer files and report every problem with its file and line.

A path is an offer file (top-level `network:`), a gazetteer (top-level `places:`) or a
folder of such files. The gazetteer `places.yml` beside an offer file is read with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from bot.curation.yaml_lines import LinedDocument, Path_, YamlProblem, load_documents
from bot.domain.offers import Network, Offer, OfferData, Organization
from bot.domain.places import Gazetteer, Place

T = TypeVar("T")

PLACES_FILE = "places.yml"
SOURCES_DIR = "sources"
# a whole German gazetteer fits; a YAML bomb or a pasted video does not
MAX_FILE_BYTES = 2 * 1024 * 1024

_NETWORK = TypeAdapter(Network)
_ORGANIZATION = TypeAdapter(Organization)
_OFFER = TypeAdapter(Offer)
_PLACE = TypeAdapter(Place)
# the sizes of the gazetteer's columns (bot/storage/models.py PlaceRow)
_PLACE_LIMITS = {"name": 200, "state": 100, "district": 200}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a curated file, printable as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class Origin:
    """Where an item was written."""

    file: str
    line: int


@dataclass
class Curated:
    """Everything read from a set of files, valid or not."""

    data: OfferData = field(default_factory=OfferData)
    places: tuple[Place, ...] = ()
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether nothing is wrong."""
        return not self.problems


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the YAML files inside them, sorted, without duplicates."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted([*path.glob("*.yml"), *path.glob("*.yaml")]))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


def curated_files(paths: Iterable[Path]) -> list[Path]:
    """The files an import of `paths` reads: the YAML files, each folder's places file too."""
    files = expand_paths(paths)
    for extra in [f.parent / PLACES_FILE for f in files]:
        if extra.is_file() and extra.resolve() not in files:
            files.append(extra.resolve())
    return files


class _Reader:
    """Collects items and problems while reading files one by one."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.result = Curated()
        self.networks: list[Network] = []
        self.organizations: list[Organization] = []
        self.offers: list[Offer] = []
        self.places: list[Place] = []
        self.place_origins: dict[str, Origin] = {}
        self.seen: dict[tuple[str, str], Origin] = {}

    def problem(self, file: str, line: int, where: str, message: str) -> None:
        self.result.problems.append(Problem(file, line, where, message))

    def read(self, path: Path, shown: str) -> None:
        try:
            with path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                self.problem(shown, 1, "file", f"is larger than {MAX_FILE_BYTES // 2**20} MB")
                return
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problem(shown, line, "file", f"is not UTF-8 text (byte {error.start})")
            return
        except OSError as error:
            self.problem(shown, 1, "file", f"cannot be read: {error}")
            return
        try:
            documents = load_documents(text)
        except YamlProblem as error:
            self.problem(shown, error.line, "yaml", error.message)
            return
        if not documents:
            self.problem(shown, 1, "file", "is empty")
        for doc in documents:
            self._document(doc, path, shown)

    def _document(self, doc: LinedDocument, path: Path, shown: str) -> None:
        value = doc.value
        if isinstance(value, dict) and "places" in value:
            self._places(doc, shown)
        elif isinstance(value, dict) and "network" in value:
            self._offer_file(doc, path, shown)
        else:
            self.problem(shown, 1, "file", "expected a top-level 'network:' or 'places:' key")

    def _validate(
        self, adapter: TypeAdapter[T], raw: Any, doc: LinedDocument, at: Path_, shown: str
    ) -> T | None:
        try:
            return adapter.validate_python(raw, context={"today": self.today})
        except ValidationError as error:
            for item in error.errors():
                loc: Path_ = tuple(item["loc"])
                where = ".".join(str(p) for p in (*at, *loc))
                message = str(item["msg"]).removeprefix("Value error, ")
                self.problem(shown, doc.line_of((*at, *loc)), where, message)
            return None

    def _items(self, doc: LinedDocument, key: str, shown: str) -> list[tuple[Path_, Any]]:
        raw = doc.value.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(shown, doc.line_of((key,)), key, "must be a list")
            return []
        return [((key, i), item) for i, item in enumerate(raw)]

    def _unique(self, kind: str, ident: str, origin: Origin, where: str) -> bool:
        first = self.seen.get((kind, ident))
        if first is not None:
            self.problem(
                origin.file,
                origin.line,
                where,
                f"duplicate {kind} id {ident!r} (first at {first.file}:{first.line})",
            )
            return False
        self.seen[(kind, ident)] = origin
        return True

    def _places(self, doc: LinedDocument, shown: str) -> None:
        unknown = set(doc.value) - {"places"}
        for key in sorted(unknown):
            self.problem(shown, doc.line_of((key,)), key, "unknown top-level key")
        for at, raw in self._items(doc, "places", shown):
            place = self._validate(_PLACE, raw, doc, at, shown)
            if place is None or not self._place_fits(place, doc, at, shown):
                continue
            origin = Origin(shown, doc.line_of(at))
            if self._unique("place", place.name, origin, f"places.{at[1]}.name"):
                self.places.append(place)
                self.place_origins[place.name] = origin

    def _place_fits(self, place: Place, doc: LinedDocument, at: Path_, shown: str) -> bool:
        """Check the place's texts against the sizes of their columns."""
        fits = True
        for name, limit in _PLACE_LIMITS.items():
            value = getattr(place, name)
            if value is not None and len(value) > limit:
                where = (*at, name)
                self.problem(
                    shown,
                    doc.line_of(where),
                    ".".join(map(str, where)),
                    f"String should have at most {limit} characters",
                )
                fits = False
        return fits

    def _offer_file(self, doc: LinedDocument, path: Path, shown: str) -> None:
        unknown = set(doc.value) - {"network", "organizations", "offers"}
        for key in sorted(unknown):
            self.problem(shown, doc.line_of((key,)), key, "unknown top-level key")
        network = self._validate(_NETWORK, doc.value["network"], doc, ("network",), shown)
        sources = path.parent / SOURCES_DIR
        if network is not None:
            origin = Origin(shown, doc.line_of(("network",)))
            if self._unique("network", network.id, origin, "network.id"):
                self.networks.append(network)
                self.result.origins[f"network:{network.id}"] = origin
            self._check_source(network.source.document, sources, doc, ("network",), shown)
        for at, raw in self._items(doc, "organizations", shown):
            org = self._validate(_ORGANIZATION, raw, doc, at, shown)
            origin = Origin(shown, doc.line_of(at))
            if org is not None and self._unique("organization", org.id, origin, f"{at[0]}.{at[1]}"):
                self.organizations.append(org)
                self.result.origins[f"organization:{org.id}"] = origin
        for at, raw in self._items(doc, "offers", shown):
            if isinstance(raw, dict):
                if "network" in raw:
                    self.problem(
                        shown,
                        doc.line_of((*at, "network")),
                        f"offers.{at[1]}.network",
                        "is set by the file's network; remove it",
                    )
                raw = {**raw, "network": network.id if network else "none"}
            origin = Origin(shown, doc.line_of(at))
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(raw_id, str) and not self._unique(
                "offer", raw_id, Origin(shown, doc.line_of((*at, "id"))), f"offers.{at[1]}.id"
            ):
                continue
            offer = self._validate(_OFFER, raw, doc, at, shown)
            if offer is None:
                continue
            self.offers.append(offer)
            self.result.origins[f"offer:{offer.id}"] = origin
            self._check_source(offer.source.document, sources, doc, at, shown)

    def _check_source(
        self, document: str, sources: Path, doc: LinedDocument, at: Path_, shown: str
    ) -> None:
        if not (sources / document).is_file():
            where = (*at, "source", "document")
            self.problem(
                shown,
                doc.line_of(where),
                ".".join(map(str, where)),
                f"source document {document!r} not found in {sources}",
            )

    def cross_check(self) -> None:
        """Check references between files: organisations and places."""
        organizations = {o.id for o in self.organizations}
        gazetteer = Gazetteer(self.places)
        for offer in self.offers:
            origin = self.result.origins[f"offer:{offer.id}"]
            if offer.organization not in organizations:
                self.problem(
                    origin.file,
                    origin.line,
                    f"offer {offer.id}: organization",
                    f"unknown organization {offer.organization!r}",
                )
            self._check_areas(gazetteer, offer.service_areas, origin, f"offer {offer.id}")
        for network in self.networks:
            origin = self.result.origins[f"network:{network.id}"]
            self._check_areas(gazetteer, network.service_areas, origin, f"network {network.id}")

    def _check_areas(
        self, gazetteer: Gazetteer, areas: Sequence[Any], origin: Origin, what: str
    ) -> None:
        for area in areas:
            if not gazetteer.knows_area(area):
                self.problem(
                    origin.file,
                    origin.line,
                    f"{what}: service_areas",
                    f"unknown {area.kind} {area.name!r}: add it to {PLACES_FILE}",
                )

    def finish(self) -> Curated:
        self.cross_check()
        self.result.data = OfferData(
            networks=tuple(self.networks),
            organizations=tuple(self.organizations),
            offers=tuple(self.offers),
        )
        self.result.places = tuple(self.places)
        self.result.problems.sort()
        return self.result


def load_curated(
    paths: Sequence[Path],
    today: dt.date | None = None,
    on_file: Callable[[Path], None] | None = None,
    base: Path | None = None,
) -> Curated:
    """Read offer and place files; every problem is collected, none raised."""
    reader = _Reader(today or dt.date.today())
    files = curated_files(paths)
    if not files:
        reader.problem("-", 1, "paths", "no offer files found")
    for path in files:
        reader.read(path, _shown(path, base))
        if on_file is not None:
            on_file(path)
    reader.result.files = files
    return reader.finish()


def _shown(path: Path, base: Path | None) -> str:
    base = base or Path.cwd()
    try:
        return str(path.relative_to(base.resolve()))
    except ValueError:
        return str(path)
