"""Read YAML and remember the line of every key and item, for `file:line:` messages.

Scalars other than null and true/false stay the text that was written: YAML 1.1 would
otherwise read `09:00` as 540, the postcode `01067` as an octal number and `no` as
false. The schema decides what a field's text means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


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


def load_documents(text: str) -> list[LinedDocument]:
    """Parse every document of a YAML stream; raise `YamlProblem` on a syntax error."""
    loader = yaml.SafeLoader(text)
    documents: list[LinedDocument] = []
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
    finally:
        loader.dispose()
    return documents


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
    if node.style is None:  # plain scalar: null and booleans keep their meaning
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return value
