"""What a test reads out of a PDF — its text, page by page, and its fonts — with pypdf, so that the
same tests run on Windows, where poppler's pdftotext and pdffonts are not installed (issue 31)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _reader(path):
    from pypdf import PdfReader

    return PdfReader(str(Path(path)))


def pdf_pages(path, layout: bool = False) -> list[str]:
    """Each page's text; ``layout`` keeps the lines and columns as they are on the page."""
    mode = "layout" if layout else "plain"
    return [page.extract_text(extraction_mode=mode) for page in _reader(path).pages]


def pdf_text(path, layout: bool = False) -> str:
    """The whole text, pages parted by a form feed (as pdftotext writes them)."""
    return "\f".join(pdf_pages(path, layout)) + "\f"


@dataclass(frozen=True)
class PdfFont:
    name: str
    subtype: str
    embedded: bool


def pdf_fonts(path) -> list[PdfFont]:
    """Every font the pages use (a composite font by its descendant), and whether it is embedded."""
    found: dict[str, PdfFont] = {}
    for page in _reader(path).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for part in parts:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                name = str(part.get("/BaseFont", ""))
                found[name] = PdfFont(name, str(part.get("/Subtype", "")), embedded)
    return list(found.values())
