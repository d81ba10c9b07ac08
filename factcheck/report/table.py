"""The terminal: a summary first (the documents as A and B, counts, what each version covers of
the other), then each finding in at most three lines (``table_rows``), plain text when colour
is off. ``check`` ends with PASS or FAIL and the resolve commands for what is unresolved."""

from __future__ import annotations

import io
import re

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Analysis, BatchResult, Document, Group, Report, Status
from . import BaseReporter, RenderOptions
from .common import count_words, counts_text, plural, value_text
from .outcome import RULE_HINT, passed, resolve_commands, verdict_line
from .passages import Passage, coverage, listed, passages
from .table_rows import MARKS, STATUS_STYLE, Layout, finding_block, passage_block


class TableReporter(BaseReporter):
    def render_extract(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_extract(analysis, options)

    def render_compare(self, report: Report, options: RenderOptions) -> str:
        return render_compare(report, options)

    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        return render_batch(result, options)


REPORTER = TableReporter()


def _text(buffer: io.StringIO) -> str:
    """What the console wrote, without the spaces rich leaves at the ends of lines."""
    return re.sub(r" +\n", "\n", buffer.getvalue())


def _console(options: RenderOptions) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )
    return console, buffer


def render_extract(analysis: Analysis, options: RenderOptions) -> str:
    console, buffer = _console(options)
    doc = analysis.document
    table = Table(title=f"Figures in {doc.path}", box=box.SIMPLE_HEAVY, show_lines=False)
    for name, justify in (("line", "right"), ("figure", "left"), ("value", "right"), ("unit", "left"),
                          ("qualifier", "left"), ("kind", "left"), ("sentence", "left")):
        table.add_column(name, justify=justify, overflow="fold", no_wrap=name == "line")  # type: ignore[arg-type]
    for f in analysis.figures:
        figure = Text(f.text, style="bold yellow" if f.damaged else "bold")
        if f.damaged:
            figure.append(" (damaged)", style="yellow")
        table.add_row(str(f.line), figure, value_text(f), f.unit or "", f.qualifier.value, f.kind.value,
                      _clip(f.sentence, 60))
    console.print(table)
    _print_damage(console, doc, doc.path)
    damaged = sum(f.damaged for f in analysis.figures)
    console.print(
        f"{plural(len(analysis.figures), 'figure')}, {damaged} damaged; "
        f"{plural(len(doc.damage), 'damaged passage')}; encoding {doc.encoding}, script {doc.script}"
    )
    return _text(buffer)


def _print_damage(console: Console, doc: Document, name: str) -> None:
    if not doc.damage:
        return
    console.print(Text(f"Damaged passages in {name}", style="bold"))
    table = Table(box=box.SIMPLE, show_lines=False)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("where", overflow="fold")
    for d in doc.damage:
        where = Text(_one_line(doc.text[max(0, d.start - 12) : d.start]))
        where.append(d.text, style="bold yellow")
        where.append(_one_line(doc.text[d.end : d.end + 12]))
        table.add_row(str(d.line), d.kind.value, where)
    console.print(table)


