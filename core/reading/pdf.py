"""The text layer of a PDF (a scanned PDF without one gets a clear message: it needs OCR first)."""

from __future__ import annotations

import io

from core.reading.documents import DocumentError

MAX_PAGES = 200
"""News articles and briefs run to a few pages; a longer PDF is refused rather than read for minutes."""


def pdf_text(data: bytes, name: str) -> str:
    """The text of every page, pages separated by blank lines; DocumentError with a one-line reason otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: the PDF is encrypted")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"{name}: {len(reader.pages)} pages, over the {MAX_PAGES}-page limit")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise DocumentError(f"{name}: not a readable PDF ({reason})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise DocumentError(f"{name}: the PDF has no text layer (scanned pages need OCR first)")
    return text
