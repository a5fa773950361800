"""Text edits on Python source located by its own syntax tree (``ast`` positions), so that the
converter's layout and comments survive everything intake does not change."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass
class Source:
    """A source text, its tree, and pending edits (start, end, replacement) in character offsets."""

    text: str
    tree: ast.Module = field(init=False)
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tree = ast.parse(self.text)
        self._starts = [0]
        for line in self.text.splitlines(keepends=True):
            self._starts.append(self._starts[-1] + len(line))
        self._lines = self.text.splitlines(keepends=True)

    def offset(self, line: int, column: int) -> int:
        """Character offset of ``ast``'s (line, UTF-8 byte column)."""
        text = self._lines[line - 1] if line - 1 < len(self._lines) else ""
        return self._starts[line - 1] + len(text.encode()[:column].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        """(start, end) offsets of ``node``."""
        return (self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset))

    def segment(self, node: ast.AST) -> str:
        """The source text of ``node``."""
        start, end = self.span(node)
        return self.text[start:end]

    def lines_of(self, node: ast.AST) -> tuple[int, int]:
        """(start, end) offsets of the whole lines ``node`` spans (its statement removed with them)."""
        return self._starts[node.lineno - 1], self._starts[node.end_lineno]

    def indent(self, node: ast.AST) -> str:
        """The indentation of the line ``node`` starts on."""
        line = self._lines[node.lineno - 1]
        return line[: len(line) - len(line.lstrip())]

    def replace(self, start: int, end: int, text: str) -> None:
        """Queue replacing ``[start, end)`` with ``text``."""
        self.edits.append((start, end, text))

    def apply(self) -> str:
        """The text with every queued edit (they must not overlap)."""
        result, last = self.text, None
        for start, end, text in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            if last is not None and end > last:
                raise ValueError(f"overlapping edits at offset {start}")
            result = result[:start] + text + result[end:]
            last = start
        return result