def _damage_line(doc: Document, label: str) -> str:
    """``Damaged passages in A: 13 (encoding) at lines 6, 31, …`` (``extract`` and ``html`` show them)."""
    kinds = ", ".join(sorted({d.kind.value for d in doc.damage}))
    lines = sorted({d.line for d in doc.damage})
    where = ("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines))
    passages = plural(len(doc.damage), "damaged passage")
    return f"{passages} in {label} ({kinds}) on {where}; `factcheck extract` lists them."


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", " ")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def counts_line(summary: dict[str, int], options: RenderOptions, zeros: bool = True, indent: int = 0) -> Text:
    """``✗ 1 contradiction  ⚠ 0 damaged  …  ✓ 55 agreements``, contradictions first, zero counts dim
    (or left out without ``zeros``); broken between counts, never inside one, to fit the width."""
    line = Text()
    column = indent
    for status in (s.value for s in Status):
        n = summary[status]
        if not n and not zeros:
            continue
        item = f"{MARKS[status]} {count_words(status, n)}"
        if column > indent and column + 2 + len(item) > options.width:
            line.append("\n" + " " * indent)
            column = indent
        elif column > indent:
            line.append("  ")
            column += 2
        line.append(item, style=STATUS_STYLE[status] if n and options.color else "dim")
        column += cell_len(item)
    return line


def _collapsed(report: Report, options: RenderOptions) -> dict[str, Passage]:
    """Finding id -> the passage that stands for it, unless ``--show only_in``."""
    if options.one_by_one:
        return {}
    found = passages(report.findings, "A") + passages(report.findings, "B")
    return {f.id: p for p in found for f in p.findings}


def finding_blocks(report: Report, options: RenderOptions) -> list[list[Text]]:
    """The listed findings in report order, each as its lines (at most three): runs of
    one-sided figures as one block per passage."""
    lines = [fig.line for f in report.findings for fig in (f.a, f.b) if fig is not None]
    layout = Layout(options.width, options.color, max(8, len(f"line {max(lines, default=0)}")))
    rulings = options.resolutions if options.command == "check" else None
    return [
        passage_block(entry, layout, rulings) if isinstance(entry, Passage)
        else finding_block(entry, layout, options.resolutions.get(entry.id))
        for entry in listed(report.findings, options.shown, options.one_by_one)
    ]


def _not_listed(report: Report, options: RenderOptions) -> list[str]:
    summary = report.summary
    hidden = [count_words(s.value, summary[s.value]) for s in Status
              if s not in options.shown and summary[s.value]]
    notes = [f"not listed: {', '.join(hidden)}"] if hidden else []
    if Status.AGREE not in options.shown and summary["agree"]:
        notes[-1] += " (--show agree)"
    runs = {id(p): p for p in _collapsed(report, options).values() if p.findings[0].status in options.shown}
    if runs:
        figures = sum(len(p.findings) for p in runs.values())
        notes.append(f"{plural(figures, 'figure')} without a counterpart in {plural(len(runs), 'passage')} "
                     "(--show only_in lists each)")
    return [note[0].upper() + note[1:] + "." for note in notes]


def _comparison(console: Console, report: Report, options: RenderOptions, group: str = "") -> None:
    """One comparison: the documents named once, as A and B (in a batch, after the group's id and
    with A marked as the group's reference), counts, coverage, the findings, damage, page furniture."""
    for label, doc in zip("AB", report.documents, strict=True):
        lead = (f"{group}  " if label == "A" else " " * (len(group) + 2)) if group else ""
        said = Text.assemble((lead, "bold reverse" if options.color and label == "A" else "bold"),
                             (f"{label}  ", "bold"))
        _print_path(console, said, doc.path + ("  (the reference)" if group and label == "A" else ""))
    console.print(counts_line(report.summary, options))
    if report.mode == "reports":
        console.print(Text("different reports: claims matched by content", style="bold"))
    if report.date_note():
        console.print(Text(f"{report.date_note()} (a dateline is page furniture, not a finding)", style="dim"))
    for side in ("A", "B"):
        console.print(coverage(report.findings, side))
    for note in _not_listed(report, options):
        console.print(Text(note, style="dim"))
    blocks = finding_blocks(report, options)
    if blocks:
        console.print(Text("─" * options.width, style="dim"))
    for block in blocks:
        for line in block:
            console.print(line, no_wrap=True, overflow="crop", crop=True)
    for label, doc in zip("AB", report.documents, strict=True):
        if doc.damage:
            console.print(Text(_damage_line(doc, label), style="dim"))
    if report.left_out:
        parts = ", ".join(f"{n} {reason}" for reason, n in sorted(report.left_out.items()))
        console.print(Text(f"Left out of the comparison: {parts} sentences.", style="dim"))


def render_compare(report: Report, options: RenderOptions) -> str:
    console, buffer = _console(options)
    console.print(Text(f"factcheck {options.command}", style="bold"))
    _comparison(console, report, options)
    return _text(buffer)


def _print_path(console: Console, lead: Text, path: str, style: str = "") -> None:
    """``lead`` and a path on one line; a path longer than the line folds under itself, and only then."""
    room = max(10, console.width - lead.cell_len)
    chunks = [""]
    for char in path:
        if cell_len(chunks[-1] + char) > room:  # break after the last "/" that fits, else here
            head, slash, tail = chunks[-1].rpartition("/")
            chunks[-1:] = [head + slash, tail] if head else [chunks[-1], ""]
        chunks[-1] += char
    for i, chunk in enumerate(chunks):
        start = lead if i == 0 else Text(" " * lead.cell_len)
        console.print(Text.assemble(start, (chunk, style)), no_wrap=True, overflow="ignore", crop=False)


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _overview(console: Console, result: BatchResult, options: RenderOptions) -> None:
    console.print(Text(f"factcheck {options.command}", style="bold"))
    console.print(_totals(result))
    console.print(counts_line(result.summary, options))
    for g in result.groups:
        counts = counts_line(g.summary, options, zeros=False, indent=len(g.id) + 2)
        console.print(Text.assemble((f"{g.id}  ", "bold"), counts))
        for i, doc in enumerate(g.documents):
            _print_path(console, Text("    reference  " if i == 0 else "    version    ", style="dim"), doc.path)
    if result.singles:
        console.print(Text("No other version found for:", style="dim"))
        for path in result.singles:
            _print_path(console, Text("    "), path, "dim")
    for error in result.errors:
        console.print(Text(f"Not checked: {error.path}: {error.error}", style="yellow"), overflow="fold")


def _worst(group: Group) -> int:
    """The rank of the group's most serious status (Status order: contradictions first)."""
    return min((item.finding.status.rank for item in group.findings), default=len(Status))


def _totals(result: BatchResult) -> str:
    return (f"{plural(len(result.groups), 'group')}, {plural(len(result.singles), 'single file')}, "
            f"{plural(len(result.errors), 'error')}")


def render_batch(result: BatchResult, options: RenderOptions) -> str:
    console, buffer = _console(options)
    _overview(console, result, options)
    for g in sorted(result.groups, key=_worst):  # contradictions first, as within a comparison
        if g.consensus:
            console.print()
            _print_consensus(console, g)
        for version in range(1, len(g.documents)):
            console.print()
            _comparison(console, g.report_for(version), options, g.id)
    for number, story in enumerate(result.stories, 1):
        for member in range(1, len(story.documents)):
            findings = tuple(item.finding for item in story.findings if item.b_doc == member)
            if findings:
                console.print()
                report = Report((story.documents[0], story.documents[member]), findings, mode="reports")
                _comparison(console, report, options, f"story {number}")
    console.print()
    console.print(f"{_totals(result)}; {counts_text(result.summary, zeros=False)}")
    if options.command == "check":
        _print_outcome(console, result, options)
    return _text(buffer)


def _print_outcome(console: Console, result: BatchResult, options: RenderOptions) -> None:
    commands = resolve_commands(result, options)
    if commands:
        console.print(RULE_HINT)
        for line in commands:
            console.print(Text(f"  {line}"), no_wrap=True, overflow="ignore", crop=False)
    ok = passed(result, options)
    style = ("bold green" if ok else "bold red") if options.color else ""
    console.print(Text(verdict_line(result, options), style=style))


def _print_consensus(console: Console, group: Group) -> None:
    table = Table(title=f"{group.id}: where the versions disagree", box=box.SIMPLE)
    table.add_column("reference figure")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("agree", overflow="fold")
    table.add_column("contradict", overflow="fold")
    table.add_column("odd one out", overflow="fold")
    for c in group.consensus:
        table.add_row(c.figure.text, str(c.figure.line), "\n".join(_name(p) for p in c.agree),
                      "\n".join(_name(p) for p in c.disagree), _name(c.odd_one_out) if c.odd_one_out else "—")
    console.print(table)


__all__ = ["REPORTER", "counts_line", "finding_blocks", "render_batch", "render_compare",
           "render_extract"]
