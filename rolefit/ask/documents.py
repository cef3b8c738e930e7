"""A user's own documents (Markdown, text, HTML, PDF, Word) cut into passages by structure, with overlap."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from rolefit.ask.passages import Passage
from rolefit.ask.retrieval import document_roles
from rolefit.errors import InputError
from rolefit.text.clean import blank_markup, decode_bytes

__all__ = ["SUFFIXES", "DocumentSkipped", "document_passages"]


class DocumentSkipped(UserWarning):
    """A file in the user's folder that gives no passages (unreadable, binary, empty): said, so that a document the
    user counts on is not missing from the answers without a word."""


SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".docx"}
TARGET_CHARS = 700  # about a paragraph or two: small enough to cite, big enough to answer
OVERLAP_CHARS = 120
_HEADING = re.compile(r"^(#{1,6}\s+.+|[A-Z][^\n.!?]{2,70}:?)$", re.M)


def _read(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from rolefit.text.resume import read_resume_text

        return read_resume_text(path)
    if path.suffix.lower() == ".docx":
        from rolefit.text.resume import read_document_text

        # One line per Word paragraph; a blank line between them lets _chunks see headings and pack paragraphs
        # instead of reading the whole document as one block.
        return "\n\n".join(read_document_text(path, "document").splitlines())
    text = decode_bytes(path.read_bytes())
    if path.suffix.lower() in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?i)<(br|/p|/div|/li|/h[1-6])\b[^>]*>", "\n", text)
        text = blank_markup(text)
    return text


def _chunks(text: str) -> list[tuple[str, str]]:
    """(heading, chunk) pairs: paragraphs packed up to TARGET_CHARS under their heading, overlapping a little."""
    chunks: list[tuple[str, str]] = []
    heading = ""
    buffer = ""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        first_line = block.splitlines()[0].strip()
        if _HEADING.match(first_line) and len(block.splitlines()) == 1:
            if buffer:
                chunks.append((heading, buffer))
                buffer = ""
            heading = first_line.lstrip("#").strip().rstrip(":")
            continue
        if buffer and len(buffer) + len(block) > TARGET_CHARS:
            chunks.append((heading, buffer))
            buffer = buffer[-OVERLAP_CHARS:].split(" ", 1)[-1] + "\n" + block
        else:
            buffer = f"{buffer}\n{block}" if buffer else block
    if buffer:
        chunks.append((heading, buffer))
    return chunks


def document_passages(folder: Path) -> list[Passage]:
    """Passages from every supported file under ``folder`` (sorted, so ids are stable)."""
    if not folder.is_dir():
        raise InputError(f"--docs must be a folder: {folder}")
    passages: list[Passage] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
        relative = path.relative_to(folder).as_posix()
        try:
            text = _read(path)
        except InputError as exc:
            warnings.warn(f"{relative} skipped: {exc}", DocumentSkipped, stacklevel=2)
            continue  # an unreadable file is skipped; the rest still count
        chunks = _chunks(text)
        if not chunks:
            warnings.warn(f"{relative} skipped: it has no text", DocumentSkipped, stacklevel=2)
        for index, (heading, chunk) in enumerate(chunks):
            source = f"{relative}#{heading or 'start'}"
            body = f"{heading}: {chunk}" if heading else chunk
            text = " ".join(body.split())
            passages.append(Passage(f"doc:{relative}:{index}", text, source, "document", document_roles(text)))
    return passages
