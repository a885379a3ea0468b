"""Read YAML and remember the line of every key and item, for `file:line:` messages.

Scalars other than null and true/false stay the text that was written: YAML 1.1 would
otherwise read `09:00` as 540, the postcode `01067` as an octal number and `no` as
false. The schema decides what a field's text means.

Curated files come from many hands, so the reader is bounded: aliases are refused (every
alias would be expanded: a "billion laughs" file of a few lines grows to gigabytes, and a
recursive alias never ends), nesting deeper than `MAX_DEPTH` and values longer than
`MAX_SCALAR_CHARS` are refused, and so is every character YAML does not allow (NUL).
The file size is limited by the caller (`bot.curation.load.MAX_FILE_BYTES`).

The events come from libyaml where PyYAML was built with it (about ten times faster
than PyYAML's Python scanner: the shipped offers parse in 20 ms instead of 170 ms, which
a fresh data folder pays before its first answer); the composing, with its bounds, is
Python either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

Path_ = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

MAX_DEPTH = 50
MAX_SCALAR_CHARS = 10_000


class YamlProblem(Exception):
    """A document that is not YAML or not of the expected shape, with its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class LinedDocument:
    """A parsed YAML document and the line of every path inside it."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """Return the line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


try:  # libyaml's event parser, where PyYAML was built with it
    from yaml._yaml import CParser

    class _SafeLoader(Composer, SafeConstructor, yaml.resolver.Resolver, CParser):
        """PyYAML's safe loader with libyaml's events under Python's composer."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _BYTE_POSITIONS = True  # libyaml reads the text as UTF-8: positions count bytes
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _SafeLoader = yaml.SafeLoader  # type: ignore[misc,assignment]
    _BYTE_POSITIONS = False


class _BoundedLoader(_SafeLoader):
    """A safe loader that refuses aliases, deep nesting and overlong values while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        """No implicit types: every scalar stays text (`_convert` reads null and booleans)."""
        if kind is ScalarNode:
            return str(self.DEFAULT_SCALAR_TAG)
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node, refusing aliases and nesting deeper than `MAX_DEPTH`."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise YamlProblem(_line(event), "aliases are not allowed (write the value out)")
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(_line(event), f"nested deeper than {MAX_DEPTH} levels")
        self.depth += 1
        try:
            node: Node | None = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, ScalarNode) and len(node.value) > MAX_SCALAR_CHARS:
            raise YamlProblem(
                _line(node), f"a value is longer than {MAX_SCALAR_CHARS:,} characters"
            )
        return node


def _line(item: Any) -> int:
    mark = getattr(item, "start_mark", None)
    return mark.line + 1 if mark is not None else 1


def load_documents(text: str) -> list[LinedDocument]:
    """Parse every document of a YAML stream; raise `YamlProblem` on any problem."""
    documents: list[LinedDocument] = []
    try:
        loader = _BoundedLoader(text)
    except ReaderError as error:
        raise _reader_problem(text, error) from error
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            doc = LinedDocument(value=None)
            doc.value = _convert(node, (), doc.lines)
            documents.append(doc)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(line, f"{error.problem or error.context}") from error
    except ReaderError as error:
        raise _reader_problem(text, error) from error
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"not YAML: {type(error).__name__}") from error
    finally:
        loader.dispose()
    return documents


def _reader_problem(text: str, error: ReaderError) -> YamlProblem:
    """A character YAML does not allow (NUL, other control characters), with its line."""
    if _BYTE_POSITIONS:
        data = text.encode("utf-8", "surrogatepass")
        line = data.count(b"\n", 0, max(error.position, 0)) + 1
    else:  # pragma: no cover - the Python reader counts characters
        line = text.count("\n", 0, max(error.position, 0)) + 1
    return YamlProblem(line, f"character U+{error.character:04X} is not allowed")


def _convert(node: Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "keys must be plain words")
            key = str(key_node.value)
            if key == "<<":
                raise YamlProblem(key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"key {key!r} appears twice")
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, (*path, key), lines)
        return result
    if isinstance(node, SequenceNode):
        return [_convert(item, (*path, i), lines) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    value = str(node.value)
    if not node.style:  # plain (None from Python, "" from libyaml): null and booleans kept
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return value
