"""The county a page's address spells: government hosts and paths name their county in pinyin.

Why: a township name that several counties share (西岗镇: 滕州市 and 淇县) stays ambiguous when its
report's text never names the county, but the crawler that fetched the page knows its address, and
county sites spell their county in it: www.tengzhou.gov.cn (滕州), fl.gov.cn (涪陵, initials),
www.ptxy.gov.cn (莆田 秀屿), www.gddongyuan.gov.cn (广东 东源), admin.yzcity.gov.cn/nyx/ (宁远县).
The address only decides between the candidates the text left; it never names a body by itself.
"""

from __future__ import annotations

import re
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
