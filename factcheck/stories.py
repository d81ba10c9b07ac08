"""Two levels of kinship between the documents of a folder: versions and stories.

*Versions* are one text republished (mirrors, scans, reposts with a lead of their own):
they share most of their shingles (``group.py``) and are compared by alignment. A *story*
is different reports of one event: other text, the same facts; its members are compared
by claim (``claims.py``). Two documents are linked

- as **versions** when the shared shingles are at least ``Tuning.version_containment`` of
  the smaller one, unless both name reporters and no name is shared (two reporters wrote
  two reports, however much of a press release they both quote);
- as **one story** when they share less text (at least ``Tuning.containment``), or no text
  but at least ``Tuning.story_figures`` distinctive figures that are
  ``Tuning.story_figure_share`` of the smaller one's, and are dated at most
  ``Tuning.story_days`` apart when both are dated;
- **not at all** when they speak of other periods (their dominant years differ: a yearly
  bulletin's template) and fewer than ``Tuning.template_figures`` of their figures are
  shared.

Groups are the connected sets of version links; stories the connected sets of groups
linked by story links. Text links come from the documents' signatures (``group.py``),
figure links from an inverted index of figures; no step compares all pairs of documents.
A profile is what linking needs of one document, a few hundred bytes: the process that
links a folder keeps one per document and never the documents.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, overload

import numpy as np

from .figures import digits_of
from .group import pair_counts
from .models import Analysis, Kind
from .tuning import DEFAULT_TUNING, Tuning
from .units import category

if TYPE_CHECKING:
    from numpy.typing import NDArray

# A year the text names (2022年), not as a comparison base (比2021年) nor in a full date (2023年1月17日).
_YEAR = re.compile(r"(?<![比较同0-9])((?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)")
_BYLINE = re.compile(r"(?:记者|采访人员)\s*([\u4e00-\u9fff]{2,3})(?=[)）\s、]|$)")
_NOT_FACTS = (Kind.YEAR, Kind.DATE, Kind.ORDINAL)

Fact = tuple[str, float]  # (counter category, base value to 3 significant digits)


@dataclass(frozen=True, slots=True)
class Profile:
    """What linking needs of one document, small enough to keep one per document of an archive."""

    figures: bytes  # the facts it states, hashed: sorted unsigned 32-bit values
    distinctive: bytes  # those with three or more significant digits, hashed the same way
    year: int | None  # the year it names most often (latest on a tie), else its date's year
    day: int | None  # its date as a day number, when it has one
    reporters: frozenset[str]  # names in its bylines (记者 王鑫)
    figure_count: int = 0  # figures read, of any kind: a story's reference is the member stating most

    def facts(self, distinctive: bool = False) -> NDArray[np.uint32]:
        return np.frombuffer(self.distinctive if distinctive else self.figures, dtype=np.uint32)


class Profiles(Sequence[Profile]):
    """Many documents' profiles, column by column: a few arrays rather than objects per
    document (about 350 bytes a document instead of 600), for the process that links an
    archive. Reading one gives a ``Profile`` back."""

    _NONE = 0  # no year, no day: neither is ever 0 (day numbers start at 1)

    def __init__(self) -> None:
        self._facts, self._distinctive = array("I"), array("I")
        self._ends = array("Q")  # where each document's facts end, then its distinctive ones
        self._years, self._days, self._counts = array("i"), array("i"), array("I")
        self._reporters: dict[int, frozenset[str]] = {}  # the few documents with bylines

    def append(self, p: Profile) -> None:
        self._facts.frombytes(p.figures)
        self._distinctive.frombytes(p.distinctive)
        self._ends.extend((len(self._facts), len(self._distinctive)))
        self._years.append(self._NONE if p.year is None else p.year)
        self._days.append(self._NONE if p.day is None else p.day)
        self._counts.append(p.figure_count)
        if p.reporters:
            self._reporters[len(self._years) - 1] = p.reporters

    def __len__(self) -> int:
        return len(self._years)

    @overload
    def __getitem__(self, i: int) -> Profile: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Profile]: ...

    def __getitem__(self, i: int | slice) -> Profile | Sequence[Profile]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        facts = slice(self._ends[2 * i - 2] if i else 0, self._ends[2 * i])
        distinctive = slice(self._ends[2 * i - 1] if i else 0, self._ends[2 * i + 1])
        year, day = self._years[i], self._days[i]
        return Profile(self._facts[facts].tobytes(), self._distinctive[distinctive].tobytes(),
                       None if year == self._NONE else year, None if day == self._NONE else day,
                       self._reporters.get(i, frozenset()), self._counts[i])


def _hashed(facts: set[Fact]) -> bytes:
    """Facts as sorted 32-bit hashes: four bytes each, where a set of tuples takes a hundred;
    two facts of a pair of documents collide about once in a billion."""
    return array("I", sorted({zlib.crc32(f"{name}|{value!r}".encode()) for name, value in facts})).tobytes()


def profile(analysis: Analysis) -> Profile:
    """The facts, period, date and reporters of an analysed document."""
    figures: set[Fact] = set()
    distinctive: set[Fact] = set()
    for f in analysis.figures:
        if f.value is None or f.kind in _NOT_FACTS or f.value == 0:
            continue
        name, factor = category(f.unit) if f.unit else (f.kind.value, 1.0)
        rounded = float(f"{f.value * factor:.3g}")
        figures.add((name, rounded))
        if len(digits_of(f).strip("0")) >= 3:  # 26894万人, 2.69亿, 32.7%; not 200万元 or 1.1%
            distinctive.add((name, rounded))
    doc = analysis.document
    years = Counter(int(y) for y in _YEAR.findall(doc.normalized.text))
    day = date.fromisoformat(doc.date).toordinal() if doc.date else None
    year = max(years, key=lambda y: (years[y], y)) if years else (int(doc.date[:4]) if doc.date else analysis.year)
    names = frozenset(_BYLINE.findall(doc.normalized.text))
    return Profile(_hashed(figures), _hashed(distinctive), year, day, names, len(analysis.figures))


def _share(a: Profile, b: Profile) -> float | None:
    """The share of the smaller's facts that both state (None when either states none)."""
    x, y = a.facts(), b.facts()
    if not len(x) or not len(y):
        return None
    return len(np.intersect1d(x, y, assume_unique=True)) / min(len(x), len(y))


