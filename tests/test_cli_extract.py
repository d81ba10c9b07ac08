"""`factcheck extract` through the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from factcheck.cli import cli

from .conftest import ALL_CORPUS, WEB_2022, WEB_2023


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, timeout=60)


def test_extract_json_follows_spec() -> None:
    result = CliRunner().invoke(cli, ["extract", str(WEB_2022), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == 1
    assert data["document"]["encoding"] == "utf-8"
    assert data["document"]["script"] == "traditional"
    text = WEB_2022.read_text(encoding="utf-8")
    assert data["document"]["chars"] == len(text)
    figures = {f["text"]: f for f in data["figures"]}
    money = figures["6144萬(wàn)元"]
    assert (money["value"], money["unit"], money["kind"], money["qualifier"]) == (61440000.0, "元", "money", "exact")
    assert figures["近兩萬(wàn)包"]["qualifier"] == "at_most"
    # 再下?lián)?560萬(wàn)元 (a digit swallowed) is damaged; 籌措專項資金560萬(wàn)元 is not.
    assert sorted(f["damaged"] for f in data["figures"] if f["text"] == "560萬(wàn)元") == [False, True, True]
    assert all(text[f["span"][0] : f["span"][1]] == f["text"] for f in data["figures"])
    assert any(d["kind"] == "encoding" for d in data["document"]["damage"])


def test_extract_table_lists_figures_and_damage() -> None:
    result = CliRunner().invoke(cli, ["extract", str(WEB_2023)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "1.38億元" in result.output
    assert "Damaged passages" in result.output
    assert "?yōu)?" in result.output


def test_extract_runs_on_every_corpus_file() -> None:
    for path in ALL_CORPUS:
        result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"], catch_exceptions=False)
        assert result.exit_code == 0, path
        assert json.loads(result.output)["figures"]


def test_bad_input_is_one_line_and_exit_2(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    for path, words in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "is a directory"),
                        (empty, "empty"), (binary, "binary")):
        proc = run("extract", str(path))
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1
        assert words in proc.stderr and "Traceback" not in proc.stderr


def test_gb18030_and_big5_are_detected(tmp_path) -> None:
    sentence = "5年来,河南省各级工会投入资金1.38亿元,建设户外劳动者驿站1.15万个。"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(sentence.encode("gb18030"))
    big5 = tmp_path / "big5.txt"
    big5.write_bytes("5年來,河南省各級工會投入資金1.38億元,建設戶外勞動者驛站1.15萬個。".encode("big5"))
    for path, encoding in ((gbk, "gb18030"), (big5, "big5hkscs")):
        data = json.loads(run("extract", str(path), "--format", "json").stdout)
        assert data["document"]["encoding"] == encoding
        assert [f["value"] for f in data["figures"]] == [5.0, 138000000.0, 11500.0]


def test_stdin_is_read_with_a_dash() -> None:
    proc = subprocess.run([sys.executable, "-m", "factcheck", "extract", "-", "--format", "json"],
                          input="覆盖户外劳动者840余万人".encode(), capture_output=True, timeout=60)
    assert proc.returncode == 0
    figure = json.loads(proc.stdout)["figures"][0]
    assert (figure["value"], figure["qualifier"]) == (8400000.0, "at_least")
