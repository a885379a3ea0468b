"""Benchmark matching and a full turn (understand + match + render).

Run: .venv/bin/python benchmarks/conversation.py [--offers 100000]
Prints figures; asserts nothing. Ranking runs over synthetic offers spread over the
gazetteer's towns; a turn runs on the shipped demo data, without database I/O.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from offer_index import percentiles, synthetic

from bot.curation.load import load_curated
from bot.dialogue.engine import Context, Turn, step
from bot.dialogue.state import ConversationState
from bot.domain.index import OfferIndex, PlaceQuery
from bot.domain.matching import Situation, rank
from bot.domain.needs import NEED_IDS
from bot.domain.places import Gazetteer
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.nlu.language import SUPPORTED

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "Mein Baby schreit die ganze Nacht, wir wohnen in Gummersbach",
    "طفلي يبكي طوال الليل، نحن في غومرسباخ",
    "Я вагітна і шукаю акушерку в Зігбурзі",
    "hamileyim, hebamme lazım, Mönchengladbach",
    "we have no money and live in Herford",
    "je cherche une place en crèche à Coesfeld",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    args = parser.parse_args()
    demo = load_curated([ROOT / "offers_data"])
    gazetteer = Gazetteer(demo.places)
    towns = [p for p in gazetteer.places if p.kind == "municipality"]

    started = time.perf_counter()
    index = OfferIndex.build(synthetic(args.offers, gazetteer), gazetteer)
    print(
        f"{args.offers} synthetic offers built and indexed in {time.perf_counter() - started:.1f} s"
    )
    rng = random.Random(3)
    samples = []
    for _ in range(2_000):
        situation = Situation(
            needs=(rng.choice(NEED_IDS),),
            place=PlaceQuery(rng.choice(towns)),
            child_age_months=rng.choice([None, 2, 14]),
            language=rng.choice(SUPPORTED),
        )
        t0 = time.perf_counter()
        rank(index, situation)
        samples.append(time.perf_counter() - t0)
    per_town = args.offers // len(towns)
    print(f"rank over {args.offers} offers (~{per_town} per town): {percentiles(samples)}")

    with tempfile.TemporaryDirectory() as cache:
        analyzer = Analyzer.from_training_data(ROOT / "intents", Path(cache), gazetteer)
    demo_index = OfferIndex.build(demo.data, gazetteer)
    renderer = Renderer(ROOT / "locales")
    context = Context(analyzer, demo_index)
    samples = []
    for i in range(600):
        text = MESSAGES[i % len(MESSAGES)]
        t0 = time.perf_counter()
        state, effects = step(ConversationState(), Turn(text=text), context)
        for effect in effects:
            msg = getattr(effect, "msg", None)
            if msg is not None:
                renderer.text(msg, state.language or "de")
            for ranked in getattr(effect, "offers", ()):
                renderer.card(ranked, demo_index.data, state.language or "de")
        samples.append(time.perf_counter() - t0)
    print(f"full turn (understand + match + render), demo data: {percentiles(samples)}")


if __name__ == "__main__":
    main()
