"""Markdown, for a pull-request comment or a desk note."""

from __future__ import annotations

from ..models import Analysis, BatchResult, Figure, Finding, Report, Resolution
from . import BaseReporter, RenderOptions
from .common import count_words, counts_text, plural, value_text
from .outcome import RULE_HINT, resolve_commands, verdict_line
from .passages import Passage, lines_text, listed


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownReporter(BaseReporter):
    def render_extract(self, analysis: Analysis, options: RenderOptions) -> str:
        return render_extract(analysis)

    def render_compare(self, report: Report, options: RenderOptions) -> str:
        return render_compare(report, options)

    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        return render_batch(result, options)


REPORTER = MarkdownReporter()


def render_extract(analysis: Analysis) -> str:
    doc = analysis.document
    counts = f"{plural(len(analysis.figures), 'figure')}, {plural(len(doc.damage), 'damaged passage')}."
    lines = [f"# Figures in `{doc.path}`", "", counts, ""]
    lines += ["| line | figure | value | unit | qualifier | kind | damaged |", "|---:|---|---:|---|---|---|---|"]
    for f in analysis.figures:
        lines.append(
            f"| {f.line} | {_cell(f.text)} | {value_text(f)} | {f.unit or ''} | {f.qualifier.value} | {f.kind.value} | "
            f"{'yes' if f.damaged else ''} |"
        )
    if doc.damage:
        lines += ["", "## Damaged passages", "", "| line | kind | text |", "|---:|---|---|"]
        lines += [f"| {d.line} | {d.kind.value} | `{_cell(d.text)}` |" for d in doc.damage]
    return "\n".join(lines) + "\n"


def _side(f: Figure | None, path: str) -> str:
    return f"{_cell(f.text)} ({path}:{f.line})" if f else "—"


def _row(f: Finding, paths: tuple[str, str], ruling: Resolution | None) -> str:
    reason = _cell(f.reason) + (f" — ruled **{ruling.verdict}**: {_cell(ruling.note)}" if ruling else "")
    return f"| {f.status.value} | {_side(f.a, paths[0])} | {_side(f.b, paths[1])} | {reason} | `{f.id}` |"


def _passage_row(passage: Passage, path: str) -> str:
    other = "B" if passage.side == "A" else "A"
    figures = ", ".join(_cell(f.text) for f in passage.figures)
    where = f"{len(passage.figures)} figures, {path} {lines_text([passage.lines])}"
    cells = (where, "—") if passage.side == "A" else ("—", where)
    return f"| {passage.findings[0].status.value} | {cells[0]} | {cells[1]} | not in {other}: {figures} | |"


def _rows(report: Report, options: RenderOptions) -> list[str]:
    paths = (report.documents[0].path, report.documents[1].path)
    return [
        _passage_row(entry, paths[0] if entry.side == "A" else paths[1]) if isinstance(entry, Passage)
        else _row(entry, paths, options.resolutions.get(entry.id))
        for entry in listed(report.findings, options.shown, options.one_by_one)
    ]


def _not_listed(report: Report, options: RenderOptions) -> list[str]:
    s = report.summary
    hidden = [count_words(k, n) for k, n in s.items() if n and all(st.value != k for st in options.shown)]
    if not hidden:
        return []
    hint = " (use `--show agree` for agreements)" if s["agree"] and not options.show_agree else ""
    return ["", f"Not listed: {', '.join(hidden)}{hint}."]


def render_compare(report: Report, options: RenderOptions, heading: str = "") -> str:
    a_doc, b_doc = report.documents
    lines = [
        heading or f"# factcheck compare: `{a_doc.path}` vs `{b_doc.path}`",
        "",
        f"A = `{a_doc.path}`, B = `{b_doc.path}`: {counts_text(report.summary)}.",
        "",
        *([report.date_note() or "", ""] if report.date_note() else []),
        *(["Different reports: claims matched by content.", ""] if report.mode == "reports" else []),
        "| status | A | B | reason | id |",
        "|---|---|---|---|---|",
        *_rows(report, options),
        *_not_listed(report, options),
    ]
    return "\n".join(lines) + "\n"


def render_batch(result: BatchResult, options: RenderOptions) -> str:
    lines = [f"# factcheck {options.command}", "",
             f"{plural(len(result.groups), 'group')}, {plural(len(result.singles), 'single file')}, "
             f"{plural(len(result.errors), 'error')}: {counts_text(result.summary)}.", "",
             "| group | versions | agree | contradiction | damaged | not comparable |", "|---|---|---:|---:|---:|---:|"]
    for g in result.groups:
        s = g.summary
        names = "<br>".join(f"`{d.path}`" for d in g.documents)
        counts = " | ".join(str(s[k]) for k in ("agree", "contradiction", "damaged", "not_comparable"))
        lines.append(f"| {g.id} | {names} | {counts} |")
    if result.singles:
        lines += ["", "No other version found for: " + ", ".join(f"`{p}`" for p in result.singles)]
    if result.errors:
        lines += ["", "## Files not checked", ""] + [f"- `{e.path}`: {e.error}" for e in result.errors]
    for g in result.groups:
        for version in range(1, len(g.documents)):
            heading = f"## {g.id}: `{g.documents[version].path}` against the reference, `{g.documents[0].path}`"
            lines += ["", render_compare(g.report_for(version), options, heading).rstrip("\n")]
    if options.command == "check":
        lines += ["", *_outcome(result, options)]
    return "\n".join(lines) + "\n"


def _outcome(result: BatchResult, options: RenderOptions) -> list[str]:
    """The resolve commands for what is unresolved, then PASS or FAIL in bold."""
    commands = resolve_commands(result, options)
    lines = [RULE_HINT, "", "```sh", *commands, "```", ""] if commands else []
    word, _, rest = verdict_line(result, options).partition(":")
    return [*lines, f"**{word}**:{rest}"]
