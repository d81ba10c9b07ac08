"""Hostile input through the real command line, one row per case.

The contract (docs/cli.md, exit codes): bad input gets one line on stderr naming the file and the
problem, exit code 2, never a traceback; nothing the user wrote is lost or overwritten; in
`batch`/`check` of a folder a bad file is listed under `errors` and the rest is still
checked (`check` then exits 2: the run did not complete).

Every row runs ``python -m factcheck`` as a subprocess in its own ``tmp_path`` and states
the whole outcome: exit code, stdout (empty or JSON), stderr (one line naming the file and a
word of the problem, or nothing but warnings), plus what the row is about. Rows marked
Rows that once were known bugs are plain rows now, guarding their fixes.

Also here: determinism of ``--format json`` (two runs, ``--jobs 1`` and ``--jobs 2``) and
the regression inputs the fuzzer found (``tests/cases/fuzz/``, through ``fuzz/fuzz_pipeline.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck import extract_figures, load

from .conftest import ALL_CORPUS, CORPUS, OCR_2023, WEB_2023, WEB_2024

ROOT = Path(__file__).parent.parent
FUZZ_CASES = Path(__file__).parent / "cases" / "fuzz"
TIMEOUT = 120
FAKE_ID = "fc-0123456789"

# ----------------------------------------------------------------------------- the runner


@dataclasses.dataclass
class Expect:
    """One row: the command to run in tmp_path and the whole outcome expected of it."""

    args: list[str]
    code: int
    stdout: str = "empty"  # "empty" | "json" | "any"
    name: str | None = None  # an error's stderr line must name this file ...
    words: tuple[str, ...] = ()  # ... and say one of these (lower-cased) about it
    line: tuple[int, ...] = ()  # ... and give one of these lines as name:line
    stdin: bytes | str | None = None  # bytes, or a path to open as stdin
    check: Callable[[subprocess.CompletedProcess[bytes], Any], None] | None = None
    timeout: float = TIMEOUT
    memory_limit: int | None = None  # bytes of address space, for rows that could eat the machine
    background: Callable[[], None] | None = None  # runs in a thread while the command runs


def run_cli(args: list[str], cwd: Path, *, stdin: bytes | str | None = None, timeout: float = TIMEOUT,
            memory_limit: int | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    command = [sys.executable, "-m", "factcheck", *args]
    options: dict[str, Any] = {"cwd": cwd, "env": env, "capture_output": True, "timeout": timeout}
    if memory_limit:
        options["preexec_fn"] = limit
    if isinstance(stdin, str):
        with open(stdin, "rb") as handle:
            return subprocess.run(command, stdin=handle, **options)
    if stdin is None:
        return subprocess.run(command, stdin=subprocess.DEVNULL, **options)
    return subprocess.run(command, input=stdin, **options)


def strict_json(data: bytes) -> Any:
    """JSON as RFC 8259 has it: UTF-8, and no NaN or Infinity (jq and JSON.parse reject them)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


CASES: dict[str, Callable[[Path], Expect]] = {}
MARKS: dict[str, list[Any]] = {}


def case(*marks: Any) -> Callable[[Callable[[Path], Expect]], Callable[[Path], Expect]]:
    def register(fn: Callable[[Path], Expect]) -> Callable[[Path], Expect]:
        name = fn.__name__.removeprefix("row_")
        CASES[name] = fn
        MARKS[name] = list(marks)
        return fn

    return register


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_text(path: Path = WEB_2024) -> str:
    return path.read_text(encoding="utf-8")


def same_figures_as(text: str) -> Callable[[subprocess.CompletedProcess[bytes], Any], None]:
    """The extract JSON lists the figures the library finds in ``text`` (decoding was right)."""
    want = [(f.text, f.value, f.line) for f in extract_figures(text)]

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        got = [(f["text"], f["value"], f["line"]) for f in data["figures"]]
        assert want, "the reference text has figures"
        assert got == want

    return check


# ------------------------------------------------------------------------ the rows: input


@case()
def row_missing_path(tmp: Path) -> Expect:
    return Expect(["extract", "missing.txt"], 2, name="missing.txt", words=("no such file",))


@case()
def row_directory_for_file(tmp: Path) -> Expect:
    (tmp / "reports").mkdir()
    return Expect(["extract", "reports"], 2, name="reports", words=("directory",))


@case()
def row_directory_for_compare(tmp: Path) -> Expect:
    (tmp / "reports").mkdir()
    shutil.copy(WEB_2024, tmp / "a.txt")
    return Expect(["compare", "a.txt", "reports"], 2, name="reports", words=("directory",))


@case()
def row_empty_file(tmp: Path) -> Expect:
    (tmp / "empty.txt").write_bytes(b"")
    return Expect(["extract", "empty.txt"], 2, name="empty.txt", words=("empty",))


@case()
def row_whitespace_only(tmp: Path) -> Expect:
    (tmp / "blank.txt").write_bytes(b"  \n\t\r\n\xe3\x80\x80\n")  # with an ideographic space
    return Expect(["extract", "blank.txt"], 2, name="blank.txt", words=("white space", "empty"))


@case()
def row_png(tmp: Path) -> Expect:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256))
    (tmp / "photo.png").write_bytes(png)
    return Expect(["extract", "photo.png"], 2, name="photo.png", words=("binary",))


