"""Helpers every format shares: paths as shown, a figure's value and side, a finding in
one line, its level, plurals."""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import quote

from ..models import Document, Figure, Group, GroupFinding, Status


def value_text(f: Figure) -> str:
    """``13,800`` or ``30,000–50,000`` for a range; ``?`` when damage hid the digits."""
    if f.value is None:
        return "?"
    return f"{f.value:,.10g}" + (f"–{f.value_high:,.10g}" if f.value_high is not None else "")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 group``, ``2 groups``; ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"


COUNT_WORDS = {  # a status after a count: "1 contradiction", "2 agreements", "85 only in A"
    "contradiction": ("contradiction", "contradictions"),
    "damaged": ("damaged", "damaged"),
    "not_comparable": ("not comparable", "not comparable"),
    "only_in_a": ("only in A", "only in A"),
    "only_in_b": ("only in B", "only in B"),
    "agree": ("agreement", "agreements"),
}


def count_words(status: str, n: int) -> str:
    """``1 contradiction``, ``55 agreements``, ``85 only in A``."""
    one, many = COUNT_WORDS[status]
    return f"{n} {one if n == 1 else many}"


def counts_text(summary: Mapping[str, int], zeros: bool = True) -> str:
    """The counts in one phrase, contradictions first: ``1 contradiction, 0 damaged, …, 55 agreements``
    (without the zeros unless ``zeros``; ``no findings`` when nothing is left)."""
    parts = [count_words(s.value, summary[s.value]) for s in Status if zeros or summary[s.value]]
    return ", ".join(parts) or "no findings"


def level_of(status: Status, fail_on: frozenset[Status]) -> str:
    """``error`` for the kinds that fail the run, ``note`` for one-sided figures, else ``warning``."""
    if status in fail_on:
        return "error"
    if status in (Status.ONLY_IN_A, Status.ONLY_IN_B):
        return "note"
    return "warning"


def relative_path(path: str) -> str:
    """The document path relative to the current directory, with forward slashes.

    Paths outside the current directory keep their ``../``; a path on another drive stays absolute.
    """
    if path == "-" or path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def uri_of(path: str) -> str:
    """A relative URI reference for a document path (spaces and Chinese percent-encoded)."""
    return quote(relative_path(path), safe="/")


def side(figure: Figure | None, path: str) -> str:
    """``1.38亿元 (a.txt:88)``, or ``nothing in b.txt`` for a missing side."""
    if figure is None:
        return f"nothing in {relative_path(path)}"
    return f"{figure.text} ({relative_path(path)}:{figure.line})"


def primary(group: Group, item: GroupFinding) -> tuple[Figure, Document]:
    """Where a finding is shown: its figure in A, or in B when A has none."""
    finding = item.finding
    if finding.a is not None:
        return finding.a, group.documents[item.a_doc]
    assert finding.b is not None, f"finding {finding.id} has no figure on either side"
    return finding.b, group.documents[item.b_doc]


def describe(group: Group, item: GroupFinding) -> str:
    """One line for a finding: status, both figures with file:line, and the reason."""
    f = item.finding
    a_path, b_path = group.documents[item.a_doc].path, group.documents[item.b_doc].path
    return f"{f.status.value}: {side(f.a, a_path)} vs {side(f.b, b_path)}: {f.reason}"
