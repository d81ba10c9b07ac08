"""A finding in at most three terminal lines, whatever the width.

    ⚠ damaged        6萬(wàn)多名         line 123   6                  line 63   fc-ae64dec3f1
      A …托管班1600余班次,覆盖适龄儿童[6万多名]。  B …覆盖适龄儿童[6] 险,建成投用160个"骑…
      B's figure is cut by a column or line break (6万名 vs 6).

Line one: the status (a mark and a word, so it reads without colour), each side's figure and
``line N``, the finding's id in a column of its own. Line two: each figure in a short window of
its sentence, the figure marked. Line three: the reason, and the ledger's ruling when there is
one. Every line is cut to the width with ``…`` instead of wrapping, and the cuts fall in the
figures, sentences and reasons, never in a line number or an id. A passage of figures that the
other version lacks (``passages.Passage``) takes one such block too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from ..models import Figure, Finding, Resolution
from .passages import Passage, lines_text

MARKS = {"contradiction": "✗", "damaged": "⚠", "not_comparable": "≠", "only_in_a": "◐", "only_in_b": "◑",
         "agree": "✓"}
LABELS = {"contradiction": "contradiction", "damaged": "damaged", "not_comparable": "not comparable",
          "only_in_a": "only in A", "only_in_b": "only in B", "agree": "agree"}
STATUS_STYLE = {"contradiction": "bold red", "damaged": "yellow", "not_comparable": "cyan", "only_in_a": "magenta",
                "only_in_b": "magenta", "agree": "green"}
INDENT = "  "
# Characters a terminal would not draw in one cell (controls, tabs, line separators): a space
# each, so that widths are known and offsets into a sentence stay where they were.
FLAT = {c: " " for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]}


def flat(text: str) -> str:
    return text.translate(FLAT)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the columns of line one fall: status, side A, side B, id."""

    width: int
    color: bool = False
    line_width: int = len("line 999")  # ``line N`` right-aligned in each side, never cut
    ident: int = 14  # a space and "fc-0123456789"

    @property
    def narrow(self) -> bool:
        """Below 90 columns the status is its mark alone on line one, and its word starts line three."""
        return self.width < 90

    @property
    def status(self) -> int:
        return 2 if self.narrow else 17  # "≠ not comparable" and a space

    @property
    def side(self) -> int:
        return max(self.line_width + 4, (self.width - self.status - self.ident) // 2)

    @property
    def split(self) -> int:
        """Where B's context starts on line two: under B's figure, or halfway when narrow."""
        return self.width // 2 if self.narrow else self.status + self.side


def fit(text: Text | str, width: int, pad: bool = True) -> Text:
    """``text`` cut (with ``…``) to ``width`` cells, and padded to exactly that unless not ``pad``."""
    fitted = Text(text) if isinstance(text, str) else text.copy()
    fitted.truncate(max(0, width), overflow="ellipsis", pad=pad)
    return fitted


def _line(text: Text, layout: Layout) -> Text:
    """A whole line: at most the width, no trailing spaces."""
    line = fit(text, layout.width, pad=False)
    line.rstrip()
    return line


def _keep_end(text: str, room: int) -> str:
    if cell_len(text) <= room:
        return text
    kept = ""
    for char in reversed(text):
        if cell_len(char + kept) > room - 1:
            break
        kept = char + kept
    return "…" + kept if room > 0 else ""


def _keep_start(text: str, room: int) -> str:
    if cell_len(text) <= room:
        return text
    kept = ""
    for char in text:
        if cell_len(kept + char) > room - 1:
            break
        kept += char
    return kept + "…" if room > 0 else ""


def context(figure: Figure, width: int, color: bool) -> Text:
    """The figure in a window of its sentence, ``width`` cells at most: marked in reverse video
    with colour, between brackets without."""
    sentence = flat(figure.sentence)
    start, end = figure.mark
    if not 0 <= start < end <= len(sentence):
        return fit(sentence, width)
    marked = sentence[start:end] if color else f"[{sentence[start:end]}]"
    room = max(0, width - cell_len(marked))
    left = _keep_end(sentence[:start], room - min(cell_len(sentence[end:]), room * 3 // 5))
    text = Text(left)
    text.append(marked, style="bold reverse" if color else "")
    text.append(_keep_start(sentence[end:], room - cell_len(left)))
    return fit(text, width)


def _status(status: str, layout: Layout) -> Text:
    said = MARKS[status] + ("" if layout.narrow else f" {LABELS[status]}")
    return fit(Text(said, style=STATUS_STYLE[status] if layout.color else ""), layout.status)


def _side(figure: Figure | None, layout: Layout) -> Text:
    if figure is None:
        return fit(Text("—", style="dim"), layout.side)
    value = fit(Text(flat(figure.text), style="bold"), layout.side - layout.line_width - 3)
    return Text.assemble(value, " ", Text(f"line {figure.line}".rjust(layout.line_width), style="dim"), "  ")


def _ident(text: str, layout: Layout, style: str = "dim") -> Text:
    ident = Text(text, style=style)
    ident.align("right", layout.ident)
    return ident


def _contexts(finding: Finding, layout: Layout) -> Text:
    sides = [(label, f) for label, f in (("A", finding.a), ("B", finding.b)) if f is not None]
    if len(sides) == 1:
        (label, figure), = sides
        return Text.assemble(INDENT, (f"{label} ", "dim"), context(figure, layout.width - 4, layout.color))
    assert finding.a is not None and finding.b is not None
    a_width = layout.split - len(INDENT) - 3
    return Text.assemble(INDENT, ("A ", "dim"), context(finding.a, a_width, layout.color), " ",
                         ("B ", "dim"), context(finding.b, layout.width - layout.split - 2, layout.color))


def _reason(finding: Finding, ruling: Resolution | None, layout: Layout) -> Text:
    room = layout.width - len(INDENT)
    said = flat(f"{LABELS[finding.status.value]}: " * layout.narrow + finding.reason)
    if ruling is None:
        return Text.assemble(INDENT, fit(said, room))
    tag = Text(flat(f"  ✓ ruled {ruling.verdict}: {ruling.note}"), style="green" if layout.color else "")
    reason = Text(said)
    reason.truncate(room - min(tag.cell_len, len("  ✓ ruled both-correct")), overflow="ellipsis")
    return Text.assemble(INDENT, reason, fit(tag, room - reason.cell_len))


def finding_block(finding: Finding, layout: Layout, ruling: Resolution | None = None) -> list[Text]:
    """The finding's three lines."""
    head = Text.assemble(_status(finding.status.value, layout), _side(finding.a, layout), _side(finding.b, layout))
    head = fit(head, layout.width - layout.ident)
    head.append_text(_ident(finding.id, layout))
    return [_line(line, layout) for line in (head, _contexts(finding, layout), _reason(finding, ruling, layout))]


def passage_block(passage: Passage, layout: Layout, rulings: Mapping[str, Resolution] | None = None) -> list[Text]:
    """A run of one-sided figures in three lines: how many and where, the first one's sentence,
    the figures themselves. ``rulings`` (for ``check``) says how many are ruled on."""
    other = "B" if passage.side == "A" else "A"
    status = passage.findings[0].status.value
    figures = passage.figures
    what = f"{len(figures)} figures in {passage.side} {lines_text([passage.lines])}: not in {other}"
    head = Text.assemble(_status(status, layout), Text(what, style="bold"))
    head = fit(head, layout.width - layout.ident)
    if rulings is not None:
        open_ = sum(f.id not in rulings for f in passage.findings)
        head.append_text(_ident(f"{open_} unruled" if open_ else "all ruled", layout,
                                "yellow" if open_ and layout.color else "dim"))
    first = Text.assemble(INDENT, (f"{passage.side} ", "dim"), context(figures[0], layout.width - 4, layout.color))
    listed = Text.assemble(INDENT, fit(flat(" · ".join(f.text for f in figures)), layout.width - len(INDENT)))
    return [_line(line, layout) for line in (head, first, listed)]
