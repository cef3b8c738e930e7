"""A user's own documents (Markdown, text, HTML, PDF, Word) cut into passages by structure, with overlap."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from rolefit.ask.passages import Passage
from rolefit.ask.retrieval import document_roles
from rolefit.errors import InputError
from rolefit.text.clean import blank_markup, decode_bytes

__all__ = ["MAX_CHARS", "SUFFIXES", "DocumentSkipped", "document_passages"]


class DocumentSkipped(UserWarning):
    """A file in the user's folder that gives no passages (unreadable, binary, empty) or only some (cut at
    MAX_CHARS): said, so that a document the user counts on is not missing from the answers without a word."""


SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".docx"}
TARGET_CHARS = 700  # about a paragraph or two: small enough to cite, big enough to answer
OVERLAP_CHARS = 120
# A user's document, not a posting or a resume: a long handbook or a book (about 1,000 pages) fits. Past this a file
# is cut, and said to be: every ask rebuilds BM25 over all passages and embeds new ones (2,000,000 characters are
# about 3,000 passages, some seconds of role and kind reading per run).
MAX_CHARS = 2_000_000
MAX_BYTES = 4 * MAX_CHARS  # of a text or HTML file read at most: UTF-8 takes up to 4 bytes a character
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_HEADING = re.compile(r"^(#{1,6}\s+.+|[A-Z][^\n.!?]{2,70}:?)$", re.M)


def _read(path: Path) -> tuple[str, bool]:
    """The file's text and whether it was read whole. A text file past MAX_BYTES is read only that far (at a line
    end, never inside a character), so a stray multi-gigabyte log cannot fill memory; a PDF or Word file is read
    whole (the resume reader's 200,000-character cut is for resumes) and cut by the caller."""
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx"):
        from rolefit.text.resume import read_document_text

        text = read_document_text(path, "document")
        # One line per Word paragraph; a blank line between them lets _chunks see headings and pack paragraphs
        # instead of reading the whole document as one block.
        return ("\n\n".join(text.splitlines()) if suffix == ".docx" else text), True
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    whole = len(data) <= MAX_BYTES
    text = decode_bytes(data if whole else _whole_lines(data[:MAX_BYTES]))
    if suffix in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?i)<(br|/p|/div|/li|/h[1-6])\b[^>]*>", "\n", text)
        text = blank_markup(text)
    return text, whole


def _whole_lines(data: bytes) -> bytes:
    """The bytes up to the last line end, or with no line end up to the last whole UTF-8 character: cut inside one,
    the bytes are no longer UTF-8 and the whole file would be read as cp1252."""
    end = data.rfind(b"\n") + 1
    if end:
        return data[:end]
    start = len(data)
    while start and len(data) - start < 3 and data[start - 1] & 0xC0 == 0x80:  # the last character's later bytes
        start -= 1
    if start and data[start - 1] >= 0xC0:  # the byte that starts it says how long it is
        lead = data[start - 1]
        if len(data) - start + 1 < (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4):
            return data[: start - 1]
    return data


def _cut_note(relative: str, text: str, whole: bool, size: int) -> str:
    """What a cut file lost, in the user's terms: how much of it is searched and how to search the rest."""
    kept = min(len(text), MAX_CHARS)
    of = f"of {len(text):,} characters" if whole else f"characters of its {size:,} bytes"
    return (
        f"{relative} cut: only its first {kept:,} {of} are searched (at most {MAX_CHARS:,} characters are read "
        "from one file); split it into smaller files to search the rest"
    )


def _sentence_pieces(line: str) -> list[str]:
    """A line of at most TARGET_CHARS whole; a longer one cut at sentence ends, and a sentence still longer at the
    last space that fits (at TARGET_CHARS when it has none)."""
    if len(line) <= TARGET_CHARS:
        return [line]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(line):
        while len(sentence) > TARGET_CHARS:
            cut = sentence.rfind(" ", 0, TARGET_CHARS + 1)
            cut = cut if cut > 0 else TARGET_CHARS
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if sentence:
            pieces.append(sentence)
    return pieces


def _pieces(block: str) -> list[str]:
    """A block of at most twice TARGET_CHARS whole; a longer one in pieces of at most TARGET_CHARS cut at line ends,
    a long line at sentence ends. A PDF's text seldom has a blank line, so a whole report could be one block: one
    passage too big to cite, ranked by words from pages apart."""
    if len(block) <= 2 * TARGET_CHARS:
        return [block]
    pieces: list[str] = []
    piece = ""
    for line in block.splitlines():
        for unit in _sentence_pieces(line.strip()):
            if piece and len(piece) + 1 + len(unit) > TARGET_CHARS:
                pieces.append(piece)
                piece = unit
            elif unit:
                piece = f"{piece}\n{unit}" if piece else unit
    if piece:
        pieces.append(piece)
    return pieces


def _chunks(text: str) -> list[tuple[str, str]]:
    """(heading, chunk) pairs: paragraphs packed up to TARGET_CHARS under their heading, overlapping a little; a
    paragraph over twice that is packed as pieces of it."""
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
        for piece in _pieces(block):
            if buffer and len(buffer) + len(piece) > TARGET_CHARS:
                chunks.append((heading, buffer))
                buffer = buffer[-OVERLAP_CHARS:].split(" ", 1)[-1] + "\n" + piece
            else:
                buffer = f"{buffer}\n{piece}" if buffer else piece
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
            text, whole = _read(path)
        except InputError as exc:
            warnings.warn(f"{relative} skipped: {exc}", DocumentSkipped, stacklevel=2)
            continue  # an unreadable file is skipped; the rest still count
        if len(text) > MAX_CHARS or not whole:
            warnings.warn(_cut_note(relative, text, whole, path.stat().st_size), DocumentSkipped, stacklevel=2)
            text = text[:MAX_CHARS]
        chunks = _chunks(text)
        if not chunks:
            warnings.warn(f"{relative} skipped: it has no text", DocumentSkipped, stacklevel=2)
        for index, (heading, chunk) in enumerate(chunks):
            source = f"{relative}#{heading or 'start'}"
            body = f"{heading}: {chunk}" if heading else chunk
            said = " ".join(body.split())
            passages.append(Passage(f"doc:{relative}:{index}", said, source, "document", document_roles(said)))
    return passages
