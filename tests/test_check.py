"""The CI loop end to end: check fails, an editor resolves, check passes; ids are stable."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner

from factcheck.cli import cli

from .conftest import OCR_2023, WEB_2023

ARTICLE = ("5年来,河南省各级工会投入资金{money}亿元,推动形成行政主导、工会支持、社会参与的建站机制,"
           "建设户外劳动者驿站1.15万个,覆盖户外劳动者840余万人,形成网上可查、地图可见的工会服务网。\n"
           "创新延伸金秋助学链条。5年来,全省各级工会累计筹集助学资金4.2亿元,资助困难职工家庭子女13.6万人次。\n")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def contradiction_ids(*paths: str) -> list[str]:
    _, out = run("check", *paths, "--format", "json")
    data = json.loads(out)
    return [f["id"] for g in data["groups"] for f in g["findings"]
            if f["status"] == "contradiction" and not f.get("resolution")]


@pytest.fixture()
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE.format(money="1.38"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.format(money="1.83"), encoding="utf-8")
    return tmp_path


def test_check_fails_resolve_passes_new_change_fails_reflow_holds(newsroom: Path) -> None:
    code, out = run("check", "a.txt", "b.txt")
    assert code == 1
    [finding_id] = contradiction_ids("a.txt", "b.txt")
    assert finding_id in out

    code, _ = run("resolve", finding_id, "a.txt", "b.txt", "--verdict", "b-correct",
                  "--note", "Desk confirmed 1.83亿 with the provincial federation", "--by", "night desk")
    assert code == 0
    ledger = (newsroom / "claims" / "resolutions.yaml").read_text(encoding="utf-8")
    assert finding_id in ledger and "night desk" in ledger
    assert run("check", "a.txt", "b.txt")[0] == 0

    # Re-script A to Traditional with pinyin-free line breaks, reflow B: still resolved.
    a_text = (newsroom / "a.txt").read_text(encoding="utf-8")
    (newsroom / "a.txt").write_text(opencc.OpenCC("s2t").convert(a_text).replace("、", "、\n"), encoding="utf-8")
    b_text = (newsroom / "b.txt").read_text(encoding="utf-8")
    (newsroom / "b.txt").write_text(b_text.replace(",", ",\n").replace("\n", "\r\n"), encoding="gb18030")
    assert run("check", "a.txt", "b.txt")[0] == 0

    # The figure changes again: a new finding with a new id, unresolved.
    (newsroom / "b.txt").write_text(ARTICLE.format(money="1.93"), encoding="utf-8")
    code, _ = run("check", "a.txt", "b.txt")
    assert code == 1
    [new_id] = contradiction_ids("a.txt", "b.txt")
    assert new_id != finding_id
    _, out = run("check", "a.txt", "b.txt", "--strict")
    code, _ = run("check", "a.txt", "b.txt", "--strict", "--fail-on", "damaged")
    assert code == 1  # the old resolution is stale now


def test_unknown_id_is_refused(newsroom: Path) -> None:
    result = CliRunner().invoke(cli, ["resolve", "fc-0000000000", "a.txt", "b.txt", "--verdict", "accepted",
                                      "--note", "n"])
    assert result.exit_code != 0
    assert not (newsroom / "claims").exists() or not any((newsroom / "claims").iterdir())


def test_expired_resolution_counts_as_unresolved(newsroom: Path) -> None:
    [finding_id] = contradiction_ids("a.txt", "b.txt")
    (newsroom / "claims").mkdir()
    (newsroom / "claims" / "old.yaml").write_text(
        f"version: 1\nresolutions:\n  - id: {finding_id}\n    verdict: accepted\n    note: checked last year\n"
        "    expires: 2020-01-01\n", encoding="utf-8")
    assert run("check", "a.txt", "b.txt")[0] == 1


def test_malformed_ledger_stops_the_run_with_file_and_line(newsroom: Path) -> None:
    (newsroom / "claims").mkdir()
    (newsroom / "claims" / "bad.yaml").write_text("version: 1\nresolutions:\n  - id: fc-12\n    verdict: x\n",
                                                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "a.txt", "b.txt"])
    assert result.exit_code == 2


def test_baseline_accepts_current_findings(newsroom: Path) -> None:
    assert run("check", "a.txt", "b.txt", "--baseline")[0] == 0
    assert run("check", "a.txt", "b.txt")[0] == 0


def test_bundled_samples_pass_against_the_claims_ledger() -> None:
    """Dog-fooding: the project's own `factcheck check sources/ --ledger claims/`."""
    root = Path(__file__).resolve().parent.parent
    code, out = run("check", str(root / "sources"), "--ledger", str(root / "claims"),
                    "--fail-on", "contradiction,damaged,not_comparable,only_in_a,only_in_b", "--strict")
    assert code == 0, out


def test_check_on_two_corpus_files_gives_sarif() -> None:
    code, out = run("check", str(WEB_2023), str(OCR_2023), "--format", "sarif", "--ledger", "/nonexistent-folder")
    assert code == 0
    assert json.loads(out)["version"] == "2.1.0"
