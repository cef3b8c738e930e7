"""Read a resume (PDF, DOCX, Markdown or plain text) into text, with clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

from rolefit.errors import InputError
from rolefit.text.clean import MAX_CHARS, decode_bytes

__all__ = ["read_resume_text"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst", ""}


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise InputError(f"{path.name} is an encrypted PDF: save an unencrypted copy or paste its text into a .txt")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InputError(f"{path.name} is not a readable PDF ({exc.__class__.__name__}): try a .docx or .txt") from None


def _docx_text(path: Path) -> str:
    import zipfile

    from docx import Document

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path.name} is not a readable DOCX ({exc.__class__.__name__}): try a .pdf or .txt") from None
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def read_resume_text(path: Path) -> str:
    """The resume's text; InputError for a missing, unreadable, unsupported or empty file."""
    if not path.is_file():
        raise InputError(f"No such file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    elif suffix in TEXT_SUFFIXES:
        with path.open("rb") as handle:
            text = decode_bytes(handle.read(MAX_CHARS * 4 + 1))
    else:
        raise InputError(f"{path.name}: resumes can be .pdf, .docx, .md or .txt")
    if not text.strip():
        raise InputError(f"{path.name} has no text (a scanned PDF? paste its text into a .txt)")
    return text[:MAX_CHARS]
