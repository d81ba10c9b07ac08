"""The terminal table at a glance (issue 13): a summary first, every finding in at most three
lines at 100 columns with its line numbers whole, runs of one-sided figures collapsed, ``--only``
and ``--hide``, and ``check`` ending with PASS or FAIL and the resolve commands to run."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from factcheck import compare_files, compare_texts
from factcheck.cli import cli
from factcheck.models import BatchResult, FileError, Report, Status
from factcheck.report import RenderOptions, markdown, shown_statuses
from factcheck.report.passages import coverage, lines_text, passages
from factcheck.report.table import finding_blocks, render_batch, render_compare

from .conftest import OCR_2023, WEB_2023

MARKS = "✗⚠≠◐◑✓"
EVERYTHING = RenderOptions(width=100, shown=frozenset(Status), one_by_one=True)  # --show agree --show only_in
PARTIAL = ("第一段:投入资金1.38亿元,建设驿站1.15万个,覆盖840余万人。\n第二段:筹集助学资金4.2亿元,资助13.6万人次。\n"
           "第三段:新建工会2.9万家,发展会员315.5万人。\n", "第二段:筹集助学资金4.2亿元,资助13.6万人次。\n")
ARTICLE = "5年来,河南省各级工会投入资金{money}亿元,建设户外劳动者驿站{posts}万个,覆盖户外劳动者840余万人。\n"


@pytest.fixture(scope="module")
def corpus() -> Report:
    return compare_files(str(WEB_2023), str(OCR_2023))


def rendered_blocks(text: str) -> list[list[str]]:
    """The findings of a rendered comparison: after the rule, a block starts at a status mark."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("────")) + 1
    blocks: list[list[str]] = []
    for line in lines[start:]:
        if line[:1] in MARKS:
            blocks.append([line])
        elif line.startswith("  ") and blocks:
            blocks[-1].append(line)
        else:
            break  # damage and page furniture follow the findings
    return blocks


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


# --- every finding in at most three lines -----------------------------------------------

@pytest.mark.parametrize("width", [100, 60, 140])
def test_every_finding_of_the_bundled_pair_fits_in_three_lines(corpus: Report, width: int) -> None:
    options = RenderOptions(width=width, shown=frozenset(Status), one_by_one=True)
    blocks = finding_blocks(corpus, options)
    assert len(blocks) == len(corpus.findings) > 100
    assert max(len(block) for block in blocks) <= 3
    assert max(line.cell_len for block in blocks for line in block) <= width
    rendered = rendered_blocks(render_compare(corpus, options))
    assert [len(b) for b in rendered] == [len(b) for b in blocks]  # the console wrapped nothing
    assert max(len(b) for b in rendered) <= 3 and max(cell_len(x) for b in rendered for x in b) <= width


def test_line_numbers_and_ids_are_never_split(corpus: Report) -> None:
    text = render_compare(corpus, EVERYTHING)
    for finding, block in zip(corpus.findings, rendered_blocks(text), strict=True):
        head = block[0]
        assert head.rstrip().endswith(finding.id)
        numbers = [int(n) for n in re.findall(r"line (\d+)", head)]
        assert numbers == [f.line for f in (finding.a, finding.b) if f is not None]
        assert head.startswith(f"{MARKS[finding.status.rank]} ")
        assert finding.reason[:20] in block[2] or finding.reason.startswith(block[2].strip()[:-1])
    assert not re.search(r"(line|:)\n\s*\d", text)  # no number pushed to the next line
    for path in (WEB_2023, OCR_2023):  # the paths once each, in the summary
        assert text.count(path.name) == 1


def test_control_characters_and_narrow_widths_keep_the_layout() -> None:
    report = compare_texts("投入资金\t1.38亿元,\x1b[31m建设\r\n驿站1.15万个。\u2028覆盖840余万人。",
                           "投入资金1.83亿元,建设驿站1.15万个。")
    for width in (60, 89, 90, 100):
        blocks = finding_blocks(report, RenderOptions(width=width, shown=frozenset(Status), one_by_one=True))
        assert len(blocks) == len(report.findings)
        for finding, block in zip(report.findings, blocks, strict=True):
            assert len(block) <= 3 and all(x.cell_len <= width and "\x1b" not in x.plain for x in block)
            assert re.search(r"line \d+ ", block[0].plain) and block[0].plain.endswith(finding.id)
        heads = [b[0].plain for b in blocks]
        if width < 90:  # the mark alone on line one, the word on line three
            assert heads[0].startswith("✗ 1.38亿元") and blocks[0][2].plain.startswith("  contradiction: ")
        else:
            assert heads[0].startswith("✗ contradiction  1.38亿元")


