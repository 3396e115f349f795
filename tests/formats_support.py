"""Word and PDF fixtures built in the tests from plain-text twins (python-docx, reportlab).

Each builder lays a twin out as a town's office would: a .docx with a title, paragraphs, a table
and a page header/footer; a PDF with one or two columns, a running head and page numbers, or only a
scanned image. The PDFs use reportlab's built-in STSong-Light CID font (no font file needed), as
Chinese PDFs exported from WPS or Word use CID fonts.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

from tests.conftest import REPO

A4_W, A4_H = 595.27, 841.89
FONT = "STSong-Light"


def twin_text(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def paragraphs(text: str, skip: int = 0) -> list[str]:
    return [ln.strip() for ln in text.split("\n")[skip:] if ln.strip()]


def docx_bytes(
    title_lines: list[str],
    paras: list[str],
    *,
    table: tuple[str, list[list[str]]] | None = None,
    header: str | None = None,
    footer: str | None = None,
    core_title: str | None = None,
    numbered_headings: bool = False,
) -> bytes:
    """A .docx: centred title lines, paragraphs, optionally a table after the paragraph that contains
    `table[0]` (that sentence is left out of the paragraph), a page header and footer with a page field."""
    import docx  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    doc = docx.Document()
    if core_title is not None:
        doc.core_properties.title = core_title
    section = doc.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        p = section.footer.paragraphs[0]
        p.text = footer
        run = p.add_run()  # a PAGE field, as Word inserts page numbers
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.text = text
            run._r.append(el)
    for line in title_lines:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
    for para in paras:
        m = heading.match(para) if numbered_headings else None
        if m:  # Word's automatic numbering: the '一、' lives in numbering.xml, not in the text
            doc.add_paragraph(m.group(2), style="List Number")
            continue
        if table and table[0] in para:
            rest = para.replace(table[0], "").strip()
            if rest:
                doc.add_paragraph(rest)
            rows = table[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
            continue
        doc.add_paragraph(para)
    if numbered_headings:
        _chinese_list_numbers(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _chinese_list_numbers(doc) -> None:  # type: ignore[no-untyped-def]
    """Make the 'List Number' style count 一、二、三、 (as Chinese official documents number headings)."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    style = doc.styles["List Number"].element
    num_id = style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = doc.part.numbering_part.element
    for num in numbering.iter(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    for abstract in numbering.iter(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == abstract_id:
            lvl = abstract.find(qn("w:lvl"))
            lvl.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
            lvl.find(qn("w:lvlText")).set(qn("w:val"), "%1、")


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415

    lines, cur, avail = [], "", width - indent
    for ch in text:
        if stringWidth(cur + ch, FONT, size) > avail:
            lines.append(cur)
            cur, avail = ch, width
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def pdf_bytes(
    title_lines: list[str],
    paras: list[str],
    *,
    columns: int = 1,
    page_numbers: bool = False,
    running_head: str | None = None,
    size: float = 12,
) -> bytes:
    """A text PDF: centred title, paragraphs indented two characters, wrapped to the column width;
    `columns=2` flows the body through two columns per page; page numbers '- N -' at the foot and a
    running head with a rule at the top of every page."""
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(" ".join(title_lines))
    left, right, top, bottom = 72, A4_W - 72, A4_H - 90, 80
    gap = 28
    col_w = (right - left - gap * (columns - 1)) / columns
    lead = size * 1.6
    page = 1

    def furniture() -> None:
        c.setFont(FONT, 9)
        if running_head:
            c.drawString(left, A4_H - 50, running_head)
            c.line(left, A4_H - 55, right, A4_H - 55)
        if page_numbers:
            c.drawCentredString(A4_W / 2, 40, f"- {page} -")
        c.setFont(FONT, size)

    furniture()
    y = top
    c.setFont(FONT, size + 4)
    for line in title_lines:
        c.drawCentredString(A4_W / 2, y, line)
        y -= (size + 4) * 1.8
    c.setFont(FONT, size)
    col = 0
    col_top = y
    for para in paras:
        for k, line in enumerate(_wrap(para, col_w, size, 2 * size)):
            if y < bottom:
                col += 1
                if col >= columns:
                    c.showPage()
                    page += 1
                    furniture()
                    col, col_top = 0, top
                y = col_top
            x = left + col * (col_w + gap) + (2 * size if k == 0 else 0)
            c.drawString(x, y, line)
            y -= lead
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, user: str, owner: str, *, allow_copy: bool, algorithm: str = "AES-256") -> bytes:
    """`data` encrypted as Acrobat and WPS do (pypdf: every string and stream; reportlab's own
    encryption leaves strings inside nested dictionaries in clear, which no real producer does)."""
    import pypdf  # noqa: PLC0415
    from pypdf.constants import UserAccessPermissions as P  # noqa: PLC0415

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    allowed = (
        P.PRINT | P.PRINT_TO_REPRESENTATION | (P.EXTRACT | P.EXTRACT_TEXT_AND_GRAPHICS if allow_copy else 0)
    )
    writer.encrypt(
        user_password=user,
        owner_password=owner,
        permissions_flag=P.all() & ~(P.EXTRACT | P.EXTRACT_TEXT_AND_GRAPHICS) | allowed,
        algorithm=algorithm,
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf_bytes(pages: int = 2, seed: int = 3) -> bytes:
    """Image-only PDF: each page one greyscale raster of 'text lines' (as a scanner makes), no text."""
    from PIL import Image, ImageDraw  # noqa: PLC0415
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    rng = random.Random(seed)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        img = Image.new("L", (620, 877), 245)
        draw = ImageDraw.Draw(img)
        for row in range(60, 820, 22):
            x = 70 + (28 if rng.random() < 0.2 else 0)
            while x < 550:
                w = rng.randint(8, 14)
                draw.rectangle([x, row, x + w, row + 12], fill=rng.randint(20, 80))
                x += w + rng.randint(2, 5)
        c.drawImage(ImageReader(img), 0, 0, width=A4_W, height=A4_H)
        c.showPage()
    c.save()
    return buf.getvalue()


def long_pdf_bytes(pages: int) -> bytes:
    """A PDF of `pages` pages with one short line each (the page-count check must refuse it)."""
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n in range(pages):
        c.setFont(FONT, 12)
        c.drawString(72, 760, f"第{n + 1}页 法治政府建设资料汇编")
        c.showPage()
    c.save()
    return buf.getvalue()


def zip_bomb_docx(inflated_mb: int = 200) -> bytes:
    """A .docx whose document.xml inflates to `inflated_mb` MB of spaces (~0.2 MB compressed)."""
    import zipfile  # noqa: PLC0415

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(inflated_mb):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
