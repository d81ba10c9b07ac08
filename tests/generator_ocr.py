"""The OCR family of tests/generator.py: paragraphs laid into interleaved columns, OCR
confusions outside figures, spaces inside some figures, figures split across columns."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .generator_figures import _Builder, _Plan
from .generator_mirror import _CJK_RE

# OCR family

_CLAUSE_START = set(",,;;。::、!!??")
# What may follow a number inside a figure (so must not start the fragment after a digit).
_CONTINUES_NUMBER = re.compile(r"[0-9.%万亿余多元人名个家项场件次户份期条起册页块处所班平]")


def _ocr_confuse(s: list[str], protected: set[int], rng: random.Random) -> None:
    """Same-length OCR confusions, in place, never on or next to a figure."""
    n = len(s)
    for i in range(n):
        if i in protected:
            continue
        ch = s[i]
        if ch == "入" and rng.random() < 0.5:
            s[i] = "人"
        elif ch == "工" and i + 1 < n and s[i + 1] == "会" and i + 1 not in protected and rng.random() < 0.15:
            s[i] = "L"
        elif (
            ch == "一"
            and (i == 0 or s[i - 1] in _CLAUSE_START)
            and i + 1 < n
            and _CJK_RE.match(s[i + 1])
            and rng.random() < 0.5
        ):
            s[i] = "-"


def _layout_paragraph(
    s: str,
    atoms: list[tuple[int, int]],
    forced: set[int],
    splits: list[int],
    width: int,
    ncols: int,
    rng: random.Random,
) -> tuple[list[str], dict[int, int]] | None:
    """Lays ``s`` (cut into unbreakable atoms) into columns; returns (lines, atom start -> offset).

    ``forced``: atom starts that must begin a row.  ``splits``: atom starts of split figures'
    tails, which must begin the next row of the same column, on the same output line as the
    row that ends with the digits, with another column's fragment in between.
    Returns None when that is impossible.
    """
    rows = _rows(s, atoms, forced, width)
    row_of = {a: i for i, r in enumerate(rows) for a, _ in r}
    split_rows = [row_of[t] for t in splits]  # the row that the tail begins
    row_text = ["".join(s[a:b] for a, b in r) for r in rows]
    line_rows = _line_rows(row_text, split_rows, ncols, rng)
    if line_rows is None:
        return None
    return _render(s, rows, line_rows)


def _rows(s: str, atoms: list[tuple[int, int]], forced: set[int], width: int) -> list[list[tuple[int, int]]]:
    """The atoms cut into rows of at most ``width`` characters, without edge spaces."""
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    w = 0
    for a, b in atoms:
        if row and (a in forced or w + (b - a) > width):
            rows.append(row)
            row, w = [], 0
        if not row and s[a:b] == " ":
            continue  # no leading space in a row
        row.append((a, b))
        w += b - a
    if row:
        rows.append(row)
    for r in rows:
        while r and s[r[-1][0] : r[-1][1]] == " ":
            r.pop()
    return rows


def _line_rows(row_text: list[str], split_rows: list[int], ncols: int, rng: random.Random) -> list[list[int]] | None:
    """Output lines as lists of row indices (fragments), in order: the rows laid into the
    shortest columns that keep every split as described; None when none does."""
    n = len(row_text)
    for h in range(max(1, -(-n // ncols)), n + 1):
        cols = [list(range(c, min(c + h, n))) for c in range(0, n, h)]
        if len(cols) > 3 or not _splits_fit(cols, split_rows, h):
            continue
        glue = {divmod(t - 1, h)[1] for t in split_rows}  # local rows glued to the next one
        glue |= {lr for lr in range(h - 1) if rng.random() < 0.25}
        line_rows: list[list[int]] = [[]]
        for lr in range(h):
            line_rows[-1].extend(cols[c][lr] for c in range(len(cols)) if lr < len(cols[c]))
            if lr not in glue and lr + 1 < h:
                line_rows.append([])
        # A fragment ending in a digit must not be followed on its line by one that reads as
        # its continuation (`84 人才` would be a spaced figure 84人 that A does not have).
        if not any(
            row_text[x][-1].isdigit() and _CONTINUES_NUMBER.match(row_text[y])
            for line in line_rows
            for x, y in zip(line, line[1:])
        ):
            return line_rows
    if split_rows:
        return None
    return [[i] for i in range(n)]  # one column, one row per line: always fine


def _splits_fit(cols: list[list[int]], split_rows: list[int], h: int) -> bool:
    """Every split tail begins the next row of its head's column, with another column's
    fragment between them on the line."""
    for t in split_rows:
        k, r = divmod(t - 1, h)  # head at local row r of column k
        if t // h != k:  # the tail would begin another column
            return False
        between = sum(1 for c in range(k + 1, len(cols)) if r < len(cols[c])) + k
        if between == 0:
            return False
    return True


def _render(s: str, rows: list[list[tuple[int, int]]], line_rows: list[list[int]]) -> tuple[list[str], dict[int, int]]:
    lines: list[str] = []
    offsets: dict[int, int] = {}
    pos = 0
    for line in line_rows:
        parts: list[str] = []
        for gi in line:
            if parts:
                parts.append(" ")
                pos += 1
            for a, b in rows[gi]:
                offsets[a] = pos
                parts.append(s[a:b])
                pos += b - a
        lines.append("".join(parts))
        pos += 1  # the "\n"
    return lines, offsets


@dataclass
class _Laid:
    """B's paragraph in Simplified, with its figure atoms."""

    chars: list[str] = field(default_factory=list)
    fig_atoms: dict[int, tuple[int, int]] = field(default_factory=dict)  # start -> end, unbreakable
    tails: dict[int, _Plan] = field(default_factory=dict)  # tail start -> plan, for split figures
    starts: dict[int, _Plan] = field(default_factory=dict)  # figure start -> plan
    protected: set[int] = field(default_factory=set)


