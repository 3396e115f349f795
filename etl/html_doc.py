"""A government web page as a report: its main text, its tables as rows, and the page's own metadata.

Why selectolax (lexbor) and rules for these sites rather than trafilatura or readability-lxml: on
pages in the layouts of six site platforms (bench/gov_pages.py), trafilatura kept footers, info
boxes and related links on some, readability-lxml dropped short paragraphs and headings, and both
were slower; the numbers are in bench/RESULTS.md (issue 15) and `python -m bench.html_library_choice`
re-measures them. Government sites are built on a handful of platforms whose content containers
are known (`#UCAP-CONTENT`, `.TRS_Editor`, `#zoom`, ...); for any other page the block with the most
non-link Chinese text wins, as readability scores it.

What is read:
- text: the title (`<h1>`, else the report-like heading or `<title>`), then the content container,
  one line per paragraph, `<br>` or list item; tables through etl.tables (one line per row);
  scripts, styles, forms, hidden elements and anything outside the container are dropped.
- metadata (`Document.page_meta`): the meta tags of the national government-website guidelines
  (ArticleTitle, PubDate, ContentSource, SiteName, ColumnName) first, else the information box
  (索引号, 发布机构 / 发文机关, 发布日期 / 成文日期, 发文字号, 标题) found outside the content.
- encoding: a byte-order mark, else the charset the page declares (gb2312 and gbk read as GB18030,
  their superset), else the same detection as a text file (etl.decode.decode_text); a declaration
  the bytes contradict is overruled by detection and noted.
"""

from __future__ import annotations

import codecs
import re

from etl.decode import Decoded, RejectError, decode_text
from etl.tables import table_lines

CONTENT_SELECTORS = (
    "#UCAP-CONTENT", ".TRS_Editor", ".trs_editor_view", "#zoom", "#Zoom", ".pages_content",
    "#NewsContent", ".contText", ".article-content", "#ivs_content", ".xl_content", ".detail-content",
    "#Content", ".content_text", ".wzcon", ".news_content", ".TRS_UEDITOR", ".WordSection1", "article",
)  # fmt: skip
MIN_CJK = 20  # fewer Chinese characters than this in the content: a page with no body text
SKIP_TAGS = frozenset(
    "script style noscript template iframe frame frameset object embed svg canvas form input select "
    "button textarea head nav map audio video".split()
)
BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table dd dt dl section article aside main header footer "
    "blockquote pre center hr address figure figcaption tbody thead tfoot caption body html".split()
)
CJK = re.compile(r"[\u4e00-\u9fff]")
WS = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
CODEC_OF = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "cp936": "gb18030", "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5hkscs",
            "utf-8": "utf-8", "utf8": "utf-8"}  # fmt: skip
META_KEYS = {  # page_meta key -> meta names / properties, strongest first
    "title": ("articletitle",),
    "publish_date": ("pubdate", "publishdate", "firstpublishedtime", "article:published_time"),
    "publisher": ("contentsource",),
    "site_name": ("sitename", "og:site_name"),
    "column": ("columnname",),
}
# Information-box labels per page_meta key, strongest first; a label may be spaced out (索 引 号).
BOX_KEYS = {
    "title": ("标题",),
    "publish_date": ("发布日期", "发布时间", "发文日期", "公开日期", "生成日期", "成文日期"),
    "publisher": ("发布机构", "发文机关", "发布单位", "公开机构", "信息来源", "文章来源", "来源"),
    "index_no": ("索引号",),
    "doc_number": ("发文字号", "文号"),
}
_LABEL = {label: (key, rank) for key, labels in BOX_KEYS.items() for rank, label in enumerate(labels)}
BOX_LABEL = re.compile(
    "(" + "|".join(r"\s*".join(lab) for lab in sorted(_LABEL, key=len, reverse=True)) + r")\s*[:：]?"
)
ANY_LABEL = re.compile(r"(?:^|[\s　])([\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,5})\s*[:：]")
EMPTY_VALUE = re.compile(r"^[\s无—\-/／]*$")
DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
FOOTER = re.compile(r"ICP备|网站标识码|版权所有|主办单位|技术支持|公网安备")
TITLE_WORDS = re.compile(r"报告|总结|情况|法治|工作")


