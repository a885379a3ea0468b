"""Hostile input: masking time by length, YAML bombs, and a fuzz run over whole chat turns.

Run: .venv/bin/python benchmarks/hostile_input.py [--messages 500] [--seed 13]
Prints figures; asserts nothing (tests/test_hostile_input.py and tests/domain/test_privacy.py
hold the assertions). The fuzz run sends generated messages (control characters, lone
surrogates, 20,000 characters, emoji only, digits only, mixed scripts, personal data)
through a real conversation on a temporary SQLite database and counts messages tried,
crashes, unanswered messages, log lines with message text or a phone number, and the
slowest message.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import tempfile
import time
from pathlib import Path

from bot.conversation import ConversationService, Settings
from bot.curation.load import load_curated
from bot.dialogue.engine import Turn
from bot.domain.places import Gazetteer
from bot.domain.privacy import mask_personal_data
from bot.i18n.render import Renderer
from bot.nlu.analyzer import Analyzer
from bot.storage.catalog import OfferCatalog
from bot.storage.db import make_engine
from bot.storage.examples_catalog import ExampleCatalog
from bot.storage.importing import import_offers
from bot.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
# units that made the old masking patterns backtrack from every position
MASK_UNITS = {
    "one long word": "x",
    "digits, a letter at the end": "1",
    "digits and spaces": "1 ",
    "+ and digits": "+1",
    "@ signs": "a@",
    "dots": "a.",
    "mixed": "1a@+ .",
    "name phrases": "ich heiße ",
    "street addresses": "Rosenweg 7 ",
}
PIECES = (
    "0171 2345678", "+49 151 23456789", "a@b.de", "@", "+", ".", " ", "\n", "\x00", "\x1b[2J",
    "\u202e", "\ud800", "Rosenweg 7", "ich heiße Erika", "меня зовут Ольга", "اسمي فاطمة",
    "٠١٧١٢٣٤٥٦٧", "²", "9" * 21, "طفلي يبكي", "hamileyim", "Hebamme", "Gummersbach",
    "Ich will mich umbringen.", "👶", "🍼", "Z̷̢a̶l̵g̸o̴", "/delete", "v1:cl:x",
)  # fmt: skip
PHONE_IN_LOG = re.compile(r"\d[\d ()/.-]{5,}\d")


def mask_times() -> None:
    """Masking time for 20k, 50k and 200k characters of each adversarial shape."""
    print("mask_personal_data (ms) at 20,000 / 50,000 / 200,000 characters:")
    for name, unit in MASK_UNITS.items():
        times = []
        for size in (20_000, 50_000, 200_000):
            text = (unit * (size // len(unit) + 1))[:size] + "a"
            started = time.perf_counter()
            mask_personal_data(text)
            times.append(f"{(time.perf_counter() - started) * 1000:7.1f}")
        print(f"  {name:<28} {' / '.join(times)}")


def yaml_bombs(folder: Path) -> None:
    """Time and first problem of each bomb."""
    laughs = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    bombs = {
        "billion laughs": "\n".join(laughs),
        "recursive alias": "network: &n [*n]\n",
        "5,000-deep nesting": "network: " + "[" * 5000 + "]" * 5000,
        "NUL byte": "network:\n  id: x\x00\n",
        "10 MB field": "network:\n  name: " + "x" * 10_000_000,
        "2 MB gazetteer (the limit)": "places:\n"
        + "".join(f"  - {{name: p{i}, kind: district, state: b}}\n" for i in range(44_000)),
    }
    print("YAML bombs (time to the problem):")
    for name, content in bombs.items():
        path = folder / "bomb.yml"
        path.write_text(content, encoding="utf-8")
        started = time.perf_counter()
        curated = load_curated([path], base=folder)
        took = time.perf_counter() - started
        first = str(curated.problems[0]) if curated.problems else "no problem"
        print(f"  {name:<26} {took * 1000:8.1f} ms  {first[:80]}")


def messages(count: int, rng: random.Random) -> list[str]:
    """Generated hostile messages of every shape."""
    shapes = [
        lambda: "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))),
        lambda: "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 200))),
        lambda: (rng.choice(PIECES) * 20_000)[: rng.choice([4_095, 4_097, 20_000])],
        lambda: "".join(chr(rng.randint(0x1F300, 0x1FAFF)) for _ in range(rng.randint(1, 50))),
        lambda: "".join(rng.choice("0123456789²³¹٣") for _ in range(rng.choice([1, 21, 5_000]))),
        lambda: " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))),
    ]
    return [rng.choice(shapes)() for _ in range(count)]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def fuzz(count: int, seed: int, data: Path) -> None:
    """Whole turns on a temporary SQLite database: crashes, answers, logs, slowest."""
    demo = load_curated([ROOT / "offers_data"])
    analyzer = Analyzer.from_training_data(ROOT / "intents", data / "nlu", Gazetteer(demo.places))
    engine = make_engine(f"sqlite:///{data / 'lotse.db'}")
    upgrade(engine)
    import_offers(engine, [ROOT / "offers_data"])
    service = ConversationService(
        engine=engine,
        analyzer=analyzer,
        catalog=OfferCatalog(engine, check_seconds=0),
        examples=ExampleCatalog(engine, check_seconds=0),
        renderer=Renderer(ROOT / "locales"),
        settings=Settings(secret="benchmark"),
    )
    records = _Records()
    root = logging.getLogger()
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    crashes = unanswered = personal_logs = 0
    slowest = (0.0, 0)
    for i, text in enumerate(messages(count, random.Random(seed))):
        before = len(records.lines)
        started = time.perf_counter()
        try:
            replies = service.handle("fuzz", f"user-{i % 50}", Turn(text=text))
        except Exception as error:  # counted, not raised: the figure is the point
            crashes += 1
            print(f"  crash: {type(error).__name__} on a {len(text)}-character message")
            continue
        took = time.perf_counter() - started
        slowest = max(slowest, (took, len(text)))
        unanswered += not replies
        probe = text.strip()[:12]
        for line in records.lines[before:]:
            if (len(probe) >= 6 and probe in line) or PHONE_IN_LOG.search(line):
                personal_logs += 1
    root.removeHandler(records)
    engine.dispose()
    print(f"fuzz run (seed {seed}): {count} messages tried, {crashes} crashes, ")
    print(f"  {unanswered} unanswered, {personal_logs} log lines with message text or a phone,")
    print(f"  slowest message {slowest[0] * 1000:.0f} ms ({slowest[1]} characters)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    mask_times()
    with tempfile.TemporaryDirectory() as folder:
        yaml_bombs(Path(folder))
        fuzz(args.messages, args.seed, Path(folder))


if __name__ == "__main__":
    main()
