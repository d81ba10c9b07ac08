"""Rich tables for a person at a terminal (plain text when colour is off)."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Analysis, BatchResult, Document, Figure, Finding, Group, Report, Resolution
from . import BaseReporter, RenderOptions
from .common import value_text

REPORTS_NOTE = "different reports: claims matched by content"
STATUS_STYLE = {
    "contradiction": "bold red",
    "damaged": "yellow",
    "not_comparable": "cyan",
    "only_in_a": "magenta",
    "only_in_b": "magenta",
    "agree": "green",
}


class TableReporter(BaseReporter):
    def render_extract(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_extract(analysis, options)

    def render_compare(self, report: Report, options: RenderOptions) -> str:
        return render_compare(report, options)

    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        return render_batch(result, options)


REPORTER = TableReporter()


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
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for f in analysis.figures:
        figure = Text(f.text, style="bold yellow" if f.damaged else "bold")
        if f.damaged:
            figure.append(" (damaged)", style="yellow")
        table.add_row(str(f.line), figure, value_text(f), f.unit or "", f.qualifier.value, f.kind.value,
                      _clip(f.sentence, 60))
    console.print(table)
    _print_damage(console, doc)
    console.print(
        f"{len(analysis.figures)} figures, {sum(f.damaged for f in analysis.figures)} damaged; "
        f"{len(doc.damage)} damaged passages; encoding {doc.encoding}, script {doc.script}"
    )
    return buffer.getvalue()


def _print_damage(console: Console, doc: Document) -> None:
    if not doc.damage:
        return
    console.print(Text(f"Damaged passages in {doc.path}", style="bold"))
    table = Table(box=box.SIMPLE, show_lines=False)
    table.add_column("line", justify="right")
    table.add_column("kind")
    table.add_column("where", overflow="fold")
    for d in doc.damage:
        where = Text(_one_line(doc.text[max(0, d.start - 12) : d.start]))
        where.append(d.text, style="bold yellow")
        where.append(_one_line(doc.text[d.end : d.end + 12]))
        table.add_row(str(d.line), d.kind.value, where)
    console.print(table)


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", " ")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _context(f: Figure | None) -> Text:
    """The figure's sentence with the figure highlighted (clipped around it)."""
    if f is None:
        return Text("—", style="dim")
    sentence = f.sentence
    norm_figure, end = f.mark
    text = Text()
    if end <= norm_figure:
        text.append(_clip(sentence, 50))
        return text
    left = sentence[max(0, norm_figure - 18) : norm_figure]
    right = sentence[end : end + 14]
    text.append(("…" if norm_figure > 18 else "") + left)
    text.append(sentence[norm_figure:end], style="bold reverse")
    text.append(right + ("…" if end + 14 < len(sentence) else ""))
    return text


def _side(f: Figure | None, path: str) -> Text:
    if f is None:
        return Text("—", style="dim")
    text = Text(f.text, style="bold")
    text.append(f"\n{_short(path)}:{f.line}", style="dim")
    return text