def decode_html(data: bytes) -> Decoded:
    """The page's characters: BOM, else the declared charset if the bytes agree, else detection."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    head = data[:4096]
    m = DECLARED.search(head) or XML_DECL.search(head)
    declared = m.group(1).decode("ascii").lower() if m else None
    codec = CODEC_OF.get(declared) if declared else None
    if codec:
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    found = decode_text(data)
    if declared and declared not in ("iso-8859-1", "windows-1252", "us-ascii", "ascii"):
        note = f"html_charset_mismatch: the page declares {declared} but is {found.encoding}"
        return Decoded(found.text, found.encoding, (*found.notes, note))
    return found


def _cjk(s: str) -> int:
    return len(CJK.findall(s))


def _hidden(node) -> bool:  # type: ignore[no-untyped-def]
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or "hidden" in attrs


def _lines(node, out: list[str], buf: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Append the text under `node` to `out`, one line per block, tables through etl.tables."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            buf.append(child.text_content or "")
            continue
        if tag in SKIP_TAGS or tag.startswith("-") or _hidden(child):
            continue
        if tag == "br":
            _flush(out, buf)
        elif tag == "table":
            _flush(out, buf)
            out.extend(table_lines(_rows(child)))
        elif tag in BLOCK_TAGS:
            _flush(out, buf)
            _lines(child, out, buf)
            _flush(out, buf)
        else:
            _lines(child, out, buf)


def node_lines(node) -> list[str]:  # type: ignore[no-untyped-def]
    """The text under `node` as lines (see `_lines`)."""
    out: list[str] = []
    buf: list[str] = []
    _lines(node, out, buf)
    _flush(out, buf)
    return out


def _flush(out: list[str], buf: list[str]) -> None:
    line = WS.sub(" ", "".join(buf)).strip()
    buf.clear()
    if line:
        out.append(line)


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Cell texts row by row; a nested table stays inside its cell as text."""
    rows: list[list[str]] = []
    for tr in table.css("tr"):
        owner = _parent_table(tr)
        if owner is None or owner.mem_id != table.mem_id:
            continue  # a row of a nested table: read inside its cell
        cells = []
        for cell in tr.iter():
            if cell.tag in ("td", "th"):
                cells.append(" ".join(node_lines(cell)))
        rows.append(cells)
    return rows


def _parent_table(node):  # type: ignore[no-untyped-def]
    p = node.parent
    while p is not None and p.tag != "table":
        p = p.parent
    return p


def _scores(root) -> dict[int, tuple[float, object]]:  # type: ignore[no-untyped-def]
    """Readability-style: every run of non-link Chinese text scores for its block, the block's
    parent, and half for the grandparent."""
    scores: dict[int, tuple[float, object]] = {}

    def add(node, points: float) -> None:  # type: ignore[no-untyped-def]
        if node is None:
            return
        key = node.mem_id
        prev = scores.get(key)
        scores[key] = ((prev[0] if prev else 0.0) + points, node)

    def walk(node, block, in_link: bool) -> None:  # type: ignore[no-untyped-def]
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                n = _cjk(child.text_content or "")
                if n and not in_link:
                    add(block, n)
                    add(block.parent, n)
                    if block.parent is not None:
                        add(block.parent.parent, n / 2)
                continue
            if tag in SKIP_TAGS or tag.startswith("-") or _hidden(child):
                continue
            walk(child, child if tag in BLOCK_TAGS else block, in_link or tag == "a")

    walk(root, root, False)
    return scores


def main_node(tree):  # type: ignore[no-untyped-def]
    """The element holding the report: a known platform container, else the best-scoring block
    that is not a footer. A known container that is empty (a page whose script fills it) is
    returned empty: the page has no body text, whatever its navigation says."""
    body = tree.body or tree.root
    total = _cjk(body.text(deep=True)) if body is not None else 0
    empty = None
    for sel in CONTENT_SELECTORS:
        for node in tree.css(sel):
            if _cjk(node.text(deep=True)) >= max(MIN_CJK, 0.3 * total):
                return node
            empty = empty or node
    if empty is not None:
        return empty
    scores = [s for s in _scores(body).values() if not FOOTER.search(s[1].text(deep=True)[:2000])]
    if not scores:
        return body
    return max(scores, key=lambda s: s[0])[1]