def test_the_figure_is_marked_in_its_context(corpus: Report) -> None:
    (damaged,) = [f for f in corpus.findings if f.status is Status.DAMAGED]
    (block,) = [b for b in finding_blocks(corpus, EVERYTHING) if b[0].plain.endswith(damaged.id)]
    assert damaged.a is not None and damaged.b is not None
    a_figure = damaged.a.sentence[slice(*damaged.a.mark)]
    assert block[1].plain.startswith("  A ")
    assert f"[{a_figure}]" in block[1].plain and f"[{damaged.b.sentence[slice(*damaged.b.mark)]}]" in block[1].plain
    coloured = finding_blocks(corpus, RenderOptions(width=100, color=True, shown=frozenset(Status)))
    assert not any("[" + a_figure + "]" in b[1].plain for b in coloured)  # colour marks it instead


# --- the summary and collapsed passages -------------------------------------------------

def test_summary_names_the_documents_counts_and_coverage(corpus: Report) -> None:
    text = render_compare(corpus, RenderOptions(width=100))
    lines = text.splitlines()
    assert lines[0] == "factcheck compare"
    assert lines[1] == f"A  {WEB_2023}" and lines[2] == f"B  {OCR_2023}"
    s = corpus.summary
    assert lines[3].startswith(f"✗ {s['contradiction']} contradictions  ⚠ {s['damaged']} damaged")
    paired = sum(f.a is not None and f.b is not None for f in corpus.findings)
    with_a = sum(f.a is not None for f in corpus.findings)
    assert lines[4].startswith("B covers A lines ") and f"of A's figures ({paired} of {with_a})" in lines[4]
    assert lines[5].startswith("A covers B lines ")


def test_coverage_and_passages_of_a_partial_version() -> None:
    report = compare_texts(*PARTIAL)
    assert coverage(report.findings, "A") == "B covers A line 2: 30% of A's figures (3 of 10)"
    assert coverage(report.findings, "B") == "A covers B line 1: all of B's figures (3)"
    runs = passages(report.findings, "A")
    assert [(len(p.findings), p.lines) for p in runs] == [(4, (1, 1)), (3, (3, 3))]
    text = render_compare(report, RenderOptions(width=100))
    assert "◐ only in A      4 figures in A line 1: not in B" in text
    assert "  第一段 · 1.38亿元 · 1.15万个 · 840余万人" in text
    assert "7 figures without a counterpart in 2 passages (--show only_in lists each)." in text
    assert len(rendered_blocks(text)) == 2


def test_only_in_runs_collapse_on_the_bundled_pair(corpus: Report) -> None:
    runs = passages(corpus.findings, "A")
    one_sided = [f for f in corpus.findings if f.status is Status.ONLY_IN_A]
    assert runs and sum(len(p.findings) for p in runs) <= len(one_sided)
    collapsed = finding_blocks(corpus, RenderOptions(width=100))
    singles = len(one_sided) - sum(len(p.findings) for p in runs)
    others = sum(f.status not in (Status.ONLY_IN_A, Status.AGREE) for f in corpus.findings)
    assert len(collapsed) == others + len(runs) + singles < len(one_sided) // 2
    first = next(b for b in collapsed if "figures in A" in b[0].plain)
    assert f"{len(runs[0].findings)} figures in A {lines_text([runs[0].lines])}: not in B" in first[0].plain
    assert collapsed[0][0].plain.startswith("⚠ damaged")  # the damaged figure comes first, not buried
    expanded = finding_blocks(corpus, RenderOptions(width=100, one_by_one=True))
    assert len(expanded) == others + len(one_sided)


# --- titles, plurals, plain words --------------------------------------------------------

def test_titles_and_plurals() -> None:
    planted = compare_texts("投入资金1.38亿元。", "投入资金1.83亿元。")
    one = render_batch(planted.as_batch(), RenderOptions(width=100, command="batch"))
    assert one.splitlines()[0] == "factcheck batch"
    assert "1 group, 0 single files, 0 errors" in one and "1 groups" not in one
    assert "version 2 of 2" not in one and "g1  A  A  (the reference)" in one
    two = BatchResult((planted.as_group("g1"), planted.as_group("g2")), errors=(FileError("x.txt", "binary"),))
    text = render_batch(two, RenderOptions(width=100, command="check"))
    assert text.splitlines()[0] == "factcheck check"
    assert "2 groups, 0 single files, 1 error;" in text and "2 contradictions" in text
    assert text.splitlines()[-1] == "FAIL: 2 unresolved contradictions, 1 file could not be read"
    md = markdown.REPORTER.render_batch(two, RenderOptions(command="batch"))
    assert md.startswith("# factcheck batch\n") and "2 groups, 0 single files, 1 error:" in md
    assert "1 contradiction," in md and "version 2 of 2" not in md


def test_shown_statuses() -> None:
    everything_but_agree = frozenset(Status) - {Status.AGREE}
    assert shown_statuses() == everything_but_agree
    assert shown_statuses(["agree"]) == frozenset(Status)
    assert shown_statuses(only=[Status.DAMAGED]) == {Status.DAMAGED}
    assert shown_statuses(["agree"], hide=[Status.ONLY_IN_A]) == frozenset(Status) - {Status.ONLY_IN_A}


