"""The claims/ ledger: reading with file and line for every refusal, and in-place atomic writes."""

from __future__ import annotations

import datetime
import difflib
import random
import time
from pathlib import Path

import pytest

from factcheck import files
from factcheck.errors import LedgerError
from factcheck.ledger import (
    MAX_BYTES,
    Ledger,
    apply_resolution,
    load_ledger,
    parse_ledger,
    resolution_file,
    split_live,
    write_resolution,
)

DAY = datetime.date(2026, 11, 21)

COMMENTED = """\
# Rulings for the Henan union stories.
# Keep one entry per finding id.
version: 1   # ledger format

resolutions:
  # 2023 five-year review
  - id: fc-3f2a9c1e7b
    verdict: b-correct        # a-correct | b-correct | both-correct | accepted
    note: Desk confirmed 1.83亿 with the provincial federation
    by: night desk
    date: 2026-11-20
    expires: 2027-06-30       # optional; an expired resolution counts as unresolved again

  - id: fc-00000000aa
    verdict: accepted
    note: |
      OCR cut the figure;
      the print page is right.
    date: 2026-11-19
  # end of the 2023 review
"""

ENTRY = "  - id: fc-3f2a9c1e7b\n    verdict: b-correct\n    note: ok\n"
GOOD = "version: 1\nresolutions:\n" + ENTRY  # the entry starts on line 3


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def changed_lines(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    """The non-equal blocks between two texts, line by line: (tag, old lines, new lines)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


# ---------------------------------------------------------------------------- reading


def test_a_folder_of_ledgers_merges_in_name_order(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write(claims / "b.yml", "version: 1\nresolutions:\n  - id: fc-00000000bb\n    verdict: accepted\n    note: b\n")
    write(claims / "a.yaml", COMMENTED)
    write(claims / "notes.txt", "not a ledger: [")
    write(claims / "old" / "c.yaml", "not read: [")  # not recursive
    write(claims / "empty.yaml", "# nothing ruled yet\n")

    ledger = load_ledger(claims)

    assert ledger.files == tuple(str(claims / name) for name in ("a.yaml", "b.yml", "empty.yaml"))
    assert list(ledger.resolutions) == ["fc-3f2a9c1e7b", "fc-00000000aa", "fc-00000000bb"]
    first = ledger.resolutions["fc-3f2a9c1e7b"]
    assert (first.verdict, first.by, first.date, first.expires) == (
        "b-correct",
        "night desk",
        "2026-11-20",
        "2027-06-30",
    )
    assert (first.source, first.line) == (str(claims / "a.yaml"), 7)
    assert first.note == "Desk confirmed 1.83亿 with the provincial federation"
    assert ledger.resolutions["fc-00000000aa"].note == "OCR cut the figure;\nthe print page is right.\n"
    assert ledger.resolutions["fc-00000000bb"].source == str(claims / "b.yml")


def test_no_ledger_is_an_empty_ledger_but_a_missing_file_is_an_error(tmp_path: Path) -> None:
    assert load_ledger(None) == Ledger()
    assert load_ledger(tmp_path / "claims") == Ledger()
    assert load_ledger(write(tmp_path / "blank.yaml", "")).resolutions == {}
    with pytest.raises(LedgerError, match="not found") as caught:
        load_ledger(tmp_path / "claims.yaml")
    assert caught.value.path == str(tmp_path / "claims.yaml")


def test_dates_may_be_quoted_and_expires_may_be_empty() -> None:
    (resolution,) = parse_ledger(GOOD + "    date: '2026-11-20'\n    expires:\n")
    assert (resolution.date, resolution.expires) == ("2026-11-20", None)


BAD = [
    # label, text, line, words the message must contain
    ("unparsable", "version: 1\nresolutions:\n  - id: [fc\n", 4, "not valid YAML"),
    ("tab indentation", "version: 1\nresolutions:\n\t- id: x\n", 3, "not valid YAML"),
    ("a list, not a mapping", "- version: 1\n", 1, "not a ledger"),
    ("a plain string", "just some words\n", 1, "not a ledger"),
    ("no version", "resolutions: []\n", 1, "add 'version: 1'"),
    ("version 2", "version: 2\nresolutions: []\n", 1, "unsupported version 2"),
    ("version as text", "version: '1'\n", 1, "unsupported version '1'"),
    ("unknown top key", "version: 1\nresolution: []\n", 2, "unknown key 'resolution'"),
    ("resolutions a mapping", "version: 1\nresolutions:\n  id: fc-3f2a9c1e7b\n", 3, "must be a list"),
    ("entry a string", "version: 1\nresolutions:\n  - fc-3f2a9c1e7b\n", 3, "must be a mapping"),
    ("no id", "version: 1\nresolutions:\n  - verdict: accepted\n    note: x\n", 3, "no 'id'"),
    ("no verdict", "version: 1\nresolutions:\n  - id: fc-3f2a9c1e7b\n    note: x\n", 3, "no 'verdict'"),
    ("no note", "version: 1\nresolutions:\n  - id: fc-3f2a9c1e7b\n    verdict: accepted\n", 3, "no 'note'"),
    ("id upper case", GOOD.replace("fc-3f2a9c1e7b", "fc-3F2A9C1E7B"), 3, "bad id 'fc-3F2A9C1E7B'"),
    ("id too short", GOOD.replace("fc-3f2a9c1e7b", "fc-3f2a9c"), 3, "10 lowercase hex"),
    (
        "unknown verdict",
        GOOD.replace("b-correct", "b-right"),
        4,
        "unknown verdict 'b-right' (use a-correct, b-correct, both-correct or accepted)",
    ),
    ("empty note", GOOD.replace("note: ok", "note: ''"), 5, "empty note"),
    ("blank note", GOOD.replace("note: ok", "note: '   '"), 5, "empty note"),
    ("note a number", GOOD.replace("note: ok", "note: 12"), 5, "note must be text"),
    ("by a boolean", GOOD + "    by: yes\n", 6, "put it in quotes"),
    ("date not a day", GOOD + "    date: 2026-02-30\n", 6, "bad date '2026-02-30'"),
    ("date as text", GOOD + "    date: yesterday\n", 6, "bad date 'yesterday'"),
    ("date with a time", GOOD + "    date: 2026-11-20 08:00:00\n", 6, "bad date"),
    ("quoted bad date", GOOD + "    date: '2026-13-01'\n", 6, "bad date '2026-13-01'"),
    ("expires compact", GOOD + "    expires: 20270630\n", 6, "bad expires"),
    ("unknown entry key", GOOD + "    verdcit: accepted\n", 6, "unknown key 'verdcit'"),
    ("duplicate key in entry", GOOD + "    note: again\n", 6, "duplicate key 'note' (first at line 5)"),
    ("duplicate top key", "version: 1\nversion: 1\n", 2, "duplicate key 'version'"),
    ("duplicate id", GOOD + ENTRY, 6, "first at {path}:3"),
    ("python object tag", GOOD + "    by: !!python/object/apply:os.system ['echo pwned']\n", 6, "unsupported tag"),
    ("python name tag", GOOD + "    by: !!python/name:os.system ''\n", 6, "!!python/name:os.system"),
    ("tagged mapping", "version: 1\nresolutions: !!python/object:argparse.Namespace {}\n", 2, "unsupported tag"),
    ("local tag", GOOD + "    by: !editor night desk\n", 6, "unsupported tag !editor"),
    ("bad explicit int", "version: !!int one\n", 1, "cannot read 'one' as !!int"),
    ("anchor", GOOD + "    by: &desk night desk\n", 6, "anchor or alias"),
    ("alias", "version: 1\nx: &a [1]\nresolutions: *a\n", 2, "anchor or alias"),
    ("merge key", GOOD + "    <<: {by: night desk}\n", 6, "merge key"),
    ("two documents", GOOD + "---\nversion: 1\n", 6, "more than one YAML document"),
    ("control character", GOOD + "    by: night\x07desk\n", 6, "U+0007"),
    ("deep nesting", "version: 1\nresolutions: " + "[" * 40 + "]" * 40 + "\n", 2, "nested too deeply"),
]


@pytest.mark.parametrize(("text", "line", "words"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_malformed_ledger_is_refused_with_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    write(tmp_path / "claims" / "a.yaml", GOOD.replace("fc-3f2a9c1e7b", "fc-aaaaaaaaaa"))
    bad = write(tmp_path / "claims" / "b.yaml", text)
    with pytest.raises(LedgerError) as caught:
        load_ledger(tmp_path / "claims")
    assert (caught.value.path, caught.value.line) == (str(bad), line)
    assert words.format(path=bad) in caught.value.message
    assert "\n" not in str(caught.value)


def test_an_id_ruled_in_two_files_names_the_first(tmp_path: Path) -> None:
    first = write(tmp_path / "claims" / "2025.yaml", "version: 1\nresolutions:\n\n" + ENTRY)
    second = write(tmp_path / "claims" / "2026.yaml", GOOD)
    with pytest.raises(LedgerError, match=f"duplicate id fc-3f2a9c1e7b \\(first at {first}:4\\)") as caught:
        load_ledger(tmp_path / "claims")
    assert (caught.value.path, caught.value.line) == (str(second), 3)


def test_undecodable_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "gbk.yaml", GOOD.encode() + "    by: 夜班\n".encode("gbk"))
    with pytest.raises(LedgerError, match="not UTF-8") as caught:
        load_ledger(bad)
    assert (caught.value.path, caught.value.line) == (str(bad), 6)


def test_a_ledger_over_16_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    huge = write(tmp_path / "huge.yaml", GOOD.encode() + b"#" * MAX_BYTES)
    with pytest.raises(LedgerError, match="16 MiB") as caught:
        load_ledger(huge)
    assert caught.value.path == str(huge)


def test_a_10_mb_ledger_loads_in_reasonable_time(tmp_path: Path) -> None:
    note = "省总工会核实：" + "2023年全省工会筹集帮扶资金1.83亿元，" * 80
    entry = '  - id: fc-{:010x}\n    verdict: accepted\n    note: "{}"\n    by: night desk\n    date: 2026-11-20\n'
    count = 10_000_000 // len(entry.format(0, note).encode())
    text = "version: 1\nresolutions:\n" + "".join(entry.format(i, note) for i in range(count))
    path = write(tmp_path / "big.yaml", text)
    assert 9_500_000 < path.stat().st_size < MAX_BYTES

    started = time.perf_counter()
    ledger = load_ledger(path)
    assert time.perf_counter() - started < 5
    assert len(ledger.resolutions) == count


def test_an_expired_resolution_is_unresolved_again() -> None:
    text = (
        "version: 1\nresolutions:\n"
        "  - {id: fc-000000000a, verdict: accepted, note: past, expires: 2026-11-20}\n"
        "  - {id: fc-000000000b, verdict: accepted, note: today, expires: 2026-11-21}\n"
        "  - {id: fc-000000000c, verdict: accepted, note: forever}\n"
    )
    ledger = Ledger({r.id: r for r in parse_ledger(text)})
    live, expired = split_live(ledger, DAY)
    assert sorted(live) == ["fc-000000000b", "fc-000000000c"]
    assert [r.id for r in expired] == ["fc-000000000a"]


# ---------------------------------------------------------------------------- writing


def resolve(path: Path, id: str = "fc-1234567890", **changes: object) -> str:
    fields: dict[str, object] = {"verdict": "a-correct", "note": "Checked with the desk", "by": "editor", "date": DAY}
    fields.update(changes)
    return write_resolution(path, id=id, **fields)  # type: ignore[arg-type]


def test_adding_keeps_every_line_and_comment_in_order(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)

    assert resolve(path) == "added"

    new = path.read_text(encoding="utf-8")
    assert changed_lines(COMMENTED, new) == [
        (
            "insert",
            [],
            [
                "  - id: fc-1234567890\n",
                "    verdict: a-correct\n",
                '    note: "Checked with the desk"\n',
                '    by: "editor"\n',
                "    date: 2026-11-21\n",
            ],
        )
    ]
    assert new.index("fc-1234567890") > new.index("the print page is right.")
    assert list(load_ledger(path).resolutions) == ["fc-3f2a9c1e7b", "fc-00000000aa", "fc-1234567890"]


def test_an_existing_ruling_is_refused_without_replace_and_the_file_is_untouched(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)
    with pytest.raises(LedgerError) as caught:
        resolve(path, "fc-3f2a9c1e7b", verdict="a-correct", note="A was right after all")
    message = str(caught.value)
    assert "\n" not in message and "--replace" in message
    # the earlier editor's ruling is shown: verdict, note, by and date
    for shown in ("b-correct", "Desk confirmed 1.83亿", "night desk", "2026-11-20"):
        assert shown in message
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_replacing_changes_only_that_entry_keeps_its_comments_and_expiry_and_the_old_ruling(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)

    assert resolve(path, "fc-3f2a9c1e7b", verdict="a-correct", note="A was right after all", by=None,
                   replace=True) == "replaced"

    new = path.read_text(encoding="utf-8")
    assert changed_lines(COMMENTED, new) == [
        (
            "replace",
            [
                "    verdict: b-correct        # a-correct | b-correct | both-correct | accepted\n",
                "    note: Desk confirmed 1.83亿 with the provincial federation\n",
                "    by: night desk\n",
                "    date: 2026-11-20\n",
            ],
            [
                "    verdict: a-correct        # a-correct | b-correct | both-correct | accepted\n",
                '    note: "A was right after all"\n',
                "    date: 2026-11-21\n",
            ],
        ),
        (
            "insert",
            [],
            [
                "    history:\n",
                "      - verdict: b-correct\n",
                '        note: "Desk confirmed 1.83亿 with the provincial federation"\n',
                '        by: "night desk"\n',
                "        date: 2026-11-20\n",
                "        replaced: 2026-11-21\n",
            ],
        ),
    ]
    ruling = load_ledger(path).resolutions["fc-3f2a9c1e7b"]
    assert (ruling.verdict, ruling.by, ruling.date, ruling.expires) == ("a-correct", None, "2026-11-21", "2027-06-30")
    (past,) = ruling.history
    assert (past.verdict, past.note, past.by, past.date, past.replaced) == (
        "b-correct", "Desk confirmed 1.83亿 with the provincial federation", "night desk", "2026-11-20", "2026-11-21")
    # a second replacement appends to the history, oldest first
    outcome = resolve(path, "fc-3f2a9c1e7b", verdict="both-correct", note="Both, on reflection", replace=True)
    assert outcome == "replaced"
    ruling = load_ledger(path).resolutions["fc-3f2a9c1e7b"]
    assert [p.verdict for p in ruling.history] == ["b-correct", "a-correct"]
    assert ruling.verdict == "both-correct"


def test_updating_a_block_scalar_note_and_adding_a_missing_key(tmp_path: Path) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)
    assert resolve(path, "fc-00000000aa", note="Print page wins", by="day desk", replace=True) == "replaced"
    new = path.read_text(encoding="utf-8")
    assert new.endswith(
        '  - id: fc-00000000aa\n    verdict: a-correct\n    note: "Print page wins"\n    date: 2026-11-21\n'
        '    by: "day desk"\n    history:\n      - verdict: accepted\n'
        '        note: "OCR cut the figure;\\nthe print page is right.\\n"\n        date: 2026-11-19\n'
        '        replaced: 2026-11-21\n  # end of the 2023 review\n'
    )
    assert new.startswith(COMMENTED[: COMMENTED.index("  - id: fc-00000000aa")])


NOTES = [
    "key: value # not a comment \"double\" 'single'",
    "全省职工1.83亿元：核实无误\n第二行\tand a tab",
    "  leading and trailing spaces  ",
    "- looks like a list item",
    "null",
    "2026-11-20",
    "a\\b\\\\c \u2028 line separator \x85 next line \ufeff bom \x7f del",
    "emoji 🧾 and \U0002a6a5",
]


@pytest.mark.parametrize("note", NOTES)
def test_notes_round_trip_exactly(tmp_path: Path, note: str) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)
    resolve(path, note=note, by=note)
    ruling = load_ledger(path).resolutions["fc-1234567890"]
    assert (ruling.note, ruling.by) == (note, note)


TRICKY = ":#\"'\\-?|>&*!%@`{}[],~ \t\n\r\x00\x1b\x7f\x85\xa0\u2028\u2029\ufeff亿元：，。“”\U0001f9fe"


def test_random_notes_round_trip() -> None:
    rng = random.Random(20261121)
    for _ in range(100):
        note = "".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 30))) + "x"
        text, outcome = apply_resolution(GOOD, id="fc-3f2a9c1e7b", verdict="accepted", note=note, by=None, date=DAY,
                                         replace=True)
        assert outcome == "replaced"
        assert parse_ledger(text)[0].note == note


def test_a_new_file_gets_a_header_and_loads(tmp_path: Path) -> None:
    path = tmp_path / "claims" / "resolutions.yaml"
    path.parent.mkdir()
    assert resolve(path) == "added"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "version: 1\nresolutions:\n  - id: fc-1234567890\n" in text
    assert list(load_ledger(path.parent).resolutions) == ["fc-1234567890"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "version: 1\nresolutions: []   # none yet\n",
            "version: 1\nresolutions:   # none yet\n  - id: fc-1234567890\n",
        ),
        ("version: 1\nresolutions: ~\n", "version: 1\nresolutions:\n  - id: fc-1234567890\n"),
        ("version: 1\nresolutions:\n# later\n", "version: 1\nresolutions:\n  - id: fc-1234567890\n"),
        ("version: 1", "version: 1\nresolutions:\n  - id: fc-1234567890\n"),
        ("# nothing yet\n", "# nothing yet\nversion: 1\nresolutions:\n  - id: fc-1234567890\n"),
        (
            "version: 1\nresolutions:\n- id: fc-3f2a9c1e7b\n  verdict: accepted\n  note: x",
            "  note: x\n- id: fc-1234567890\n  verdict: a-correct\n",
        ),
    ],
    ids=["empty list", "null", "no entries", "no resolutions key", "comments only", "indentless, no final newline"],
)
def test_adding_to_a_ledger_without_entries(tmp_path: Path, before: str, after: str) -> None:
    path = write(tmp_path / "claims.yaml", before)
    assert resolve(path) == "added"
    assert after in path.read_text(encoding="utf-8")
    assert "fc-1234567890" in load_ledger(path).resolutions


def test_windows_line_endings_and_a_bom_are_kept(tmp_path: Path) -> None:
    original = "\ufeff" + COMMENTED.replace("\n", "\r\n")
    path = write(tmp_path / "claims.yaml", original.encode("utf-8"))
    resolve(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    ((tag, _, added),) = changed_lines(original, data.decode("utf-8"))
    assert tag == "insert"
    assert all(line.endswith("\r\n") for line in added)
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"verdict": "b-right"}, "unknown verdict 'b-right' (use a-correct, b-correct, both-correct or accepted)"),
        ({"id": "fc-XYZ"}, "bad id 'fc-XYZ'"),
        ({"note": "  "}, "empty note"),
    ],
)
def test_bad_rulings_are_refused_and_nothing_is_written(tmp_path: Path, changes: dict[str, str], words: str) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)
    with pytest.raises(LedgerError) as caught:
        resolve(path, **changes)
    assert words in caught.value.message
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_writing_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims" / "resolutions.yaml"
    with pytest.raises(LedgerError, match="folder does not exist") as caught:
        resolve(path)
    assert caught.value.path == str(path)
    assert not path.parent.exists()
    with pytest.raises(LedgerError, match="is a folder"):
        resolve(tmp_path)


def test_a_malformed_ledger_is_not_touched(tmp_path: Path) -> None:
    broken = COMMENTED.replace("verdict: accepted", "verdict: accepted\n    verdict: b-correct")
    path = write(tmp_path / "claims.yaml", broken)
    with pytest.raises(LedgerError, match="duplicate key 'verdict'") as caught:
        resolve(path)
    assert (caught.value.path, caught.value.line) == (str(path), 16)
    assert path.read_text(encoding="utf-8") == broken


def test_a_flow_style_list_is_refused_rather_than_rewritten(tmp_path: Path) -> None:
    text = "version: 1\nresolutions: [{id: fc-3f2a9c1e7b, verdict: accepted, note: x}]\n"
    path = write(tmp_path / "claims.yaml", text)
    with pytest.raises(LedgerError, match="flow style"):
        resolve(path)
    assert path.read_text(encoding="utf-8") == text


def test_a_crash_mid_write_leaves_the_old_ledger_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "claims.yaml", COMMENTED)

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(LedgerError, match="No space left on device"):
        resolve(path)
    assert path.read_bytes() == COMMENTED.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_resolve_writes_where_the_id_already_lives(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write(claims / "a.yaml", COMMENTED)
    write(claims / "b.yaml", "version: 1\nresolutions:\n  - id: fc-00000000bb\n    verdict: accepted\n    note: b\n")
    assert resolution_file(claims, "fc-00000000bb") == claims / "b.yaml"
    assert resolution_file(claims, "fc-1234567890") == claims / "resolutions.yaml"
    assert resolution_file(claims / "a.yaml", "fc-00000000bb") == claims / "a.yaml"
