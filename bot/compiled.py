"""Compiled forms of shipped data, so that a start reads them instead of building them.

A compiled file begins with the digest of what it was built from (the source files'
bytes, including the code that builds it); a reader that finds another digest builds
afresh. `lotse nlu train` writes them; tests fail while one is older than its sources.
The files are the package's own, written by that command: unpickling them is safe.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import zlib
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

log = logging.getLogger(__name__)
DIGEST_CHARS = 16


def digest_of(sources: Iterable[Traversable]) -> str:
    """A fingerprint of these files' names and bytes."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:DIGEST_CHARS]


def current(path: Traversable, digest: str) -> bool:
    """Whether the compiled file was built from sources with this digest."""
    try:
        with path.open("rb") as stream:
            return bytes(stream.read(DIGEST_CHARS)) == digest.encode()
    except OSError:
        return False


def read(path: Traversable, digest: str, kind: type) -> object | None:
    """The compiled object, if it exists, is current and of the expected kind."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw[:DIGEST_CHARS] != digest.encode():
        return None
    try:
        value = pickle.loads(zlib.decompress(raw[DIGEST_CHARS:]))
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        log.warning("%s is unreadable; building it instead", path.name)
        return None
    return value if isinstance(value, kind) else None


def write(path: Traversable, digest: str, value: object) -> None:
    """Write a compiled object (into the source tree: `lotse nlu train`)."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    Path(str(path)).write_bytes(digest.encode() + zlib.compress(payload))
