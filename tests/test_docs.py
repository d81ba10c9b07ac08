"""The documentation keeps up with the code.

- every command and option of the CLI is in docs/cli.md, under that command's heading;
- the JSON Schema in factcheck/schema/ validates what the commands really print, and its
  ``additionalProperties: false`` catches a field nobody documented;
- every field the schema names is explained in docs/json.md, and the schema's
  vocabularies (statuses, kinds, qualifiers, damage kinds) are the models' own;
- relative links in the Markdown files point at files that exist, and nothing in the
  project refers to the planning notes kept outside the repository.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.batch import batch_folder
from factcheck.cli import cli
from factcheck.models import DamageKind, Kind, Qualifier, Status
from factcheck.report import RenderOptions, reporter
from factcheck.schema import schema_path

from .conftest import CORPUS, OCR_2023, WEB_2023

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CLI_MD = DOCS / "cli.md"
JSON_MD = DOCS / "json.md"


# --- (a) the CLI reference -------------------------------------------------------------


def cli_sections() -> dict[str, str]:
    """docs/cli.md cut at its level-2 headings: heading text -> the text under it."""
    text = CLI_MD.read_text(encoding="utf-8")
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.M)
    return {heading.strip("` "): body for heading, body in zip(parts[1::2], parts[2::2])}


def long_options(command: click.Command) -> Iterator[tuple[click.Option, str]]:
    for param in command.params:
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                if name.startswith("--"):
                    yield param, name


COMMANDS = sorted(cli.commands)


def test_every_command_has_a_section() -> None:
    sections = cli_sections()
    missing = [name for name in COMMANDS if f"factcheck {name}" not in sections]
    assert not missing, f"docs/cli.md has no '## factcheck <command>' heading for {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented_under_its_command(name: str) -> None:
    section = cli_sections().get(f"factcheck {name}", "")
    command = cli.commands[name]
    missing = [opt for _, opt in long_options(command) if f"`{opt}`" not in section]
    assert not missing, f"docs/cli.md, section 'factcheck {name}', does not list {missing}"
    # Every choice a Choice option offers (formats, colours, verdicts) is named there too.
    for param, opt in long_options(command):
        if isinstance(param.type, click.Choice):
            absent = [c for c in param.type.choices if f"`{c}`" not in section and f"|{c}" not in section
                      and f"{c}|" not in section]
            assert not absent, f"docs/cli.md, section 'factcheck {name}', does not name {opt} {absent}"


def test_global_options_are_documented() -> None:
    section = cli_sections().get("Global options", "")
    missing = [opt for _, opt in long_options(cli) if f"`{opt}`" not in section]
    assert not missing, f"docs/cli.md, section 'Global options', does not list {missing}"


# --- (b) the schema validates real output ----------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def branch(schema: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A validator for one of the top-level forms (extract_output, compare_output, batch_output)."""
    only = {key: value for key, value in schema.items() if key != "oneOf"}
    only["$ref"] = f"#/$defs/{name}"
    return jsonschema.Draft202012Validator(only)


def runner() -> CliRunner:
    try:  # click 8.1 mixes stderr into stdout unless told not to; 8.2 keeps them apart
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run_json(*args: str) -> dict[str, Any]:
    result = runner().invoke(cli, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), f"factcheck {' '.join(args)} did not complete: {result.exit_code}"
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, dict[str, Any]]]:
    """Real output of every command, by case: (schema branch, JSON)."""
    tmp = tmp_path_factory.mktemp("docs")
    claims = str(ROOT / "claims")
    found: dict[str, tuple[str, dict[str, Any]]] = {
        "extract": ("extract_output", run_json("extract", str(WEB_2023))),
        "compare": ("compare_output", run_json("compare", str(WEB_2023), str(OCR_2023))),
        "batch": ("batch_output", run_json("batch", str(CORPUS), "--jobs", "1")),
        "check": ("batch_output", run_json("check", str(CORPUS), "--ledger", claims, "--jobs", "1")),
        "check two files": ("batch_output", run_json("check", str(WEB_2023), str(OCR_2023), "--ledger", claims)),
    }
    # A ledger with a stale ruling, an expired one and one with a history, so that those
    # records are checked too.
    first_id, second_id = (f["id"] for f in found["check two files"][1]["groups"][0]["findings"][:2])
    ledger = tmp / "ledger.yaml"
    ledger.write_text(
        "version: 1\nresolutions:\n"
        "  - id: fc-0000000000\n    verdict: accepted\n    note: matches nothing\n    by: desk\n"
        "    date: 2026-01-02\n"
        f"  - id: {first_id}\n    verdict: b-correct\n    note: ruled long ago\n    date: 1999-12-01\n"
        "    expires: 2000-01-01\n"
        f"  - id: {second_id}\n    verdict: a-correct\n    note: second thoughts\n    date: 2026-01-03\n"
        "    history:\n      - verdict: b-correct\n        note: first thoughts\n        by: desk\n"
        "        date: 2026-01-02\n        replaced: 2026-01-03\n",
        encoding="utf-8",
    )
    found["check, stale and expired"] = (
        "batch_output", run_json("check", str(WEB_2023), str(OCR_2023), "--ledger", str(ledger)))
    # Three versions of one article, one with a changed figure: a group with consensus.
    three = tmp / "three"
    three.mkdir()
    ocr = OCR_2023.read_text(encoding="utf-8")
    (three / "a.txt").write_text(WEB_2023.read_text(encoding="utf-8"), encoding="utf-8")
    (three / "b.txt").write_text(ocr, encoding="utf-8")
    (three / "c.txt").write_text(ocr.replace("1.38 亿元", "1.83 亿元"), encoding="utf-8")
    found["batch of three"] = ("batch_output", run_json("batch", str(three), "--jobs", "1"))
    return found