@case()
def row_png_named_txt(tmp: Path) -> Expect:
    (tmp / "report.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000))
    return Expect(["extract", "report.txt"], 2, name="report.txt", words=("binary",))


@case()
def row_random_bytes(tmp: Path) -> Expect:
    (tmp / "noise.txt").write_bytes(random.Random(0).randbytes(5000))
    return Expect(["extract", "noise.txt"], 2, name="noise.txt", words=("binary", "decode"))


@case()
def row_nul_bytes(tmp: Path) -> Expect:
    text = corpus_text().encode("utf-8")
    (tmp / "nul.txt").write_bytes(text[:3000] + b"\x00" * 16 + text[3000:])
    return Expect(["extract", "nul.txt"], 2, name="nul.txt", words=("binary",))


@case()
def row_invalid_utf8_in_chinese(tmp: Path) -> Expect:
    """One broken byte in a UTF-8 Chinese report: it works, and U+FFFD damage is reported."""
    data = corpus_text().encode("utf-8")
    cut = data.index("亿".encode()) + 1  # inside a character, next to a figure
    (tmp / "broken.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        doc = data["document"]
        assert doc["encoding"] == "utf-8"
        assert any("\ufffd" in d["text"] and d["kind"] == "encoding" for d in doc["damage"]), doc["damage"]
        assert len(data["figures"]) > 50

    return Expect(["extract", "broken.txt", "--format", "json"], 0, "json", check=check)


@case()
def row_gbk_undeclared(tmp: Path) -> Expect:
    text = corpus_text(WEB_2024)
    (tmp / "gbk.txt").write_bytes(text.encode("gbk"))

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["encoding"] in ("gb18030", "gbk", "gb2312")
        same_figures_as(text)(proc, data)

    return Expect(["extract", "gbk.txt", "--format", "json"], 0, "json", check=check)


@case()
def row_gbk_ocr_undeclared(tmp: Path) -> Expect:
    text = corpus_text(OCR_2023)
    (tmp / "ocr-gbk.txt").write_bytes(text.encode("gbk"))

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["encoding"] in ("gb18030", "gbk", "gb2312")
        same_figures_as(text)(proc, data)

    return Expect(["extract", "ocr-gbk.txt", "--format", "json"], 0, "json", check=check)


@case()
def row_big5_undeclared(tmp: Path) -> Expect:
    import opencc

    text = opencc.OpenCC("s2tw").convert(corpus_text(WEB_2024))
    (tmp / "big5.txt").write_bytes(text.encode("big5"))

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["encoding"].replace("_", "") in ("big5", "big5hkscs", "cp950")
        assert data["document"]["script"] == "traditional"
        same_figures_as(text)(proc, data)

    return Expect(["extract", "big5.txt", "--format", "json"], 0, "json", check=check)


@case()
def row_utf16_bom(tmp: Path) -> Expect:
    text = corpus_text(WEB_2024)
    (tmp / "utf16.txt").write_bytes(text.encode("utf-16"))  # with its BOM

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["encoding"].startswith("utf-16")
        assert data["document"]["chars"] == len(text)
        same_figures_as(text)(proc, data)

    return Expect(["extract", "utf16.txt", "--format", "json"], 0, "json", check=check)


@case()
def row_utf8_bom(tmp: Path) -> Expect:
    text = corpus_text(WEB_2024)
    (tmp / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return Expect(["extract", "bom.txt", "--format", "json"], 0, "json", check=same_figures_as(text))


BIG_SIZE = 50 * 2**20
BIG_WORKS = BIG_SIZE <= load.MAX_BYTES


@case()
def row_50mb_file(tmp: Path) -> Expect:
    """Under load.MAX_BYTES the file must work within the timeout; over it, a clear refusal."""
    chunk = WEB_2023.read_bytes()  # whole copies: valid UTF-8, a real report's density of figures
    with open(tmp / "huge.txt", "wb") as handle:
        for _ in range(BIG_SIZE // len(chunk)):
            handle.write(chunk)
        handle.write(b"\n" * (BIG_SIZE - handle.tell()))
    assert (tmp / "huge.txt").stat().st_size == BIG_SIZE
    if not BIG_WORKS:
        return Expect(["extract", "huge.txt", "--format", "json"], 2, name="huge.txt", words=("mib", "large"))

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        head = (tmp / "huge.json").read_bytes()[:200]
        assert head.startswith(b"{") and b'"version": 1' in head

    return Expect(["extract", "huge.txt", "--format", "json", "--output", "huge.json"], 0, check=check)


@case()
def row_2mb_single_line(tmp: Path) -> Expect:
    line = corpus_text(WEB_2024).replace("\n", " ").replace("\r", " ")
    text = (line * (2 * 2**20 // len(line.encode("utf-8")) + 1))
    data = text.encode("utf-8")[: 2 * 2**20].decode("utf-8", "ignore")
    (tmp / "oneline.txt").write_text(data, encoding="utf-8", newline="")

    def check(proc: subprocess.CompletedProcess[bytes], parsed: Any) -> None:
        assert len(parsed["figures"]) > 1000
        assert {f["line"] for f in parsed["figures"]} == {1}
        assert all(data[f["span"][0] : f["span"][1]] == f["text"] for f in parsed["figures"][:200])

    return Expect(["extract", "oneline.txt", "--format", "json"], 0, "json", check=check)


def _line_check(text: str, expected: dict[str, int]) -> Callable[[subprocess.CompletedProcess[bytes], Any], None]:
    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        lines = {f["text"]: f["line"] for f in data["figures"]}
        for figure, line in expected.items():
            assert lines.get(figure) == line, (figure, lines)
        for f in data["figures"]:
            assert text[f["span"][0] : f["span"][1]] == f["text"]

    return check


@case()
def row_crlf_line_ends(tmp: Path) -> Expect:
    text = "河南省总工会\r\n\r\n投入资金1.38亿元。\r\n覆盖户外劳动者840余万人。\r\n\r\n\r\n共建成驿站5000个。\r\n"
    (tmp / "crlf.txt").write_bytes(text.encode("utf-8"))
    want = {"1.38亿元": 3, "840余万人": 4, "5000个": 7}
    return Expect(["extract", "crlf.txt", "--format", "json"], 0, "json", check=_line_check(text, want))


@case()
def row_mixed_line_ends(tmp: Path) -> Expect:
    text = "河南省总工会\r\n投入资金1.38亿元。\n覆盖户外劳动者840余万人。\r共建成驿站5000个。\r\n\n慰问职工30万人次。"
    (tmp / "mixed.txt").write_bytes(text.encode("utf-8"))
    want = {"1.38亿元": 2, "840余万人": 3, "5000个": 4, "30万人次": 6}
    return Expect(["extract", "mixed.txt", "--format", "json"], 0, "json", check=_line_check(text, want))


@case()
def row_unreadable_file(tmp: Path) -> Expect:
    target = tmp / "secret.txt"
    shutil.copy(WEB_2024, target)
    target.chmod(0)
    if os.access(target, os.R_OK):
        target.chmod(0o644)
        pytest.skip("running as a user (root) who can read a chmod 000 file")
    return Expect(["extract", "secret.txt"], 2, name="secret.txt", words=("permission",))


@case()
def row_unreadable_file_in_batch(tmp: Path) -> Expect:
    folder = tmp / "reports"
    folder.mkdir()
    shutil.copy(WEB_2023, folder / "a.txt")
    shutil.copy(OCR_2023, folder / "b.txt")
    shutil.copy(WEB_2024, folder / "secret.txt")
    (folder / "secret.txt").chmod(0)
    if os.access(folder / "secret.txt", os.R_OK):
        (folder / "secret.txt").chmod(0o644)
        pytest.skip("running as a user (root) who can read a chmod 000 file")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [e["path"] for e in data["errors"]] == ["reports/secret.txt"]
        assert len(data["groups"]) == 1

    return Expect(["batch", "reports", "--format", "json", "--skip-unreadable"], 0, "json", check=check)


@case()
def row_symlink_loop_in_batch(tmp: Path) -> Expect:
    folder = tmp / "reports"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(WEB_2023, folder / "a.txt")
    shutil.copy(OCR_2023, folder / "sub" / "b.txt")
    os.symlink("..", folder / "sub" / "up")  # a folder loop
    os.symlink(".", folder / "self")
    os.symlink("loop2.txt", folder / "loop1.txt")  # a file loop
    os.symlink("loop1.txt", folder / "loop2.txt")
    os.symlink("gone.txt", folder / "dangling.txt")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        groups = [sorted(d["path"] for d in g["documents"]) for g in data["groups"]]
        assert groups == [["reports/a.txt", "reports/sub/b.txt"]]
        reported = {e["path"] for e in data["errors"]}
        assert reported <= {"reports/loop1.txt", "reports/loop2.txt", "reports/dangling.txt"}

    return Expect(["batch", "reports", "--format", "json", "--skip-unreadable"], 0, "json", check=check, timeout=60)


@case()
def row_path_with_spaces_and_chinese(tmp: Path) -> Expect:
    folder = tmp / "河南 工会 reports"
    folder.mkdir()
    shutil.copy(WEB_2024, folder / "2024 年度 回顾.txt")
    path = "河南 工会 reports/2024 年度 回顾.txt"

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["path"] == path
        same_figures_as(corpus_text(WEB_2024))(proc, data)

    return Expect(["extract", path, "--format", "json"], 0, "json", check=check)


@case()
def row_missing_path_with_spaces_and_chinese(tmp: Path) -> Expect:
    path = "河南 工会/没有 这个.txt"
    return Expect(["extract", path], 2, name=path, words=("no such file",))


@case()
def row_file_name_with_line_break(tmp: Path) -> Expect:
    return Expect(["extract", "bad\nname.txt"], 2, name="name.txt", words=("no such file",))


@case()
def row_non_utf8_file_name_in_batch(tmp: Path) -> Expect:
    folder = tmp / "reports"
    folder.mkdir()
    shutil.copy(WEB_2023, folder / "a.txt")
    gbk_name = os.fsdecode("报道.txt".encode("gbk"))  # undecodable as UTF-8: surrogate-escaped
    shutil.copy(OCR_2023, folder / gbk_name)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert len(data["groups"]) == 1 and len(data["groups"][0]["documents"]) == 2

    return Expect(["batch", "reports", "--format", "json", "--skip-unreadable"], 0, "json", check=check)


@case()
def row_stdin_dash(tmp: Path) -> Expect:
    text = corpus_text(WEB_2024)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["document"]["path"] == "<stdin>"
        same_figures_as(text)(proc, data)

    return Expect(["extract", "-", "--format", "json"], 0, "json", stdin=text.encode("utf-8"), check=check)


@case()
def row_stdin_dash_gbk(tmp: Path) -> Expect:
    text = corpus_text(WEB_2024)
    return Expect(["extract", "-", "--format", "json"], 0, "json", stdin=text.encode("gbk"),
                  check=same_figures_as(text))


@case()
def row_stdin_dash_empty(tmp: Path) -> Expect:
    return Expect(["extract", "-"], 2, name="<stdin>", words=("empty",), stdin=b"")


@case()
def row_stdin_dash_in_compare(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [d["path"] for d in data["documents"]] == ["a.txt", "<stdin>"]

    return Expect(["compare", "a.txt", "-", "--format", "json"], 0, "json", stdin=OCR_2023.read_bytes(),
                  check=check)


@case()
def row_named_pipe(tmp: Path) -> Expect:
    """A named pipe, as `factcheck extract <(curl ...)` gives: read to its end, it works."""
    fifo = tmp / "pipe.txt"
    os.mkfifo(fifo)
    data = WEB_2024.read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(data)

    return Expect(["extract", "pipe.txt", "--format", "json"], 0, "json", background=feed,
                  check=same_figures_as(corpus_text(WEB_2024)))


@case()
def row_endless_device(tmp: Path) -> Expect:
    return Expect(["extract", "/dev/zero"], 2, name="/dev/zero", words=("mib", "large", "binary", "regular"),
                  memory_limit=3 * 2**30)


@case()
def row_endless_stdin(tmp: Path) -> Expect:
    return Expect(["extract", "-"], 2, name="<stdin>", words=("mib", "large", "binary"), stdin="/dev/zero",
                  memory_limit=3 * 2**30)


@case()
def row_html_page(tmp: Path) -> Expect:
    body = "".join(f"<p>{line}</p>\n" for line in corpus_text(WEB_2024).splitlines() if line.strip())
    page = f"<!DOCTYPE html><html><head><meta charset=utf-8><script>var s='((((';</script></head><body>{body}"
    (tmp / "page.html").write_text(page, encoding="utf-8")  # unclosed body and html

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert len(data["figures"]) > 50
        assert all(page[f["span"][0] : f["span"][1]] == f["text"] for f in data["figures"])

    return Expect(["extract", "page.html", "--format", "json"], 0, "json", check=check)


@case()
def row_contradiction_exits_1(tmp: Path) -> Expect:
    """Not hostile, but the other half of the exit-code contract: a contradiction is exit 1."""
    (tmp / "a.txt").write_text("5年来,河南省各级工会投入资金1.38亿元。\n", encoding="utf-8")
    (tmp / "b.txt").write_text("5年來,河南省各級工會投入資金1.83億元。\n", encoding="utf-8")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["summary"]["contradiction"] == 1

    return Expect(["compare", "a.txt", "b.txt", "--format", "json"], 1, "json", check=check)


@case()
def row_huge_number(tmp: Path) -> Expect:
    (tmp / "a.txt").write_text(f"投入资金{'9' * 400}亿元,覆盖840余万人。\n", encoding="utf-8")
    return Expect(["extract", "a.txt", "--format", "json"], 0, "json")


@case()
def row_bad_file_in_compare(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")
    (tmp / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return Expect(["compare", "a.txt", "b.txt", "--format", "json"], 2, name="b.txt", words=("binary",))


# ----------------------------------------------------------------------- the rows: output


@case()
def row_output_exists_refused(tmp: Path) -> Expect:
    shutil.copy(WEB_2024, tmp / "a.txt")
    mine = tmp / "notes.json"
    mine.write_bytes("编辑的笔记\n".encode())
    before = sha(mine)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert sha(mine) == before
        assert sorted(p.name for p in tmp.iterdir()) == ["a.txt", "notes.json"]  # no temporary left behind

    return Expect(["extract", "a.txt", "--format", "json", "--output", "notes.json"], 2, name="notes.json",
                  words=("exists",), check=check)


@case()
def row_output_exists_forced(tmp: Path) -> Expect:
    shutil.copy(WEB_2024, tmp / "a.txt")
    (tmp / "out.json").write_bytes(b"old")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        written = json.loads((tmp / "out.json").read_text(encoding="utf-8"))
        assert written["version"] == 1 and written["figures"]
        assert sorted(p.name for p in tmp.iterdir()) == ["a.txt", "out.json"]

    return Expect(["extract", "a.txt", "--format", "json", "--output", "out.json", "--force"], 0, check=check)


@case()
def row_output_exists_refused_for_compare(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")
    shutil.copy(OCR_2023, tmp / "b.txt")
    (tmp / "report.md").write_bytes(b"# my draft\n")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert (tmp / "report.md").read_bytes() == b"# my draft\n"

    return Expect(["compare", "a.txt", "b.txt", "--format", "markdown", "--output", "report.md"], 2,
                  name="report.md", words=("exists",), check=check)


@case()
def row_output_is_an_input(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")
    shutil.copy(OCR_2023, tmp / "b.txt")
    before = sha(tmp / "b.txt")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert sha(tmp / "b.txt") == before

    return Expect(["compare", "a.txt", "b.txt", "--output", "b.txt"], 2, name="b.txt", words=("exists",),
                  check=check)


@case()
def row_output_in_missing_folder(tmp: Path) -> Expect:
    shutil.copy(WEB_2024, tmp / "a.txt")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert not (tmp / "nowhere").exists()

    return Expect(["extract", "a.txt", "--output", "nowhere/out.txt"], 2, name="nowhere/out.txt",
                  words=("folder", "directory"), check=check)


@case()
def row_output_is_a_folder(tmp: Path) -> Expect:
    shutil.copy(WEB_2024, tmp / "a.txt")
    (tmp / "out").mkdir()
    return Expect(["extract", "a.txt", "--output", "out"], 2, name="out", words=("directory", "folder"))


@case()
def row_batch_output_folder_clash(tmp: Path) -> Expect:
    folder = tmp / "reports"
    folder.mkdir()
    shutil.copy(WEB_2023, folder / "a.txt")
    shutil.copy(OCR_2023, folder / "b.txt")
    (tmp / "out").mkdir()
    (tmp / "out" / "index.json").write_bytes(b"{\"mine\": true}\n")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert sorted(p.name for p in (tmp / "out").iterdir()) == ["index.json"]
        assert (tmp / "out" / "index.json").read_bytes() == b"{\"mine\": true}\n"

    return Expect(["batch", "reports", "--format", "json", "--output", "out"], 2, name="out",
                  words=("replace", "exists", "force"), check=check)


@case()
def row_unknown_format(tmp: Path) -> Expect:
    shutil.copy(WEB_2024, tmp / "a.txt")
    return Expect(["extract", "a.txt", "--format", "yaml"], 2, name="yaml", words=("format", "invalid"))


@case()
def row_unknown_fail_on(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")
    shutil.copy(OCR_2023, tmp / "b.txt")
    return Expect(["compare", "a.txt", "b.txt", "--fail-on", "contradictions"], 2, name="contradictions",
                  words=("unknown status",))


# ------------------------------------------------------------------------ the rows: batch


def _folder_with_bad_files(tmp: Path) -> Path:
    folder = tmp / "reports"
    folder.mkdir()
    for path in ALL_CORPUS:
        shutil.copy(path, folder / path.name)
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(2000))
    return folder


@case()
def row_batch_one_bad_file(tmp: Path) -> Expect:
    _folder_with_bad_files(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [e["path"] for e in data["errors"]] == ["reports/scan.txt"]
        assert "binary" in data["errors"][0]["error"]
        groups = [sorted(Path(d["path"]).name for d in g["documents"]) for g in data["groups"]]
        assert [OCR_2023.name, WEB_2023.name] in groups

    # an unreadable selected file: the run did not check everything (docs/cli.md, exit codes)
    return Expect(["batch", "reports", "--format", "json"], 2, "json", name="reports/scan.txt", words=("binary",),
                  check=check)


@case()
def row_batch_one_bad_file_skipped(tmp: Path) -> Expect:
    _folder_with_bad_files(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [e["path"] for e in data["errors"]] == ["reports/scan.txt"]
        assert b"reports/scan.txt" in proc.stderr

    return Expect(["batch", "reports", "--format", "json", "--skip-unreadable"], 0, "json", check=check)


@case()
def row_check_one_bad_file_json(tmp: Path) -> Expect:
    _folder_with_bad_files(tmp)
    return Expect(["check", "reports", "--format", "json"], 2, "json", name="reports/scan.txt", words=("binary",))


@case()
def row_check_one_bad_file_skipped(tmp: Path) -> Expect:
    _folder_with_bad_files(tmp)
    return Expect(["check", "reports", "--format", "json", "--skip-unreadable"], 0, "json")


@case()
def row_folder_notes_and_readme_are_not_reports(tmp: Path) -> Expect:
    folder = tmp / "reports"
    folder.mkdir()
    shutil.copy(WEB_2023, folder / "a.txt")
    shutil.copy(OCR_2023, folder / "b.txt")
    (folder / "notes.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not selected, so never read
    (folder / "README").write_text("Folder of downloads.", encoding="utf-8")
    (folder / "out.json").write_text("{}", encoding="utf-8")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["errors"] == []

    return Expect(["check", "reports", "--format", "json", "--exclude", "README"], 0, "json", check=check)


@case()
def row_batch_include_glob_that_selects_nothing(tmp: Path) -> Expect:
    _folder_with_bad_files(tmp)
    return Expect(["batch", "reports", "--include", "*.pdf"], 2, name="reports", words=("no files",))


@case()
def row_batch_several_bad_files(tmp: Path) -> Expect:
    folder = _folder_with_bad_files(tmp)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes("投入资金1.38亿元".encode() + b"\x00" * 64)
    (folder / "sub").mkdir()
    (folder / "sub" / "noise.txt").write_bytes(random.Random(3).randbytes(3000))

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [e["path"] for e in data["errors"]] == [
            "reports/empty.txt", "reports/nul.txt", "reports/scan.txt", "reports/sub/noise.txt"]
        assert any(len(g["documents"]) == 2 for g in data["groups"])

    return Expect(["batch", "reports", "--format", "json", "--skip-unreadable"], 0, "json", check=check)


@case()
def row_batch_missing_folder(tmp: Path) -> Expect:
    return Expect(["batch", "nowhere", "--format", "json"], 2, name="nowhere", words=("no such", "no files"),
                  stdout="any")


@case()
def row_batch_empty_folder(tmp: Path) -> Expect:
    (tmp / "reports").mkdir()
    return Expect(["batch", "reports"], 2, name="reports", words=("no files",))


@case()
def row_check_one_bad_file(tmp: Path) -> Expect:
    """`check` reports what it could check, then exits 2: a file went unchecked."""
    _folder_with_bad_files(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert [e["path"] for e in data["errors"]] == ["reports/scan.txt"]
        assert data["groups"]

    return Expect(["check", "reports", "--format", "json"], 2, "json", name="reports/scan.txt",
                  words=("binary",), check=check)


@case()
def row_check_missing_file(tmp: Path) -> Expect:
    shutil.copy(WEB_2023, tmp / "a.txt")
    return Expect(["check", "a.txt", "gone.txt", "--format", "json"], 2, "json", name="gone.txt",
                  words=("no such",))


# ----------------------------------------------------------------------- the rows: ledger

LEDGER_HEAD = "version: 1\nresolutions:\n"
GOOD_ENTRY = f"  - id: {FAKE_ID}\n    verdict: a-correct\n    note: checked\n"


def _alias_bomb() -> str:
    lines = ["version: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join([*lines, "resolutions: *a9", ""])


# name: (ledger text, lines at which the problem may be reported, words for the problem)
MALFORMED_LEDGERS: dict[str, tuple[str, tuple[int, ...], tuple[str, ...]]] = {
    "bad_syntax": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: [a-correct\n    note: x\n", (4, 5), ("yaml",)),
    "bad_indent": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n   note: x\n", (4, 5), ("yaml",)),
    "tab_indent": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n\tverdict: a-correct\n", (4,), ("yaml", "tab")),
    "note_is_number": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n    note: 12\n", (5,),
                       ("note",)),
    "version_is_text": ("version: '1'\nresolutions:\n" + GOOD_ENTRY, (1,), ("version",)),
    "resolutions_is_text": ("version: 1\nresolutions: all fine\n", (2,), ("resolutions",)),
    "entry_is_list": (LEDGER_HEAD + "  - [fc-0123456789, a-correct]\n", (3,), ("mapping",)),
    "bad_verdict": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: maybe\n    note: x\n", (4,), ("verdict",)),
    "bad_date": (LEDGER_HEAD + GOOD_ENTRY + "    date: 2026-02-30\n", (6,), ("date",)),
    "duplicate_key": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n    verdict: b-correct\n"
                      "    note: x\n", (5,), ("duplicate",)),
    "duplicate_id": (LEDGER_HEAD + GOOD_ENTRY + GOOD_ENTRY, (6,), ("duplicate",)),
    "python_tag": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n"
                   "    note: !!python/object/apply:os.system [echo pwned]\n", (5,), ("tag",)),
    "alias_bomb": (_alias_bomb(), (2,), ("alias", "anchor")),
    "two_documents": (LEDGER_HEAD + GOOD_ENTRY + "---\n" + LEDGER_HEAD, (6,), ("document",)),
    "control_character": (LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n    note: a\x07b\n", (5,),
                          ("control",)),
}


def _check_folder(tmp: Path) -> list[str]:
    shutil.copy(WEB_2023, tmp / "a.txt")
    shutil.copy(OCR_2023, tmp / "b.txt")
    return ["a.txt", "b.txt"]


def _malformed_check_row(kind: str) -> Callable[[Path], Expect]:
    def row(tmp: Path) -> Expect:
        text, lines, words = MALFORMED_LEDGERS[kind]
        (tmp / "claims.yaml").write_text(text, encoding="utf-8")
        paths = _check_folder(tmp)
        return Expect(["check", *paths, "--ledger", "claims.yaml", "--format", "json"], 2, name="claims.yaml",
                      line=lines, words=words)

    return row


def _malformed_resolve_row(kind: str) -> Callable[[Path], Expect]:
    def row(tmp: Path) -> Expect:
        text, lines, words = MALFORMED_LEDGERS[kind]
        ledger = tmp / "claims.yaml"
        ledger.write_text(text, encoding="utf-8")
        before = sha(ledger)
        paths = _check_folder(tmp)

        def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
            assert sha(ledger) == before
            assert sorted(p.name for p in tmp.iterdir()) == ["a.txt", "b.txt", "claims.yaml"]

        return Expect(["resolve", FAKE_ID, *paths, "--verdict", "a-correct", "--note", "checked",
                       "--ledger", "claims.yaml"], 2, name="claims.yaml", line=lines, words=words, check=check)

    return row


for _kind in MALFORMED_LEDGERS:
    CASES[f"check_ledger_{_kind}"] = _malformed_check_row(_kind)
    MARKS[f"check_ledger_{_kind}"] = []
for _kind in ("bad_syntax", "note_is_number", "duplicate_key", "python_tag", "alias_bomb", "duplicate_id"):
    CASES[f"resolve_ledger_{_kind}"] = _malformed_resolve_row(_kind)
    MARKS[f"resolve_ledger_{_kind}"] = []


@case()
def row_check_ledger_not_utf8(tmp: Path) -> Expect:
    text = LEDGER_HEAD + f"  - id: {FAKE_ID}\n    verdict: a-correct\n    note: 核实过\n"
    (tmp / "claims.yaml").write_bytes(text.encode("gbk"))
    paths = _check_folder(tmp)
    return Expect(["check", *paths, "--ledger", "claims.yaml"], 2, name="claims.yaml", line=(5,),
                  words=("utf-8",))


@case()
def row_check_ledger_folder_with_bad_file(tmp: Path) -> Expect:
    (tmp / "claims").mkdir()
    (tmp / "claims" / "a.yaml").write_text(LEDGER_HEAD + GOOD_ENTRY, encoding="utf-8")
    (tmp / "claims" / "b.yaml").write_text(MALFORMED_LEDGERS["python_tag"][0], encoding="utf-8")
    paths = _check_folder(tmp)
    return Expect(["check", *paths, "--ledger", "claims", "--format", "json"], 2, name="claims/b.yaml",
                  line=(5,), words=("tag",))


@case()
def row_check_ledger_missing_file(tmp: Path) -> Expect:
    paths = _check_folder(tmp)
    return Expect(["check", *paths, "--ledger", "nothere.yaml"], 2, name="nothere.yaml", words=("not found",))


@case()
def row_check_ledger_empty_file(tmp: Path) -> Expect:
    """An empty ledger is a valid ledger with no rulings."""
    (tmp / "claims.yaml").write_bytes(b"")
    paths = _check_folder(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert data["version"] == 1 and data["groups"]
        assert (tmp / "claims.yaml").read_bytes() == b""

    return Expect(["check", *paths, "--ledger", "claims.yaml", "--format", "json"], 0, "json", check=check)


@case()
def row_check_ledger_comments_only(tmp: Path) -> Expect:
    (tmp / "claims.yaml").write_text("# nothing ruled yet\n\n# 还没有\n", encoding="utf-8")
    paths = _check_folder(tmp)
    return Expect(["check", *paths, "--ledger", "claims.yaml", "--format", "json"], 0, "json")


@case()
def row_check_ledger_10mb(tmp: Path) -> Expect:
    """A 10 MB ledger of well-formed rulings loads; each ruling that matches nothing is a warning."""
    entries = []
    size, i = 0, 0
    while size < 10 * 10**6:
        entry = (f"  - id: fc-{i:010x}\n    verdict: accepted\n"
                 f"    note: \"第{i}条: desk checked the figure with the provincial federation\"\n"
                 f"    by: night desk\n    date: 2026-11-20\n")
        entries.append(entry)
        size += len(entry.encode())
        i += 1
    (tmp / "claims.yaml").write_text("# big\n" + LEDGER_HEAD + "".join(entries), encoding="utf-8")
    paths = _check_folder(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert len(data["stale"]) == i
        assert len(proc.stderr.splitlines()) == i  # one warning per stale ruling

    return Expect(["check", *paths, "--ledger", "claims.yaml", "--format", "json"], 0, "json", check=check)


@case()
def row_check_ledger_over_limit(tmp: Path) -> Expect:
    from factcheck import ledger

    with open(tmp / "claims.yaml", "wb") as handle:
        handle.write((LEDGER_HEAD + GOOD_ENTRY).encode())
        comment = b"# " + b"x" * 1000 + b"\n"
        handle.write(comment * (ledger.MAX_BYTES // len(comment) + 2))
    paths = _check_folder(tmp)
    return Expect(["check", *paths, "--ledger", "claims.yaml"], 2, name="claims.yaml", words=("mib",))


def _planted_pair(tmp: Path) -> str:
    """a.txt and b.txt with one contradiction; its finding id."""
    from factcheck import compare_files

    (tmp / "a.txt").write_text("5年来,全省各级工会投入资金1.38亿元,建设驿站1.15万个。", encoding="utf-8")
    (tmp / "b.txt").write_text("5年来,全省各级工会投入资金1.83亿元,建设驿站1.15万个。", encoding="utf-8")
    report = compare_files(str(tmp / "a.txt"), str(tmp / "b.txt"))
    return next(f.id for f in report.findings if f.status.value == "contradiction")


@case()
def row_resolve_existing_ruling_refused(tmp: Path) -> Expect:
    finding = _planted_pair(tmp)
    ledger = tmp / "claims.yaml"
    text = f"version: 1\nresolutions:\n  - id: {finding}\n    verdict: b-correct\n    note: desk\n    by: night\n"
    ledger.write_text(text, encoding="utf-8")

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert ledger.read_text(encoding="utf-8") == text  # the earlier ruling is untouched

    return Expect(["resolve", finding, "a.txt", "b.txt", "--verdict", "a-correct", "--note", "x", "--ledger",
                   "claims.yaml"], 2, name=finding, words=("--replace",), check=check)


@case()
def row_resolve_creates_a_missing_ledger_file_and_folder(tmp: Path) -> Expect:
    finding = _planted_pair(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert finding in (tmp / "desk" / "claims.yaml").read_text(encoding="utf-8")

    return Expect(["resolve", finding, "a.txt", "b.txt", "--verdict", "a-correct", "--note", "x", "--ledger",
                   "desk/claims.yaml"], 0, "empty", check=check)


@case()
def row_resolve_ledger_folder_missing(tmp: Path) -> Expect:
    paths = _check_folder(tmp)

    def check(proc: subprocess.CompletedProcess[bytes], data: Any) -> None:
        assert not (tmp / "nowhere").exists()

    # an unknown id is refused before the missing ledger folder would be created
    return Expect(["resolve", FAKE_ID, *paths, "--verdict", "a-correct", "--note", "x",
                   "--ledger", "nowhere/claims.yaml"], 2, name=FAKE_ID, words=("unknown finding",), check=check)


# ---------------------------------------------------------------------------- the matrix

PARAMS = [pytest.param(name, marks=MARKS[name], id=name) for name in CASES]


@pytest.mark.parametrize("name", PARAMS)
def test_hostile(name: str, tmp_path: Path) -> None:
    expect = CASES[name](tmp_path)
    thread = None
    if expect.background:
        thread = threading.Thread(target=expect.background, daemon=True)
        thread.start()
    started = time.perf_counter()
    proc = run_cli(expect.args, tmp_path, stdin=expect.stdin, timeout=expect.timeout,
                   memory_limit=expect.memory_limit)
    elapsed = time.perf_counter() - started
    if thread:
        thread.join(timeout=10)
    err = proc.stderr.decode("utf-8", "replace")
    where = f"{name}: exit {proc.returncode} after {elapsed:.1f} s; stderr: {err[:600]!r}"
    assert "Traceback" not in err, where
    assert proc.returncode == expect.code, where

    data = None
    if expect.stdout == "empty":
        assert proc.stdout == b"", where
    elif expect.stdout == "json":
        data = strict_json(proc.stdout)
        assert data["version"] == 1

    lines = err.splitlines()
    if expect.name is not None:  # an error row: exactly one line, naming the file and the problem
        assert len(lines) == 1, where
        line = lines[0]
        assert line.startswith("factcheck: error: "), where
        assert expect.name in line, where
        assert any(word in line.lower() for word in expect.words), where
        if expect.line:
            assert re.search(rf"{re.escape(expect.name)}:({'|'.join(map(str, expect.line))}):", line), where
    else:  # success: stderr holds nothing but warnings (and resolve's confirmation)
        assert all(line.startswith(("factcheck: warning: ", "factcheck: added ", "factcheck: replaced "))
                   for line in lines), where
    if expect.check:
        expect.check(proc, data)


def test_matrix_size() -> None:
    print(f"\nhostile matrix: {len(CASES)} rows")
    assert len(CASES) >= 60


# ---------------------------------------------------------------------------- determinism


def test_batch_json_is_deterministic(tmp_path: Path) -> None:
    """Byte-identical JSON across runs and across --jobs 1 and --jobs 2."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    outputs = []
    for jobs in ("1", "2", "1", "2"):
        proc = run_cli(["batch", "corpus", "--format", "json", "--jobs", jobs], tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(proc.stdout)
    assert json.loads(outputs[0])["groups"]
    assert all(out == outputs[0] for out in outputs[1:])


def test_check_json_is_deterministic(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    outputs = [run_cli(["check", "corpus", "--format", "json", "--jobs", jobs], tmp_path) for jobs in ("1", "2")]
    assert outputs[0].stdout and outputs[0].stdout == outputs[1].stdout
    assert outputs[0].stderr == outputs[1].stderr


def test_compare_json_is_deterministic(tmp_path: Path) -> None:
    shutil.copy(WEB_2023, tmp_path / "a.txt")
    shutil.copy(OCR_2023, tmp_path / "b.txt")
    runs = [run_cli(["compare", "a.txt", "b.txt", "--format", "json"], tmp_path).stdout for _ in range(2)]
    assert runs[0] and runs[0] == runs[1]


# ------------------------------------------------------------------------ fuzz regressions


def _fuzz_target() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_pipeline", ROOT / "fuzz" / "fuzz_pipeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Inputs that once reached corners of the pipeline, kept next to the fuzzer's finds.
HAND_MADE = {
    "only_bom": b"\xef\xbb\xbf",
    "utf16_bom_only": b"\xff\xfe",
    "utf16_odd_length": b"\xff\xfe" + "投入1.38亿元".encode("utf-16-le") + b"\x00",
    "lone_question_pinyin": "?lián)?".encode() * 50,
    "unclosed_pinyin": ("樹(shùshù" * 200).encode(),
    "digits_and_units": ("1亿2万3千" * 300).encode(),
    "html_only_tags": b"<html><body><p></p></body></html>",
    "gb18030_four_byte": "\U00020000投入1.38亿元".encode("gb18030"),
    "surrogates_in_utf8": b"\xed\xa0\x80" + "投入1.38亿元".encode(),
}


def _fuzz_inputs() -> list[Any]:
    found = sorted(FUZZ_CASES.glob("*.bin")) if FUZZ_CASES.is_dir() else []
    params = [pytest.param(path.read_bytes(), id=f"fuzz-{path.name}") for path in found if path.is_file()]
    return params + [pytest.param(data, id=name) for name, data in HAND_MADE.items()]


@pytest.mark.parametrize("data", _fuzz_inputs())
def test_fuzz_regressions(data: bytes) -> None:
    _fuzz_target().check_one(data)  # raises on anything but a FactcheckError


def test_fuzz_seed_corpus_is_small() -> None:
    seeds = [p for p in (ROOT / "fuzz" / "corpus").iterdir() if p.is_file()]
    assert 0 < len(seeds) <= 20
    assert sum(p.stat().st_size for p in seeds) < 100_000