def _paragraph_chars(para: str, plist: list[_Plan]) -> _Laid:
    laid = _Laid()
    chars = laid.chars
    pos = 0
    for p in plist:
        chars.extend(para[pos : p.fig.start])
        if p.space_before and p.spaced:
            chars.append(" ")
        fs = len(chars)
        chars.extend(p.head)
        if p.change == "split_columns":
            laid.fig_atoms[fs] = (fs, len(chars))
            laid.tails[len(chars)] = p
            ts = len(chars)
            chars.extend(p.tail)
            laid.fig_atoms[ts] = (ts, len(chars))
        else:
            if p.spaced:
                chars.append(" ")
            chars.extend(p.tail)
            laid.fig_atoms[fs] = (fs, len(chars))
        laid.starts[fs] = p
        laid.protected.update(range(fs - 1, len(chars) + 1))
        if p.space_after and p.spaced:
            chars.append(" ")
        pos = p.fig.end
    chars.extend(para[pos:])
    return laid


def _atoms(s: str, fig_atoms: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    """Unbreakable atoms: figures (or their two halves), runs of digits (a hotline number or
    a year is never split either), single characters."""
    atoms: list[tuple[int, int]] = []
    i = 0
    while i < len(s):
        if i in fig_atoms:
            atoms.append(fig_atoms[i])
            i = fig_atoms[i][1]
        elif s[i].isdigit():
            j = i + 1
            while j < len(s) and j not in fig_atoms and (s[j].isdigit() or s[j] == "."):
                j += 1
            atoms.append((i, j))
            i = j
        else:
            atoms.append((i, i + 1))
            i += 1
    return atoms


def _build_ocr(paras: list[str], plans: list[_Plan], dropped: set[int], rng: random.Random) -> str:
    width = rng.randint(18, 24)
    ncols = rng.choice((2, 3))
    out = _Builder()
    by_para: dict[int, list[_Plan]] = {}
    for p in plans:
        by_para.setdefault(p.para, []).append(p)
    first = True
    for pi, para in enumerate(paras):
        if pi in dropped:
            continue
        if not first:
            out.add("\n\n")
        first = False
        _ocr_paragraph(out, para, by_para.get(pi, []), (width, ncols), rng)
    out.add("\n")
    return out.text()


def _ocr_paragraph(out: _Builder, para: str, plist: list[_Plan], shape: tuple[int, int], rng: random.Random) -> None:
    while True:
        laid = _paragraph_chars(para, plist)
        _ocr_confuse(laid.chars, laid.protected, random.Random(rng.random()))
        s = "".join(laid.chars)
        atoms = _atoms(s, laid.fig_atoms)
        done = _layout_paragraph(s, atoms, set(laid.tails), list(laid.tails), *shape, random.Random(rng.random()))
        if done is not None:
            break
        # Impossible to split here: the first split figure stays whole.
        next(p for p in plist if p.change == "split_columns").change = "none"
    lines, offsets = done
    base = out.pos
    for fs, p in laid.starts.items():
        if p.change == "split_columns":
            p.b_span = (base + offsets[fs], base + offsets[fs] + len(p.head))
            p.b_expect = p.head
        else:
            end = laid.fig_atoms[fs][1]
            p.b_span = (base + offsets[fs], base + offsets[fs] + end - fs)
            p.b_expect = p.head + p.tail
    out.add("\n".join(lines))