CASES = ["extract", "compare", "batch", "check", "check two files", "check, stale and expired", "batch of three"]


@pytest.mark.parametrize("case", CASES)
def test_schema_validates_real_output(schema: dict[str, Any], outputs: dict[str, Any], case: str) -> None:
    name, data = outputs[case]
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"{case}: " + "; ".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5])
    branch(schema, name).validate(data)  # and it is the form documented for that command


def test_the_cases_reach_every_record(outputs: dict[str, Any]) -> None:
    """The real outputs above exercise the optional records, so the schema's rules for them are tested."""
    _, check = outputs["check"]
    _, ruled = outputs["check, stale and expired"]
    _, three = outputs["batch of three"]
    assert check["resolved"] and check["singles"], "check on the corpus: rulings applied, single files listed"
    assert any(f.get("resolution") for g in check["groups"] for f in g["findings"])
    assert ruled["stale"] and ruled["expired"], "the made-up ledger gives a stale and an expired ruling"
    assert any((f.get("resolution") or {}).get("history") for g in ruled["groups"] for f in g["findings"])
    assert three["groups"] and three["groups"][0].get("consensus"), "three versions give a consensus"
    _, extract = outputs["extract"]
    assert extract["document"]["damage"], "the web mirror has damage records"


def test_python_api_matches_the_schema(schema: dict[str, Any]) -> None:
    from factcheck import compare_texts

    report = compare_texts("5年来投入资金1.38亿元,覆盖840余万人。", "5年来投入資金1.83億元,覆蓋840多萬人。")
    branch(schema, "compare_output").validate(json.loads(report.to_json()))


# --- (c) the schema rejects what nobody documented ----------------------------------------


def test_schema_rejects_an_undocumented_figure_field(schema: dict[str, Any], outputs: dict[str, Any]) -> None:
    _, data = outputs["extract"]
    bad = copy.deepcopy(data)
    bad["figures"][0]["confidence"] = 0.9
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid(bad)
    assert not branch(schema, "extract_output").is_valid(bad)
    assert any("confidence" in e.message for e in branch(schema, "extract_output").iter_errors(bad))


@pytest.mark.parametrize("where", ["document", "finding", "group"])
def test_schema_rejects_undocumented_fields_elsewhere(schema: dict[str, Any], outputs: dict[str, Any],
                                                      where: str) -> None:
    _, data = outputs["batch"]
    bad = copy.deepcopy(data)
    group = bad["groups"][0]
    target = {"document": group["documents"][0], "finding": group["findings"][0], "group": group}[where]
    target["extra"] = True
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_schema_accepts_the_fields_of_0_2(schema: dict[str, Any], outputs: dict[str, Any]) -> None:
    """The fields being added in 0.2 are optional and typed: a report with them validates,
    one with a wrong type does not."""
    _, data = outputs["compare"]
    new = copy.deepcopy(data)
    new["documents"][0]["date"] = "2023-12-06"
    new["documents"][1]["date"] = None
    finding = next(f for f in new["findings"] if f["a"] and f["b"])
    finding["match"] = "claim"
    finding["a"].update(interval=[11450, 11550], reading=None, value_high=None, scope="past 5 years", kind="points")
    finding["b"].update(interval=[4500000, None], reading="120亿元", value_high=50000.0, scope=None, kind="multiple")
    validator = branch(schema, "compare_output")
    validator.validate(new)
    for field, wrong in (("interval", [1, 2, 3]), ("interval", ["a", 1]), ("kind", "fraction"),
                         ("qualifier", "about"), ("reading", 120)):
        bad = copy.deepcopy(new)
        next(f for f in bad["findings"] if f.get("match"))["a"][field] = wrong
        assert not validator.is_valid(bad), f"{field}={wrong!r} should not validate"
    story = {"groups": ["g1"], "singles": ["x.txt"], "documents": ["a.txt", "x.txt"], "findings": [],
             "summary": outputs["batch"][1]["summary"]}
    stories = dict(copy.deepcopy(outputs["batch"][1]), stories=[story])
    branch(schema, "batch_output").validate(stories)


