"""`factcheck batch` and `compare` through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli

from .conftest import ALL_CORPUS, OCR_2023, WEB_2023


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_batch_groups_the_corpus_as_the_articles_are(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    (folder / "nested").mkdir(parents=True)
    for i, path in enumerate(ALL_CORPUS):
        shutil.copy(path, (folder / "nested" if i % 2 else folder) / f"file{i}.txt")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = invoke("batch", str(folder), "--format", "json", "--jobs", "2")
    assert result.exit_code == 2  # a selected file could not be read: the run did not check everything
    assert "broken.txt" in result.stderr
    result = invoke("batch", str(folder), "--format", "json", "--jobs", "2", "--skip-unreadable")
    assert result.exit_code == 0
    assert "warning" in result.stderr and "broken.txt" in result.stderr
    data = json.loads(result.stdout)
    groups = [sorted(Path(d["path"]).name for d in g["documents"]) for g in data["groups"]]
    assert groups == [["file0.txt", "file1.txt"]]  # the web mirror and the print OCR of one article
    assert sorted(Path(p).name for p in data["singles"]) == ["file2.txt", "file3.txt", "file4.txt"]
    assert [Path(e["path"]).name for e in data["errors"]] == ["broken.txt"]
    assert data["groups"][0]["summary"]["contradiction"] == 0


def test_batch_output_is_the_same_whatever_the_jobs(tmp_path: Path) -> None:
    for path in ALL_CORPUS:
        shutil.copy(path, tmp_path / path.name)
    one = invoke("batch", str(tmp_path), "--format", "json", "--jobs", "1").stdout
    two = invoke("batch", str(tmp_path), "--format", "json", "--jobs", "2").stdout
    assert one == two


def test_batch_output_folder_never_replaces_files(tmp_path: Path) -> None:
    for path in (WEB_2023, OCR_2023):
        shutil.copy(path, tmp_path / path.name)
    out = tmp_path / "reports"
    assert invoke("batch", str(tmp_path), "--output", str(out), "--format", "markdown").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["g1.md", "index.md"]
    (out / "g1.md").write_text("my notes", encoding="utf-8")
    again = CliRunner().invoke(cli, ["batch", str(tmp_path), "--output", str(out), "--format", "markdown"])
    assert again.exit_code == 2 and "--force" in again.output
    assert (out / "g1.md").read_text(encoding="utf-8") == "my notes"


def test_compare_table_lists_contradictions_first_with_file_and_line(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("5年来,各级工会投入资金1.38亿元,建设驿站1.15万个。\n另一段:覆盖户外劳动者840余万人。\n",
                 encoding="utf-8")
    b.write_text("5年來,各級工會投入資金1.83億元,建設驛站1.15萬個。\n另一段:覆蓋戶外勞動者840多萬人。\n",
                 encoding="utf-8")
    result = invoke("compare", str(a), str(b), "--color", "never")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line[:1] in "✗⚠≠◐◑✓" and "line " in line]  # each finding's first line
    assert rows[0].startswith("✗ contradiction")
    assert rows[0].count("line 1") == 2  # both sides' line numbers; the paths are named once, as A and B
    assert f"A  {a}" in lines and f"B  {b}" in lines
    assert "\x1b[" not in result.stdout
    assert "3 agree" in result.stdout and "1 contradiction" in result.stdout
    assert invoke("compare", str(a), str(b), "--fail-on", "damaged").exit_code == 0


def test_color_always_never_and_no_color(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("投入资金1.93亿元。\n", encoding="utf-8")
    b.write_text("投入资金1.38亿元。\n", encoding="utf-8")

    def run(*args: str, env: dict[str, str] | None = None) -> str:
        proc = subprocess.run([sys.executable, "-m", "factcheck", "compare", str(a), str(b), *args],
                              capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60)
        assert proc.returncode == 1  # the contradiction, whatever the colours
        return proc.stdout

    assert "\x1b[" in run("--color", "always")
    assert "\x1b[" not in run("--color", "never")
    assert "\x1b[" not in run()  # not a terminal: plain text
    assert "\x1b[" not in run(env={"NO_COLOR": "1"})
