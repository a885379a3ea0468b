"""Benchmark the offer read path: index build, lookups, and a catalog reload from SQLite.

Run: .venv/bin/python benchmarks/offer_index.py [--offers 10000]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from bot.curation.load import load_curated
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.needs import NEED_IDS
from bot.domain.offers import Network, Offer, OfferData, Organization, ServiceArea, Source
from bot.domain.places import Gazetteer
from bot.storage.catalog import OfferCatalog
from bot.storage.db import make_engine, transaction
from bot.storage.migrate import upgrade
from bot.storage.offers_repo import replace_offers

ROOT = Path(__file__).resolve().parent.parent


def synthetic(count: int, gazetteer: Gazetteer, seed: int = 7) -> OfferData:
    """`count` random offers over the gazetteer's towns."""
    rng = random.Random(seed)
    towns = [p for p in gazetteer.places if p.kind == "municipality"]
    org = Organization(id="bench-org", name="Benchmark-Träger")
    offers = tuple(
        Offer(
            id=f"bench-{i}",
            organization=org.id,
            network="bench",
            name=f"Angebot {i}",
            description="Synthetisches Angebot für den Benchmark.",
            needs=tuple(rng.sample(NEED_IDS, rng.randint(1, 3))),
            service_areas=(ServiceArea(kind="municipality", name=rng.choice(towns).name),),
            languages=tuple(rng.sample(["de", "ar", "tr", "uk", "ru", "fa"], 2)),
            assured_date=dt.date(2026, 1, 1),
            source=Source(document="bench.txt"),
            ask="Jugendamt",
        )
        for i in range(count)
    )
    network = Network(
        id="bench", name="Benchmark", service_areas=(), source=Source(document="b"), ask="-"
    )
    return OfferData(networks=(network,), organizations=(org,), offers=offers)


def percentiles(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=100)
    return f"p50 {qs[49] * 1e3:.3f} ms, p99 {qs[98] * 1e3:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=5_000)
    args = parser.parse_args()

    demo = load_curated([ROOT / "offers_data"])
    gazetteer = Gazetteer(demo.places)
    started = time.perf_counter()
    data = synthetic(args.offers, gazetteer)
    print(f"construct+validate {args.offers} offers: {time.perf_counter() - started:.2f} s")

    tracemalloc.start()
    started = time.perf_counter()
    index = OfferIndex.build(data, gazetteer)
    build = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"index build: {build * 1e3:.1f} ms, peak traced memory {peak / 2**20:.1f} MiB")

    rng = random.Random(1)
    towns = [p for p in gazetteer.places if p.kind == "municipality"]
    samples = []
    for _ in range(args.queries):
        need, town = rng.choice(NEED_IDS), rng.choice(towns)
        t0 = time.perf_counter()
        index.find(need=need, place=PlaceQuery(town), language="ar")
        samples.append(time.perf_counter() - t0)
    print(f"find(need, place, language) over {len(index)} offers: {percentiles(samples)}")

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        started = time.perf_counter()
        with transaction(engine) as session:
            replace_offers(session, data, demo.places, ["synthetic"])
        print(f"import {args.offers} offers into SQLite: {time.perf_counter() - started:.2f} s")
        catalog = OfferCatalog(engine, check_seconds=0)
        started = time.perf_counter()
        catalog.current()
        print(f"catalog load from SQLite: {time.perf_counter() - started:.2f} s")
        samples = []
        for _ in range(1000):
            t0 = time.perf_counter()
            catalog.current()
            samples.append(time.perf_counter() - t0)
        print(f"catalog.current() with version check: {percentiles(samples)}")
        engine.dispose()


if __name__ == "__main__":
    main()