class _Sets:
    """Union-find over documents or groups that remembers, for each set, the years its
    members name and the range of their dates, so that a link can be refused when it would
    join two periods (a yearly template) or reports dated too far apart."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.parent = list(range(len(profiles)))
        self._year = [p.year for p in profiles]
        self._day = [p.day for p in profiles]
        # A joined set's years and date range, at its root; a set of one reads its profile's
        # (no Counter per document: the driver of an archive holds these for every file).
        self._years: dict[int, Counter[int]] = {}
        self._days: dict[int, tuple[int, int] | None] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _years_of(self, root: int) -> Counter[int]:
        if root in self._years:
            return self._years[root]
        year = self._year[root]
        return Counter([year] if year is not None else [])

    def _days_of(self, root: int) -> tuple[int, int] | None:
        if root in self._days:
            return self._days[root]
        day = self._day[root]
        return (day, day) if day is not None else None

    def year(self, i: int) -> int | None:
        root = self.find(i)
        if root not in self._years:
            return self._year[root]
        years = self._years[root]
        return max(years, key=lambda y: (years[y], y)) if years else None

    def span(self, i: int, j: int) -> int:
        """Days between the earliest and the latest date of the two sets together (0 if undated)."""
        dated = [d for d in (self._days_of(self.find(i)), self._days_of(self.find(j))) if d is not None]
        return max(d[1] for d in dated) - min(d[0] for d in dated) if dated else 0

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self._years[keep] = self._years_of(keep) + self._years_of(gone)
        self._years.pop(gone, None)
        spans = [d for d in (self._days_of(keep), self._days_of(gone)) if d is not None]
        self._days[keep] = (min(d[0] for d in spans), max(d[1] for d in spans)) if spans else None
        self._days.pop(gone, None)

    def sets(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return sorted(found.values(), key=lambda members: members[0])


def _other_period(sets: _Sets, i: int, j: int, figures: float | None, t: Tuning) -> bool:
    """Another period's report from the same template: the sets name other years, and the
    documents share few figures."""
    year_i, year_j = sets.year(i), sets.year(j)
    return (year_i is not None and year_j is not None and year_i != year_j
            and figures is not None and figures < t.template_figures)


def _figure_links(profiles: Sequence[Profile], group_of: Sequence[int], t: Tuning) -> list[tuple[int, int]]:
    """Documents of different groups that state enough of the same distinctive figures to be
    one story, most first."""
    flat = np.frombuffer(b"".join(p.distinctive for p in profiles), dtype=np.uint32)
    sizes = np.fromiter((len(p.distinctive) // 4 for p in profiles), dtype=np.int64, count=len(profiles))
    owners = np.repeat(np.arange(len(profiles), dtype=np.int64), sizes)  # four bytes a fact
    counted = pair_counts(flat, owners, t.max_postings, len(profiles), np.asarray(group_of, dtype=np.int64))
    del flat, owners
    links = []
    for i, j, count in zip(*(a.tolist() for a in counted)):
        smaller = min(len(profiles[i].facts(distinctive=True)), len(profiles[j].facts(distinctive=True)))
        if count >= t.story_figures and count / smaller >= t.story_figure_share:
            links.append((count, i, j))
    return [(i, j) for _, i, j in sorted(links, key=lambda link: (-link[0], link[1], link[2]))]


def versions_and_stories(text_links: Sequence[tuple[float, int, int]], profiles: Sequence[Profile],
                         tuning: Tuning = DEFAULT_TUNING) -> tuple[list[list[int]], list[list[int]]]:
    """From the documents' text links (share of the smaller's text, i, j; most first, as
    ``group.text_links`` gives them) and profiles: groups of versions (sorted document
    indices, every document in one, ordered by first member) and stories (sorted indices
    into the groups, two or more each). Links are taken strongest first, so that a document
    whose text names no year takes the period of the versions it joins before a weaker link
    is judged."""
    t = tuning
    versions = _Sets(profiles)
    story_links: list[tuple[int, int]] = []
    for share, i, j in text_links:
        a, b = profiles[i], profiles[j]
        if _other_period(versions, i, j, _share(a, b), t):
            continue
        bylines_differ = bool(a.reporters and b.reporters and not a.reporters & b.reporters)
        if share >= t.version_containment and not bylines_differ:
            versions.join(i, j)
        else:
            story_links.append((i, j))
    groups = versions.sets()
    group_of = [0] * len(profiles)
    for g, members in enumerate(groups):
        for doc in members:
            group_of[doc] = g
    stories = _Sets([_merged(profiles, members) for members in groups])
    for i, j in [*story_links, *_figure_links(profiles, group_of, t)]:
        gi, gj = group_of[i], group_of[j]
        figures = _share(profiles[i], profiles[j])
        year_i, year_j = stories.year(gi), stories.year(gj)
        if year_i is not None and year_j is not None and year_i != year_j:
            continue  # one story is one period; a later report of the same facts is another story
        if stories.span(gi, gj) > t.story_days or _other_period(stories, gi, gj, figures, t):
            continue
        stories.join(gi, gj)
    return groups, [s for s in stories.sets() if len(s) > 1]


def _merged(profiles: Sequence[Profile], members: Sequence[int]) -> Profile:
    """One profile for a group of versions: the year most of them name, the earliest date."""
    years = Counter(p.year for m in members if (p := profiles[m]).year is not None)
    days = [p.day for m in members if (p := profiles[m]).day is not None]
    year = max(years, key=lambda y: (years[y], y)) if years else None
    return Profile(b"", b"", year, min(days) if days else None, frozenset())