def _tokens(node, skip, out: list[str], buf: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Texts between element boundaries, outside `skip` (the content): where info boxes live."""
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            buf.append(child.text_content or "")
            continue
        if child.tag in SKIP_TAGS or child.tag.startswith("-") or child.mem_id == skip.mem_id:
            continue
        _flush(out, buf)
        _tokens(child, skip, out, buf)
        _flush(out, buf)


def info_box(tree, content) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Labelled fields outside the content (索引号：…, 发布机构 | value, <dt>发布日期</dt><dd>…)."""
    tokens: list[str] = []
    body = tree.body or tree.root
    _tokens(body, content, tokens, [])
    found: dict[str, tuple[int, str]] = {}
    for i, tok in enumerate(tokens):
        if len(tok) > 200:
            continue
        labels = list(BOX_LABEL.finditer(tok))
        for j, m in enumerate(labels):
            if m.start() and not re.match(r"[\s　【|｜]", tok[m.start() - 1]):
                continue  # '发布机构' inside a word or sentence is not a label
            end = labels[j + 1].start() if j + 1 < len(labels) else len(tok)
            value = tok[m.end() : end]
            other = ANY_LABEL.search(value)
            if other:
                value = value[: other.start()]
            value = value.strip(" 　|｜【】")
            if not value and j + 1 == len(labels) and i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if not BOX_LABEL.match(nxt) and not ANY_LABEL.match(nxt) and len(nxt) <= 120:
                    value = nxt.strip()
            if EMPTY_VALUE.match(value):
                continue
            key, rank = _LABEL[re.sub(r"\s", "", m.group(1))]
            if key not in found or rank < found[key][0]:
                found[key] = (rank, value)
    return {k: v for k, (_, v) in found.items()}


def iso_date(value: str) -> str | None:
    """'2025-03-20 10:21', '2025年3月20日', '2025/03/20' -> '2025-03-20'; None when no valid date."""
    from datetime import date  # noqa: PLC0415

    m = DATE.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def page_metadata(tree, content) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Meta tags first, then the information box; dates as ISO, names without spaces."""
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        content_attr = (attrs.get("content") or "").strip()
        if name and content_attr and name not in metas:
            metas[name] = content_attr
    meta: dict[str, str] = {}
    for key, names in META_KEYS.items():
        for n in names:
            if metas.get(n):
                meta[key] = metas[n]
                break
    for key, value in info_box(tree, content).items():
        meta.setdefault(key, value)
    if "publish_date" in meta:
        iso = iso_date(meta["publish_date"])
        if iso:
            meta["publish_date"] = iso
        else:
            del meta["publish_date"]
    for key in ("publisher", "site_name", "index_no", "doc_number"):
        if key in meta:
            meta[key] = WS.sub("", meta[key])
    for key in ("title", "column"):
        if key in meta:
            meta[key] = WS.sub(" ", meta[key]).strip()
    return {k: v for k, v in meta.items() if v}


def display_title(tree, content) -> str | None:  # type: ignore[no-untyped-def]
    """The title shown above the text: a report-like heading, else the <title> before its site suffix."""
    for sel in ("h1", "h2", "h3", "[class*=title]", "[id*=title]", "[class*=Title]"):
        for node in tree.css(sel):
            text = WS.sub(" ", node.text(deep=True)).strip()
            if 6 <= len(text) <= 100 and TITLE_WORDS.search(text):
                return text
    title = tree.css_first("title")
    if title is not None:
        text = re.split(r"\s*[_|｜]\s*|\s+-\s+|-(?=[^-]*(?:政府|网站|门户|网)$)", title.text().strip())[0]
        if 6 <= len(text) <= 100 and TITLE_WORDS.search(text):
            return text
    return None


def read_html(data: bytes) -> tuple[str, str, dict[str, str], tuple[str, ...]]:
    """(text, encoding, page_meta, notes) of a web page; RejectError when it holds no body text."""
    from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415 - only HTML inputs need it

    decoded = decode_html(data)
    tree = LexborHTMLParser(decoded.text)
    content = main_node(tree)
    lines = node_lines(content) if content is not None else []
    if sum(_cjk(ln) for ln in lines) < MIN_CJK:
        framed = tree.css_first("frameset, iframe") is not None
        raise RejectError(
            "HTML page with no body text"
            + (" (its text is in a frame: save the framed page itself)" if framed else "")
            + " (a redirect or script-built page: save the page as shown, or its attachment)"
        )
    meta = page_metadata(tree, content)
    title = display_title(tree, content)
    if title and not any(title.replace(" ", "") in ln.replace(" ", "") for ln in lines[:3]):
        lines.insert(0, title)
    return "\n".join(lines), decoded.encoding, meta, decoded.notes