# --- --only and --hide -------------------------------------------------------------------

def test_only_and_hide_filter_every_listing_but_the_complete_formats(corpus: Report) -> None:
    pair = (str(WEB_2023), str(OCR_2023))
    _, only = run("compare", *pair, "--only", "damaged", "--color", "never")
    assert [b[0][:9] for b in rendered_blocks(only)] == ["⚠ damaged"]
    s = corpus.summary
    assert f"Not listed: {s['only_in_a']} only in A, {s['agree']} agreements (--show agree)." in only
    _, hidden = run("compare", *pair, "--hide", "only_in", "--show", "agree", "--color", "never")
    heads = [b[0][:1] for b in rendered_blocks(hidden)]
    assert "◐" not in heads and heads.count("✓") == corpus.summary["agree"]
    _, md = run("compare", *pair, "--format", "markdown", "--only", "damaged")
    assert "| damaged |" in md and "| only_in_a |" not in md
    _, gh = run("compare", *pair, "--format", "github", "--hide", "only_in_a")
    assert "::notice" not in gh and "::warning" in gh
    _, full = run("compare", *pair, "--format", "json")
    for flags in (["--only", "damaged"], ["--hide", "only_in,damaged"]):
        assert run("compare", *pair, "--format", "json", *flags)[1] == full
        sarif = json.loads(run("compare", *pair, "--format", "sarif", *flags)[1])
        assert len(sarif["runs"][0]["results"]) == len(corpus.findings) - corpus.summary["agree"]
    result = CliRunner().invoke(cli, ["compare", *pair, "--only", "contradictions"])
    assert result.exit_code == 2 and "--only: unknown status 'contradictions'" in result.output


# --- check: PASS or FAIL, and the commands to run ----------------------------------------

@pytest.fixture()
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE.format(money="1.38", posts="1.15"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.format(money="1.83", posts="1.51"), encoding="utf-8")
    return tmp_path


LAST_LINE = {"table": "{}", "markdown": "**{}**", "github": "{}"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "github"])
def test_check_ends_with_fail_and_the_resolve_commands_then_pass(newsroom: Path, fmt: str) -> None:
    code, out = run("check", "a.txt", "b.txt", "--format", fmt, "--color", "never")
    assert code == 1
    lines = out.rstrip("\n").splitlines()
    assert lines[-1] == LAST_LINE[fmt].format("FAIL") + ": 2 unresolved contradictions"
    commands = [line.strip() for line in lines if line.strip().startswith("factcheck resolve ")]
    assert len(commands) == 2
    for command in commands:
        assert re.fullmatch(r'factcheck resolve fc-[0-9a-f]{10} a\.txt b\.txt --verdict VERDICT --note "…"', command)
    ids = [shlex.split(c)[2] for c in commands]
    for finding_id in ids:  # the printed command runs as it is, with a verdict and a note filled in
        words = shlex.split(commands[ids.index(finding_id)])[1:]
        words[words.index("VERDICT")] = "b-correct"
        words[-1] = "Desk confirmed with the provincial federation"
        assert run(*words)[0] == 0
    code, out = run("check", "a.txt", "b.txt", "--format", fmt, "--color", "never")
    assert code == 0
    last = out.rstrip("\n").splitlines()[-1]
    assert last.startswith(LAST_LINE[fmt].format("PASS") + ": 0 unresolved") and "2 findings ruled" in last
    assert "factcheck resolve" not in out


def test_check_fail_names_the_ledger_and_strict_stale_rulings(newsroom: Path) -> None:
    code, out = run("check", "a.txt", "b.txt", "--ledger", "desk", "--color", "never")
    assert code == 1 and out.count("--ledger desk --verdict VERDICT") == 2
    for finding_id in re.findall(r"resolve (fc-\w+)", out):
        assert run("resolve", finding_id, "a.txt", "b.txt", "--ledger", "desk",
                   "--verdict", "a-correct", "--note", "checked")[0] == 0
    (newsroom / "b.txt").write_text(ARTICLE.format(money="1.38", posts="1.15"), encoding="utf-8")
    code, out = run("check", "a.txt", "b.txt", "--ledger", "desk", "--strict")
    assert code == 1 and out.splitlines()[-1] == "FAIL: 2 stale rulings (--strict)"
    code, out = run("check", "a.txt", "b.txt", "--ledger", "desk")
    assert code == 0 and out.splitlines()[-1].startswith("PASS")


def test_check_of_the_bundled_sources_passes_with_its_rulings_listed() -> None:
    root = Path(__file__).resolve().parent.parent
    code, out = run("check", str(root / "sources"), "--ledger", str(root / "claims"), "--color", "never")
    assert code == 0 and out.splitlines()[-1].startswith("PASS: 0 unresolved of --fail-on contradiction")
    assert "✓ ruled a-correct" in out and "all ruled" in out
