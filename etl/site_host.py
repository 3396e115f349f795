"""The county a page's address spells (government hosts and paths name their county in pinyin), and the
date its path holds.

Why: a township name that several counties share (西岗镇: 滕州市 and 淇县) stays ambiguous when its
report's text never names the county, but the crawler that fetched the page knows its address, and
county sites spell their county in it: www.tengzhou.gov.cn (滕州), fl.gov.cn (涪陵, initials),
www.ptxy.gov.cn (莆田 秀屿), www.gddongyuan.gov.cn (广东 东源), admin.yzcity.gov.cn/nyx/ (宁远县).
The address only decides between the candidates the text left; it never names a body by itself.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from etl.register import COUNTY_SUFFIX, short_prefecture

# host labels and path parts that say nothing about a place
NOISE = frozenset(
    "www gov cn com net org edu admin wap m mp http https html htm shtml jsp php aspx index content "
    "art post xxgk zwgk gk info news col".split()
)
COUNTY_END = re.compile(rf"(?:{COUNTY_SUFFIX})$")
TOKEN = re.compile(r"[a-z]{2,24}")
# a whole-pinyin spelling this long inside a longer host label is no accident (gddongyuan: dongyuan)
EMBEDDED_MIN = 5
# (host words, path words) of a page address; none when the address is unknown
Address = tuple[frozenset[str], frozenset[str]]
NO_ADDRESS: Address = (frozenset(), frozenset())


def address_words(url: str | None) -> Address:
    """(host words, path words) of a page address, lower-case letters only, noise removed."""
    if not url:
        return NO_ADDRESS
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return NO_ADDRESS
    host = {t for t in TOKEN.findall((parts.hostname or "").lower()) if t not in NOISE}
    path = {t for t in TOKEN.findall(parts.path.lower()) if t not in NOISE}
    return frozenset(host), frozenset(path)


@lru_cache(maxsize=4096)
def spellings(county: str, prefecture: str | None = None) -> frozenset[str]:
    """How a county's site may spell it: whole pinyin of the name and of its stem (tengzhou,
    tengzhoushi), initials of both (tz, tzs) or of the stem's government (znzf), with the prefecture's
    initials before them (ptxy)."""
    import pypinyin as pinyin  # noqa: PLC0415 (only reports with a known address pay for it)

    stem = COUNTY_END.sub("", county) or county
    out: set[str] = set()
    for name in {county, stem}:
        whole = "".join(pinyin.lazy_pinyin(name))
        initials = "".join(pinyin.lazy_pinyin(name, style=pinyin.Style.FIRST_LETTER))
        if len(name) >= 2:
            out.update({whole, initials, initials + "zf"})  # znzf: 中宁 政府
        if prefecture:
            pref = short_prefecture(prefecture)
            pref_initials = "".join(pinyin.lazy_pinyin(pref, style=pinyin.Style.FIRST_LETTER))
            out.add(pref_initials + initials)
    return frozenset(s for s in out if len(s) >= 2 and s.isascii() and s.isalpha())


def spelled(county: str, prefecture: str | None, words: Address) -> bool:
    """Does the address spell this county? A host label may be any spelling; a path part, only one of
    three letters or more (two-letter path parts are column names: gk, zw, xw); a host label may also
    hold the whole-pinyin name inside it (gddongyuan)."""
    host, path = words
    if not host and not path:
        return False
    names = spellings(county, prefecture)
    if names & host or {n for n in names if len(n) >= 3} & path:
        return True
    return any(len(n) >= EMBEDDED_MIN and n in label for n in names for label in host)


# The publishing systems of government sites put the day a page went up into its path: TRS's
# /202503/t20250328_14462423.html, /202502/20250226_223999.html, /cms/html/x/2025-03-12/95905440.html,
# /2024/03-25/3036201.html, Hanweb's /art/2024/3/5/art_1229_5.html. A month alone (/202601/) is no date.
ADDRESS_DATES = (
    re.compile(r"/t?(20\d\d)(\d\d)(\d\d)_\d+"),
    re.compile(r"/(20\d\d)-(\d\d)-(\d\d)/"),
    re.compile(r"/(20\d\d)/(\d\d)-(\d\d)/"),
    re.compile(r"/art/(20\d\d)/(\d{1,2})/(\d{1,2})/"),
)


def address_date(url: str | None) -> str | None:
    """The ISO date a page address holds, or None: a crawler's address dates a page whose text
    shows no publish date (an excerpt without its info box)."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for rx in ADDRESS_DATES:
        if m := rx.search(path):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None
