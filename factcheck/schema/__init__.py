"""The JSON Schema of factcheck's JSON output, shipped with the package.

``factcheck.schema.json`` (JSON Schema draft 2020-12) describes what ``--format json``
prints for ``extract``, ``compare``, ``batch`` and ``check``; ``docs/json.md`` explains
it field by field. Validate a report with any draft 2020-12 validator::

    import json, jsonschema
    from factcheck.schema import schema_path
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
"""

from __future__ import annotations

from pathlib import Path


def schema_path() -> Path:
    """Where the installed package keeps ``factcheck.schema.json``."""
    return Path(__file__).with_name("factcheck.schema.json")


__all__ = ["schema_path"]
