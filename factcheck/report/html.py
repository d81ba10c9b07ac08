"""One self-contained HTML page: the versions side by side, every finding with its resolve command.

Rendered from the Jinja2 templates in ``templates/`` with autoescape on, so text from the
documents is never read as HTML; the stylesheet and script are inlined at render time and
a Content-Security-Policy forbids every request, so the page opens from ``file://`` and
makes none. ``html_view`` builds what the templates show.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__
from ..models import BatchResult, Report
from . import BaseReporter, RenderOptions
from . import html_view as view
from .common import relative_path
from .html_view import ICONS, LABELS, VERDICTS, file_name

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class Assets:
    css: Markup
    js: Markup
    csp: str


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(icons=ICONS, labels=LABELS, verdicts=VERDICTS)
    return env


@functools.cache
def assets() -> Assets:
    """The stylesheet and script, and a policy that lets only this script run."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    for name, text in (("report.css", css), ("report.js", js)):
        if "</" in text:
            raise ValueError(f"{name} must not contain '</' (it is inlined into the page)")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return Assets(Markup(css), Markup(js), csp)


def _page(options: RenderOptions, title: str, **context: Any) -> Iterator[str]:
    template = environment().get_template("page.html.j2")
    return template.generate(
        title=title, version=__version__, invocation=options.invocation,
        assets=assets(), index_href=options.index_page, **context,
    )


class HtmlReporter(BaseReporter):
    def render_compare(self, report: Report, options: RenderOptions) -> Iterator[str]:
        a, b = (file_name(d.path) for d in report.documents)
        shown = view.comparison(report, "c1", f"{a} vs {b}", options.resolutions, _shown(options))
        return _page(options, f"{a} vs {b}", groups=(), sections=[("", "", [shown])],
                     totals=view.status_counts(report.findings, view.EVERY_STATUS), singles=(), errors=())

    def render_batch(self, result: BatchResult, options: RenderOptions) -> Iterator[str]:
        rulings = {**result.resolutions, **options.resolutions}
        if options.group_pages:  # the index of a folder: each group has a page of its own
            groups, sections = view.group_lines(result, "{}." + options.group_pages), []
        else:
            groups = view.group_lines(result, "#{}")
            sections = [(g.id, f"{g.id}: {len(g.documents)} versions",
                         view.group_comparisons(g, rulings, _shown(options))) for g in result.groups]
        title = f"factcheck {options.command}: {len(result.groups)} group{'s' if len(result.groups) != 1 else ''}"
        return _page(options, title, groups=groups, sections=sections, totals=view.totals(result),
                     singles=tuple(relative_path(p) for p in result.singles), errors=result.errors)


def _shown(options: RenderOptions) -> frozenset[str]:
    """The statuses the page's filter starts with (``--show agree``, ``--only``, ``--hide``)."""
    return frozenset(s.value for s in options.shown)


REPORTER = HtmlReporter()
