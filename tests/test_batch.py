"""`factcheck batch` on a generated download folder: grouping, errors, contradictions, determinism.

The folder (``tests/batch_folder.py``) holds 44 distinct articles on one topic, each in 2-5
versions (the clean text plus mirror and OCR versions with planted figure changes), in
nested subfolders with uninformative names and mixed encodings, and three bad files.

Grouping is measured over all readable documents; a document that batch left alone
(``singles``) or could not read forms a group of its own.

* purity: the share of documents whose group's majority article is their own article
  (a group that merges two articles makes the minority's documents impure);
* completeness: the share of documents that sit in the group holding the most documents of
  their article (an article split over two groups makes the smaller part incomplete).

Contradictions are measured as in ``test_generated_pairs`` (its matching functions are
imported): for every group whose reference (``documents[0]``) is the clean version of an
article, the findings against each derived version of that article (``b_doc``) are matched
to that version's truths by the overlap of the reference figure's span with ``a_span``.
Groups whose reference is a derived version are counted and left out of the rates.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from factcheck.batch import batch_folder
from factcheck.models import BatchResult

from .batch_folder import FolderTruth, make_folder
from .test_generated_pairs import tally

MIN_PURITY = 0.98
MIN_COMPLETENESS = 0.98
MIN_PRECISION = 0.97
MIN_RECALL = 0.95


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> FolderTruth:
    return make_folder(tmp_path_factory.mktemp("batch") / "downloads")


@pytest.fixture(scope="session")
def result(folder: FolderTruth) -> BatchResult:
    return batch_folder([str(folder.root)], jobs=2)


def _groups(folder: FolderTruth, result: BatchResult) -> list[list[str]]:
    """Every readable document in exactly one group (relative paths); singles and
    documents batch did not report at all make groups of one."""
    groups = [[folder.relpath(d.path) for d in g.documents] for g in result.groups]
    placed = {p for g in groups for p in g}
    groups += [[p] for p in folder.documents if p not in placed]
    return groups


def grouping(folder: FolderTruth, result: BatchResult) -> dict[str, float]:
    groups = _groups(folder, result)
    article = {p: folder.files[p].article for p in folder.documents}
    pure = 0
    home: dict[int, Counter[int]] = defaultdict(Counter)  # article -> group index -> documents
    for index, members in enumerate(groups):
        counts = Counter(article[p] for p in members)
        majority = max(counts.values())
        pure += majority
        for a, n in counts.items():
            home[a][index] += n
    complete = sum(max(by_group.values()) for by_group in home.values())
    n = len(article)
    return {
        "documents": n,
        "articles": len(home),
        "groups": len([g for g in groups if len(g) > 1]),
        "alone": len([g for g in groups if len(g) == 1]),
        "purity": pure / n,
        "completeness": complete / n,
    }


def contradictions(folder: FolderTruth, result: BatchResult) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for group in result.groups:
        reference = folder.files[folder.relpath(group.documents[0].path)]
        for k, document in enumerate(group.documents[1:], 1):
            version = folder.files[folder.relpath(document.path)]
            if version.article != reference.article:
                counts["other_article"] += 1  # a grouping error: no truths to match
                continue
            if reference.pair is not None:
                counts["derived_reference"] += 1
                continue
            assert version.pair is not None  # one clean version per article
            counts["versions"] += 1
            tally(counts, version.pair.truths, group.report_for(k))
    return {
        "versions": counts["versions"],
        "derived_reference": counts["derived_reference"],
        "other_article": counts["other_article"],
        "planted": counts["contradiction:total"],
        "reported": counts["reported"],
        "precision": counts["true_positive"] / max(1, counts["reported"]),
        "recall": counts["contradiction:contradiction"] / max(1, counts["contradiction:total"]),
        "damaged": counts["damaged:damaged"] / max(1, counts["damaged:total"]),
    }


def _rounded(m: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in m.items()}


def test_folder_is_large_and_mixed(folder: FolderTruth) -> None:
    kinds = Counter(t.kind for t in folder.files.values())
    encodings = Counter(t.encoding for t in folder.files.values())
    assert len(folder.documents) >= 200 and len(folder.articles) >= 40
    assert kinds["mirror"] >= 40 and kinds["ocr"] >= 40 and 2 <= kinds["bad"] <= 3
    assert {"utf-8", "utf-8-sig", "gb18030"} <= set(encodings) and encodings["big5"] + encodings["big5hkscs"] > 0
    versions = Counter(t.article for t in folder.files.values() if t.article is not None)
    assert set(versions.values()) == {2, 3, 4, 5}


def test_grouping_purity_and_completeness(folder: FolderTruth, result: BatchResult) -> None:
    m = grouping(folder, result)
    print("\nbatch grouping:", _rounded(m))
    assert m["purity"] >= MIN_PURITY
    assert m["completeness"] >= MIN_COMPLETENESS


def test_clean_version_is_the_reference(folder: FolderTruth, result: BatchResult) -> None:
    references = [folder.files[folder.relpath(g.documents[0].path)] for g in result.groups]
    derived = [r.relpath for r in references if r.pair is not None]
    print(f"\nbatch references: {len(references) - len(derived)} clean, {len(derived)} derived {derived}")
    assert len(derived) <= 0.05 * len(references)


def test_bad_files_are_errors_and_the_rest_is_checked(folder: FolderTruth, result: BatchResult) -> None:
    assert sorted(folder.relpath(e.path) for e in result.errors) == folder.bad
    checked = [folder.relpath(d.path) for g in result.groups for d in g.documents]
    checked += [folder.relpath(p) for p in result.singles]
    assert sorted(checked) == folder.documents


def test_encodings_are_detected(folder: FolderTruth, result: BatchResult) -> None:
    """Every document is decoded in the encoding it was written in (docs/cli.md: inputs in UTF-8
    with or without BOM, GB18030 or Big5, detected automatically). The Big5 versions hold
    pinyin tone letters, which only Big5-HKSCS encodes."""
    family = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gb18030": "gb18030", "big5": "big5", "big5hkscs": "big5"}
    read = {folder.relpath(d.path): d.encoding for g in result.groups for d in g.documents}
    wrong = []
    for path in folder.documents:
        truth = folder.files[path]
        got = read.get(path)
        if got is None:  # a single: read it again to see how it was decoded
            from factcheck.pipeline import load_document

            got = load_document(str(folder.root / path)).encoding
        if not got.replace("-sig", "").startswith(family[truth.encoding]):
            wrong.append(f"{path}: written {truth.encoding}, read {got}")
    assert not wrong, "\n".join(wrong)


def test_contradiction_precision_and_recall(folder: FolderTruth, result: BatchResult) -> None:
    m = contradictions(folder, result)
    print("\nbatch contradictions:", _rounded(m))
    assert m["versions"] >= 100
    assert m["precision"] >= MIN_PRECISION
    assert m["recall"] >= MIN_RECALL


def test_same_result_with_one_and_two_jobs(folder: FolderTruth, result: BatchResult) -> None:
    one = batch_folder([str(folder.root)], jobs=1)
    assert json.dumps(one.to_dict(), sort_keys=True) == json.dumps(result.to_dict(), sort_keys=True)


def test_folder_is_deterministic(tmp_path: Path, folder: FolderTruth) -> None:
    again = make_folder(tmp_path / "again")
    assert sorted(again.files) == sorted(folder.files)
    for name in folder.files:
        assert (again.root / name).read_bytes() == (folder.root / name).read_bytes()