def _short(path: str) -> str:
    """The file's name: the title names the full paths once."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def render_compare(report: Report, options: RenderOptions) -> str:
    console, buffer = _console(options)
    a_doc, b_doc = report.documents
    show_agree = options.show_agree
    title = f"A = {a_doc.path}\nB = {b_doc.path}"
    if report.mode == "reports":
        title += f"\n{REPORTS_NOTE}"
    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("status", no_wrap=True)
    table.add_column("A", overflow="fold", ratio=2)
    table.add_column("B", overflow="fold", ratio=2)
    table.add_column("context", overflow="fold", ratio=3)
    table.add_column("reason", overflow="fold", ratio=2)
    shown = [f for f in report.findings if show_agree or f.status.value != "agree"]
    rulings = options.resolutions
    for finding in shown:
        table.add_row(*_row(finding, a_doc.path, b_doc.path, rulings.get(finding.id)))
    if shown:
        console.print(table)
    for doc in report.documents:
        _print_damage(console, doc)
    if report.left_out:
        parts = ", ".join(f"{n} {reason}" for reason, n in sorted(report.left_out.items()))
        console.print(Text(f"Left out of the comparison: {parts} sentences.", style="dim"))
    summary = report.summary
    line = Text()
    for i, (status, count) in enumerate(summary.items()):
        if i:
            line.append(" · ")
        line.append(f"{count} {status.replace('_', ' ')}", style=STATUS_STYLE[status] if count else "dim")
    if summary["agree"] and not show_agree:
        line.append("  (agreements hidden: --show agree)", style="dim")
    console.print(line)
    return buffer.getvalue()


def _row(finding: Finding, a_path: str, b_path: str,
         ruling: Resolution | None = None) -> tuple[Text, Text, Text, Text, Text]:
    status = Text(finding.status.value, style=STATUS_STYLE[finding.status.value])
    reason = Text(finding.reason)
    reason.append(f"\n{finding.id}", style="dim")
    if ruling is not None:
        status.append("\nresolved", style="green")
        reason.append(f"\nresolved {ruling.verdict}: {ruling.note}", style="green")
    context = Text()
    for label, figure in (("A", finding.a), ("B", finding.b)):
        if figure is not None:
            if context:
                context.append("\n")
            context.append(f"{label} ", style="dim")
            context.append_text(_context(figure))
    return status, _side(finding.a, a_path), _side(finding.b, b_path), context, reason


def render_batch(result: BatchResult, options: RenderOptions) -> str:
    console, buffer = _console(options)
    table = Table(title="factcheck batch", box=box.SIMPLE_HEAVY)
    table.add_column("group", no_wrap=True)
    table.add_column("versions (reference first)", overflow="fold")
    for status in ("agree", "contradiction", "damaged", "not_comparable"):
        table.add_column(status.replace("_", " "), justify="right")
    for g in result.groups:
        s = g.summary
        table.add_row(g.id, "\n".join(d.path for d in g.documents),
                      *(Text(str(s[k]), style=STATUS_STYLE[k] if s[k] else "dim")
                        for k in ("agree", "contradiction", "damaged", "not_comparable")))
    console.print(table)
    if result.singles:
        console.print(Text("No other version found for: " + ", ".join(result.singles), style="dim"))
    for number, story in enumerate(result.stories, 1):
        members = ", ".join([*story.groups, *(_short(p) for p in story.singles)])
        counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in story.summary.items() if n)
        line = f"Story {number} (different reports of one event): {members}; {counts or 'no shared claim'}"
        console.print(Text(line))
    for error in result.errors:
        console.print(Text(f"not checked: {error.path}: {error.error}", style="yellow"))
    text = buffer.getvalue()
    for g in result.groups:
        if g.consensus:
            text += _render_consensus(g, options)
        for version in range(1, len(g.documents)):
            text += f"\n{g.id}: version {version + 1} of {len(g.documents)}\n"
            text += render_compare(g.report_for(version), options)
    text += _render_stories(result, options)
    total = result.summary
    text += (f"\n{len(result.groups)} groups, {len(result.singles)} single files, {len(result.errors)} errors; "
             + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in total.items()) + "\n")
    return text


def _render_stories(result: BatchResult, options: RenderOptions) -> str:
    """Each story's findings between different reports, as a comparison of each member with
    the story's reference."""
    text = ""
    for number, story in enumerate(result.stories, 1):
        for member in range(1, len(story.documents)):
            findings = tuple(item.finding for item in story.findings if item.b_doc == member)
            if not findings:
                continue
            text += f"\nstory {number}: report {member + 1} of {len(story.documents)}\n"
            report = Report((story.documents[0], story.documents[member]), findings, mode="reports")
            text += render_compare(report, options)
    return text


def _render_consensus(group: Group, options: RenderOptions) -> str:
    console, buffer = _console(options)
    table = Table(title=f"{group.id}: where the versions disagree", box=box.SIMPLE)
    table.add_column("reference figure")
    table.add_column("agree", overflow="fold")
    table.add_column("contradict", overflow="fold")
    table.add_column("odd one out", overflow="fold")
    for c in group.consensus:
        table.add_row(f"{c.figure.text} (line {c.figure.line})", "\n".join(_short(p) for p in c.agree),
                      "\n".join(_short(p) for p in c.disagree), _short(c.odd_one_out) if c.odd_one_out else "—")
    console.print(table)
    return buffer.getvalue()
