"""Writing small text PDFs for tests: resumes and reports as an export to PDF holds them (pypdf reads the lines back
with no blank line between paragraphs or pages), so no binary fixture has to be kept in the repository."""

from __future__ import annotations

import zlib
from pathlib import Path


def write_text_pdf(path: Path, pages: list[list[str]]) -> None:
    """A PDF of Helvetica text, one list of lines per page; characters outside Latin-1 become "?"."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # the page tree is written once the pages are known
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        shown = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        ops = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"] + [f"({line}) '" for line in shown] + ["ET"]
        stream = zlib.compress("\n".join(ops).encode("latin-1", "replace"))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
