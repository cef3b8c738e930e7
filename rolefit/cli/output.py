"""How the CLI prints: data to stdout (text, json or jsonl), messages to stderr."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from typing import Any

from rich.console import Console

__all__ = ["Format", "emit_json", "err_console", "out_console", "source_text"]


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


# Piped output gets 120 columns (or $COLUMNS) instead of Rich's 80, so side-by-side tables stay readable.
out_console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "120")))
err_console = Console(stderr=True)


def emit_json(data: Any, fmt: Format = Format.json) -> None:
    """Exactly one JSON document on stdout (or one per line for jsonl)."""
    if fmt is Format.jsonl and isinstance(data, list):
        for item in data:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None if fmt is Format.jsonl else 2) + "\n")
    sys.stdout.flush()


def source_text(source: dict[str, str] | None) -> str:
    if not source:
        return ""
    return f"{source['doc']} § {source['section']}"
