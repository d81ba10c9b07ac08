"""Bytes to text: encoding detection and the checks that turn bad input into clear errors.

The only core module that reads files. HTML is kept as it is here (offsets index the
HTML file); ``normalize.strip_html`` reduces it to text later.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .chars import common_share
from .errors import InputError, printable_path

MAX_BYTES = 16 * 1024 * 1024  # a newspaper page is kilobytes; 16 MiB is a book, and takes seconds
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"Rar!", b"BM")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class LoadedText:
    path: str
    text: str
    encoding: str
    is_html: bool


def read_path(path: str) -> LoadedText:
    """Read and decode one file (or standard input for ``-``)."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"standard input is larger than {MAX_BYTES // 2**20} MiB; reports that large are refused",
                             "<stdin>")
        return decode(data, "<stdin>")
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory, not a report file (use `factcheck batch` for folders)", path)
        size = p.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 2**20
            raise InputError(f"file is {size / 2**20:.0f} MiB; reports larger than {limit} MiB are refused "
                             "(split it into articles)", path)
        with p.open("rb") as handle:  # a device or a pipe says size 0: read no more than the limit
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // 2**20} MiB; reports that large are refused", path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a report file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return decode(data, printable_path(path))


def decode(data: bytes, path: str) -> LoadedText:
    """Decode report bytes: BOMs, UTF-8, then GB18030 or Big5 as charset-normalizer judges."""
    if not data.strip():
        raise InputError("file is empty" if not data else "file holds only white space", path)
    encoding = _sniff(data, path)
    try:
        text = data.decode(encoding, errors="strict" if not encoding.startswith("utf-8") else "replace")
    except (UnicodeDecodeError, LookupError):
        raise InputError("cannot decode as UTF-8, GB18030 or Big5; convert the file to UTF-8", path) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("file holds only white space", path)
    if _looks_binary(text):
        raise InputError("looks like a binary file, not a text report", path)
    lower = path.lower()
    head = text[:512].lstrip().lower()
    is_html = lower.endswith(HTML_SUFFIXES) or head.startswith(("<!doctype html", "<html"))
    return LoadedText(path, text, encoding.replace("utf-8-sig", "utf-8"), is_html)


def _sniff(data: bytes, path: str) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not a text report", path)
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: keep UTF-8 and let U+FFFD mark the damage.
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if bad <= max(2, len(data) // 500) and _utf8_share(data) > 0.5:
        return "utf-8"
    return _legacy_encoding(data, path)


def _utf8_share(data: bytes) -> float:
    high = sum(1 for b in data if b >= 0x80)
    if not high:
        return 1.0
    text = data.decode("utf-8", errors="ignore")
    return sum(len(ch.encode("utf-8")) for ch in text if ord(ch) >= 0x80) / high


def _legacy_encoding(data: bytes, path: str) -> str:
    """GB18030 or Big5: the one that decodes cleanly into the more ordinary text."""
    candidates = []
    for name in ("gb18030", "big5hkscs"):
        try:
            data.decode(name)
            candidates.append(name)
        except UnicodeDecodeError:
            continue
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise InputError("cannot decode as UTF-8, GB18030 or Big5; convert the file to UTF-8", path)
    # Both decode: the right one gives ordinary characters, the wrong one rare ones.
    sample = data[:100_000]
    shares = {name: common_share(sample.decode(name, errors="ignore")) for name in candidates}
    if abs(shares["gb18030"] - shares["big5hkscs"]) >= 0.05:
        return max(shares, key=lambda name: shares[name])
    from charset_normalizer import from_bytes  # too close to call: ask the detector

    best = from_bytes(sample, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding.replace("_", "") in ("big5", "big5hkscs"):
        return "big5hkscs"
    return "gb18030"


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32, less \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 100)