def test_real_stories_and_report_mode_validate(schema: dict[str, Any]) -> None:
    """batch on real reports of two events (versions, stories, claim findings) and compare on
    two different reports of one event print what the schema describes."""
    from factcheck.pipeline import compare_files

    from .events import EVENTS

    result = batch_folder([str(EVENTS / "migrant-workers-2013"), str(EVENTS / "grain-output-2022")], jobs=1)
    data = json.loads("".join(reporter("json").render_batch(result, RenderOptions(command="batch"))))
    assert data["stories"] and any(f["match"] == "claim" for s in data["stories"] for f in s["findings"])
    branch(schema, "batch_output").validate(data)
    report = compare_files(str(EVENTS / "migrant-workers-2013/1.txt"), str(EVENTS / "migrant-workers-2013/5.txt"))
    data = json.loads(report.to_json())
    assert data["mode"] == "reports"
    branch(schema, "compare_output").validate(data)


def test_schema_vocabularies_are_the_models(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert set(defs["status"]["enum"]) == {s.value for s in Status}
    assert set(defs["figure"]["properties"]["qualifier"]["enum"]) == {q.value for q in Qualifier}
    assert {k.value for k in Kind} <= set(defs["figure"]["properties"]["kind"]["enum"])
    assert {d.value for d in DamageKind} == set(defs["damage"]["properties"]["kind"]["enum"])
    assert set(defs["summary"]["required"]) == {s.value for s in Status}


def test_json_md_explains_every_field(schema: dict[str, Any]) -> None:
    text = JSON_MD.read_text(encoding="utf-8")
    missing = []
    for name, definition in schema["$defs"].items():
        for field in definition.get("properties", {}):
            if f"`{field}`" not in text:
                missing.append(f"{name}.{field}")
    assert not missing, f"docs/json.md does not explain {missing}"


# --- (d) links, and no references outside the repository ---------------------------------

_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)
_CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.M | re.S)


def markdown_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]
    return [f for f in files if f.exists()]


def test_docs_exist() -> None:
    names = {f.name for f in DOCS.glob("*.md")}
    expected = {"README.md", "cli.md", "json.md", "statuses.md", "ledger.md", "architecture.md", "reporters.md"}
    assert expected <= names
    assert (ROOT / "CONTRIBUTING.md").exists() and (ROOT / "CHANGELOG.md").exists()


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_at_files(path: Path) -> None:
    text = _CODE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for match in _LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # a URL or an anchor in the same page
        file = (path.parent / target.split("#", 1)[0]).resolve()
        if not file.exists() or ROOT not in (file, *file.parents):
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


# Spelled in pieces so that this file does not match itself.
OUTSIDE_NOTES = ("SPEC" + ".md", ".." + "/shared")
SCANNED = ("factcheck", "tests", "docs", "benchmarks", "fuzz", "scripts")
SCANNED_FILES = ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "pyproject.toml", "setup.cfg")


def project_text_files() -> Iterator[Path]:
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("tests/cases/") or "__pycache__" in path.parts or not path.is_file():
                continue
            yield path
    for name in SCANNED_FILES:
        if (ROOT / name).exists():
            yield ROOT / name


def test_nothing_refers_to_notes_outside_the_repository() -> None:
    found = []
    for path in project_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary seeds and data
        for word in OUTSIDE_NOTES:
            if word in text:
                line = text.count("\n", 0, text.index(word)) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {word}")
    assert not found, "the project must stand on its own docs: " + ", ".join(found)
