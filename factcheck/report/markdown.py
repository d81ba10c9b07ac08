"""Markdown, for a pull-request comment or a desk note."""

from __future__ import annotations

from ..models import Analysis, BatchResult, Figure, Report
from . import BaseReporter, RenderOptions
from .common import value_text


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
    counts = f"{len(analysis.figures)} figures, {len(doc.damage)} damaged passages."
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


def render_compare(report: Report, options: RenderOptions) -> str:
    a_doc, b_doc = report.documents
    s = report.summary
    lines = [
        f"# factcheck: `{a_doc.path}` vs `{b_doc.path}`",
        "",
        *(["Different reports: claims matched by content.", ""] if report.mode == "reports" else []),
        ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in s.items()),
        "",
        "| status | A | B | reason |",
        "|---|---|---|---|",
    ]
    for f in report.findings:
        if f.status.value == "agree" and not options.show_agree:
            continue
        lines.append(f"| {f.status.value} | {_side(f.a, a_doc.path)} | {_side(f.b, b_doc.path)} | {_cell(f.reason)} |")
    if not options.show_agree and s["agree"]:
        lines += ["", f"{s['agree']} agreements not listed (use `--show agree`)."]
    return "\n".join(lines) + "\n"


def render_batch(result: BatchResult, options: RenderOptions) -> str:
    lines = ["# factcheck batch", "", "| group | versions | agree | contradiction | damaged | not comparable |",
             "|---|---|---:|---:|---:|---:|"]
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
            lines += ["", render_compare(g.report_for(version), options).replace("# factcheck:", f"## {g.id}:", 1)]
    return "\n".join(lines) + "\n"
