"""Read a resume (PDF, DOCX, Markdown or plain text) into text, with clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

from rolefit.errors import InputError, not_a_file
from rolefit.text.clean import MAX_CHARS, decode_bytes

__all__ = ["read_document_text", "read_resume_text"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst", ""}


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    # pypdf logs what it repairs ("EOF marker not found") to stderr through logging's last resort; the user gets
    # one line, ours. A handler of its own keeps those notes out of the terminal.
    pypdf_log = logging.getLogger("pypdf")
    if not pypdf_log.handlers:
        pypdf_log.addHandler(logging.NullHandler())
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise InputError(f"{path.name} is an encrypted PDF: save an unencrypted copy or paste its text into a .txt")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except Exception as exc:  # a damaged file fails anywhere in the parser (NotImplementedError for a bad filter name)
        raise InputError(f"{path.name} is not a readable PDF ({exc.__class__.__name__}): try a .docx or .txt") from None


def _docx_text(path: Path) -> str:
    from docx import Document

    try:
        document = Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
    except Exception as exc:  # a truncated download fails in the zip or XML parser (zlib.error, XMLSyntaxError)
        raise InputError(f"{path.name} is not a readable DOCX ({exc.__class__.__name__}): try a .pdf or .txt") from None
    return "\n".join(parts)


def read_document_text(path: Path, what: str = "resume") -> str:
    """A PDF, DOCX, Markdown or plain-text file's text (a resume, a project description); InputError for a missing,
    unreadable, unsupported, empty or oversized file."""
    if not path.is_file():
        raise not_a_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    elif suffix in TEXT_SUFFIXES:
        with path.open("rb") as handle:
            data = handle.read(MAX_CHARS * 4 + 1)
        if len(data) > MAX_CHARS * 4:  # only the start was read: its length is not the file's
            raise InputError(f"{path.name} is over {MAX_CHARS * 4:,} bytes: is this really one {what}?")
        text = decode_bytes(data)
    else:
        raise InputError(f"{path.name}: a {what} can be .pdf, .docx, .md or .txt")
    if not text.strip():
        raise InputError(f"{path.name} has no text (a scanned PDF? paste its text into a .txt)")
    return text


def read_resume_text(path: Path) -> str:
    """The resume's text (its first 200,000 characters); InputError for a missing, unreadable or empty file."""
    return read_document_text(path, "resume")[:MAX_CHARS]
