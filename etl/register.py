"""The national register of divisions (统计用区划代码, 2023 edition): every 乡/镇/街道 and county.

Why: who wrote a report is a fact China publishes. Matching the names a report gives against the
register replaces guessing a town from suffixes, tells a district from a town, resolves a name that
several counties share (东里镇 exists in three) with the county, prefecture or province the text
names, and gives every township its 9-digit code. The data and its source are in seeds/register/.

Loaded once per process (`register()`, from a cache of its build); see `Register` for the scan.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import marshal
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from etl.dictionary import default_cache_dir, write_cache_file

REGISTER_DIR = Path(__file__).resolve().parents[1] / "seeds" / "register"
# Placeholders the register uses for the prefecture level of municipalities and for counties
# directly under a province: not names a text uses.
NOT_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
ETHNIC = re.compile(
    "(?:土家族|蒙古族|布依族|朝鲜族|哈尼族|哈萨克族|傈僳族|仡佬族|东乡族|拉祜族|柯尔克孜族|柯尔克孜|达斡尔族|"
    "仫佬族|毛南族|撒拉族|锡伯族|普米族|塔吉克族|鄂温克族|鄂伦春族|裕固族|保安族|独龙族|赫哲族|基诺族|景颇族|"
    "纳西族|瑶族|苗族|回族|满族|壮族|侗族|彝族|藏族|白族|畲族|黎族|傣族|水族|羌族|佤族|京族|怒族|蒙古|哈萨克|"
    "各族)+"
)
GENERIC_NAMES_FILE = "generic_names.csv"  # beside the register: words that name no particular body
# Short forms of county-level names that no rule derives (东乌旗 for 东乌珠穆沁旗): reference data
SHORT_NAMES_FILE = "county_short_names.csv"


@lru_cache(maxsize=1)
def generic_names() -> tuple[str, ...]:
    """Words that begin register names without saying which body they are (a zone's 高新/经济/国家…,
    a unit named by its kind alone: 开发区, 种畜场, 林业局): reference data in
    seeds/register/generic_names.csv, so a linguist can add one without touching code."""
    with (REGISTER_DIR / GENERIC_NAMES_FILE).open(encoding="utf-8", newline="") as fh:
        return tuple(row["word"] for row in csv.DictReader(fh) if row["word"].strip())


@dataclass(frozen=True)
class Division:
    """One registered body: a township (9-digit code) or a county-level division (6-digit code)."""

    code: str
    name: str
    level: str  # 'township' | 'county'
    county_code: str
    county: str
    prefecture: str | None  # None where the register has a placeholder (municipalities)
    province: str

    @property
    def prefecture_code(self) -> str:
        return self.code[:4]

    @property
    def province_code(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Hit:
    """A register name found in a text: [start, end) and what it may denote."""

    start: int
    end: int
    text: str
    kinds: frozenset[str]  # subset of {'township', 'county', 'prefecture', 'province'}


def township_type(name: str) -> str | None:
    """乡 / 镇 / 街道 from a township name's suffix (民族乡 and 苏木 are 乡; a name ending in 街 is a 街道)."""
    for suffix, kind in (("街道办事处", "街道"), ("街道办", "街道"), ("街道", "街道"), ("苏木", "乡"),
                         ("乡", "乡"), ("镇", "镇"), ("街", "街道")):  # fmt: skip
        if name.endswith(suffix):
            return kind
    return None


# the suffixes of county-level names, longest first (etl/metadata.py, etl/site_host.py)
COUNTY_SUFFIX = r"自治县|自治旗|县|区|旗|市"


def county_type(name: str) -> str | None:
    """县 / 区 / 市 / 旗 / 开发区 from a county-level name (自治县 is 县, 新区 and 管理区 are 区)."""
    if re.search("(?:开发区|园区|管委会|管理委员会|试验区|示范区|度假区)$", name):
        return "开发区"
    for suffix in ("县", "区", "市", "旗"):
        if name.endswith(suffix):
            return suffix
    return None


def township_aliases(name: str) -> list[str]:
    """Other ways a text writes a registered township: 海滨街道 -> 海滨街道办事处, 海滨街道办, 海滨街;
    八都瑶族乡 -> 八都乡."""
    out: list[str] = []
    if len(re.sub("(?:街道|镇|乡|苏木)$", "", name)) < 2:
        return out  # a register entry named only 街道 has no name to write another way
    if "族" in name and (m := re.fullmatch(rf"(.{{2,}}?){ETHNIC.pattern}乡", name)):
        out.append(m.group(1) + "乡")
    if name.endswith("街道"):
        stem = name[:-2]
        out += [stem + "街道办事处", stem + "街道办"]
        if len(stem) >= 2:
            out.append(stem + "街")
    return out


def county_aliases(name: str, prefecture: str | None, province: str) -> list[str]:
    """酉阳土家族苗族自治县 -> 酉阳县, 酉阳自治县; 河北唐山芦台经济开发区 -> 芦台经济开发区."""
    out = []
    m = re.fullmatch(rf"(.{{2,}}?){ETHNIC.pattern}自治(县|旗)", name)
    if m:
        out += [m.group(1) + m.group(2), m.group(1) + "自治" + m.group(2)]
    stripped = name
    for prefix in (province, short_province(province), prefecture or "", short_prefecture(prefecture or "")):
        if prefix and stripped.startswith(prefix) and len(stripped) - len(prefix) >= 4:
            stripped = stripped[len(prefix) :]
    if stripped != name and not stripped.startswith(generic_names()):
        out.append(stripped)
    return out


AUTONOMOUS_REGIONS = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
                      "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆"}  # fmt: skip


def short_province(name: str) -> str:
    """四川省 -> 四川, 广西壮族自治区 -> 广西, 内蒙古自治区 -> 内蒙古, 北京市 -> 北京."""
    return AUTONOMOUS_REGIONS.get(name) or re.sub("(?:省|市|特别行政区)$", "", name)


def short_prefecture(name: str) -> str:
    """湛江市 -> 湛江, 红河哈尼族彝族自治州 -> 红河州, 锡林郭勒盟 -> 锡林郭勒, 阿里地区 -> 阿里."""
    m = re.fullmatch(rf"(.{{2,}}?){ETHNIC.pattern}自治州", name)
    if m:
        return m.group(1) + "州"
    s = re.sub("(?:市|地区|盟)$", "", name)
    return s if len(s) >= 2 else name


KINDS = ("township", "county", "prefecture", "province")
_KIND_SETS = tuple(frozenset(k for i, k in enumerate(KINDS) if mask >> i & 1) for mask in range(16))
CACHE_FORMAT = 1  # bump when `_Tables` changes shape
# Characters scanned by lookups (~7 µs each) before building the Aho-Corasick automaton (~0.2 s) pays:
# a report's identity scans about its own length once (2,300 characters for a 6.5 KB report), so a
# one-report build stays on lookups and a batch switches after a few reports.
SWITCH_CHARS = 20_000


@dataclass
class _Tables:
    """Everything a `Register` holds, as plain values: built from the CSVs, or read from the cache."""

    townships: dict[str, list[str]]  # name or alias -> township codes
    township_rows: dict[str, tuple[str, str]]  # code -> (name, county code)
    counties: dict[str, tuple[str, ...]]  # name or alias -> county codes
    county_rows: dict[str, tuple[str, str | None, str]]  # code -> (name, prefecture, province)
    prefectures: dict[str, tuple[str, ...]]  # name or short name -> prefecture codes
    provinces: dict[str, str]  # name or short name -> province code
    names: list[str]  # every name a scan finds
    kinds: list[int]  # what each name may denote: a bit per KINDS entry

    def dump(self) -> bytes:
        return marshal.dumps(tuple(getattr(self, f.name) for f in fields(self)))

    @classmethod
    def undump(cls, data: bytes) -> _Tables:
        values = marshal.loads(data)
        if not (isinstance(values, tuple) and len(values) == len(fields(cls))):
            raise ValueError("not a register cache")
        return cls(*values)


def _build_tables(folder: Path) -> _Tables:
    """The register's name indexes from its four CSV files (~0.5-1 s: 41,352 townships and aliases)."""
    provinces = {r["code"]: r["name"] for r in _rows(folder / "provinces.csv")}
    prefecture_names = {r["code"]: r["name"] for r in _rows(folder / "cities.csv")}
    t = _Tables({}, {}, {}, {}, {}, {}, [], [])
    for code, name in provinces.items():
        t.provinces[name] = code
        t.provinces[short_province(name)] = code
    prefectures: dict[str, set[str]] = {}
    for code, name in prefecture_names.items():
        if name not in NOT_PREFECTURES:
            for alias in {name, short_prefecture(name)}:
                prefectures.setdefault(alias, set()).add(code)
    t.prefectures = {k: tuple(sorted(v)) for k, v in prefectures.items()}
    counties: dict[str, list[str]] = {}
    for r in _rows(folder / "areas.csv"):
        pref = prefecture_names.get(r["cityCode"])
        pref = None if pref in NOT_PREFECTURES else pref
        province = provinces[r["provinceCode"]]
        t.county_rows[r["code"]] = (r["name"], pref, province)
        for alias in [r["name"], *county_aliases(r["name"], pref, province)]:
            counties.setdefault(alias, []).append(r["code"])
    for r in _rows(REGISTER_DIR / SHORT_NAMES_FILE):  # 东乌旗 -> 东乌珠穆沁旗 (seeds/register/README.md)
        if t.county_rows.get(r["code"], ("",))[0] == r["name"]:  # a stale row never adds a wrong alias
            counties.setdefault(r["short"], []).append(r["code"])
    t.counties = {k: tuple(v) for k, v in counties.items()}
    for r in _rows(folder / "streets.csv"):
        code, name = r["code"], r["name"]
        t.township_rows[code] = (name, r["areaCode"])
        t.townships.setdefault(name, []).append(code)
        for alias in township_aliases(name):
            t.townships.setdefault(alias, []).append(code)
    kinds: dict[str, int] = {}
    tables = (t.townships, t.counties, t.prefectures, t.provinces)  # in the order of KINDS
    for bit, (kind, names) in enumerate(zip(KINDS, tables, strict=True)):
        for name in names:
            if len(name) >= 2 and (kind != "township" or scannable_township(name)):
                kinds[name] = kinds.get(name, 0) | 1 << bit
    t.names, t.kinds = list(kinds), list(kinds.values())
    return t


def _cache_key(folder: Path) -> str:
    """Names the CSVs (path, size, time), the generic words, this module's code (the aliases are made
    here) and Python."""
    parts = [
        str(CACHE_FORMAT),
        str(sys.version_info[:2]),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    ]
    csvs = [folder / n for n in ("provinces.csv", "cities.csv", "areas.csv", "streets.csv")]
    for path in [*csvs, REGISTER_DIR / GENERIC_NAMES_FILE, REGISTER_DIR / SHORT_NAMES_FILE]:  # aliases
        st = path.stat()
        parts.append(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class Register:
    """Name indexes over the register's four tables, and a scan that finds their names in a text.

    Built from the CSVs (~0.5-1 s), or read from a cache of that build (`Register.load`: ~0.1 s). A
    scan looks names up position by position until SWITCH_CHARS have been scanned, then builds one
    Aho-Corasick automaton: a one-report build never pays for it. `switch_chars` moves that point
    (0: the automaton from the first scan; a huge number: lookups only), so both paths can be
    compared."""

    def __init__(
        self,
        folder: Path = REGISTER_DIR,
        tables: _Tables | None = None,
        switch_chars: int = SWITCH_CHARS,
    ) -> None:
        t = tables if tables is not None else _build_tables(folder)
        self._townships = t.townships
        self._township_rows = t.township_rows
        self.provinces = t.provinces
        self.prefectures: dict[str, set[str]] = {k: set(v) for k, v in t.prefectures.items()}
        self._counties_by_code: dict[str, Division] = {
            code: Division(code, name, "county", code, name, pref, province)
            for code, (name, pref, province) in t.county_rows.items()
        }
        self.counties: dict[str, list[Division]] = {
            alias: [self._counties_by_code[c] for c in codes] for alias, codes in t.counties.items()
        }
        self._names = t.names
        self._kinds = t.kinds
        self._index = {name: i for i, name in enumerate(t.names)}
        self._lengths = sorted({len(n) for n in t.names}, reverse=True)
        self._heads = {n[:2] for n in t.names}
        self._automaton: Any = None
        self._scanned = 0
        self.switch_chars = switch_chars

    @classmethod
    def load(
        cls,
        folder: Path = REGISTER_DIR,
        cache_dir: Path | None = None,
        switch_chars: int = SWITCH_CHARS,
    ) -> Register:
        """The register, from `cache_dir` when it holds this very build, else built (and cached)."""
        if cache_dir is None:
            return cls(folder, switch_chars=switch_chars)
        stem = cache_dir / f"register-{_cache_key(folder)}"
        tables_file = Path(f"{stem}.marshal")
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            return cls(folder, _Tables.undump(tables_file.read_bytes()), switch_chars)
        tables = _build_tables(folder)
        write_cache_file(tables_file, lambda tmp: tmp.write_bytes(tables.dump()))
        return cls(folder, tables, switch_chars)

    @property
    def uses_automaton(self) -> bool:
        """Whether scans now run on the automaton (built once `switch_chars` have been scanned)."""
        return self._automaton is not None

    def _automaton_of_names(self) -> Any:
        """The automaton over every name (~0.2 s to build; loading a saved one is no faster), as
        UTF-8 bytes spelt as latin-1 characters: with CJK characters as the alphabet every trie node
        has thousands of children and a scan runs at ~0.6 MB/s; with bytes, at most 256, and the same
        scan is ten times faster. Values index `_names`."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, name in enumerate(self._names):
            automaton.add_word(_bytes(name), i)
        automaton.make_automaton()
        return automaton

    def _longest_at_each_start(self, text: str) -> dict[int, int]:
        """start -> index of the longest name starting there."""
        self._scanned += len(text)
        found: dict[int, int] = {}
        if self._automaton is None and self._scanned > self.switch_chars:
            self._automaton = self._automaton_of_names()
        if self._automaton is not None:
            raw = text.encode("utf-8")
            for end_byte, i in self._automaton.iter(raw.decode("latin-1")):
                end = len(raw[: end_byte + 1].decode("utf-8"))  # byte offset -> character offset
                start = end - len(self._names[i])
                if start not in found or len(self._names[i]) > len(self._names[found[start]]):
                    found[start] = i
            return found
        index, heads, n = self._index, self._heads, len(text)
        for start in range(n - 1):
            if text[start : start + 2] not in heads:
                continue
            for length in self._lengths:
                if start + length <= n and (i := index.get(text[start : start + length])) is not None:
                    found[start] = i
                    break
        return found

    def scan(self, text: str) -> list[Hit]:
        """Every register name in `text`, longest first where names overlap at the same start, in order."""
        hits = {
            start: Hit(start, start + len(self._names[i]), self._names[i], _KIND_SETS[self._kinds[i]])
            for start, i in self._longest_at_each_start(text).items()
        }
        # drop a hit inside a longer one (湛江 inside 湛江市, 海滨街 inside 海滨街道)
        out: list[Hit] = []
        for h in sorted(hits.values(), key=lambda h: (h.start, -len(h.text))):
            if out and h.start < out[-1].end:
                if h.end <= out[-1].end:
                    continue
            out.append(h)
        return out

    def division(self, code: str) -> Division | None:
        """The township (9 digits) or county-level division (6 digits) with this code."""
        if len(code) == 6:
            return self._counties_by_code.get(code)
        row = self._township_rows.get(code)
        if row is None:
            return None
        c = self._counties_by_code[row[1]]
        return Division(code, row[0], "township", c.code, c.name, c.prefecture, c.province)

    def township(self, name: str) -> list[Division]:
        """Every registered township a text's name may denote (canonical names and aliases)."""
        return [d for code in self._townships.get(name, ()) if (d := self.division(code))]

    def county(self, name: str) -> list[Division]:
        return self.counties.get(name, [])

    def in_area(self, d: Division, place: str) -> bool:
        """`place` (a county, prefecture or province name as a text writes it) contains division `d`."""
        if place in (d.county,) or any(c.code == d.county_code for c in self.counties.get(place, [])):
            return True
        if d.prefecture_code in self.prefectures.get(place, ()):
            return True
        return self.provinces.get(place) == d.province_code

    def townships_of(self, county_code: str) -> Iterator[Division]:
        """Every township of one county (a linear pass: for rare fallbacks only)."""
        for code, (_, county) in self._township_rows.items():
            if county == county_code and (d := self.division(code)):
                yield d


def _bytes(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def scannable_township(name: str) -> bool:
    """A township name specific enough to look for in running text: 3+ characters (or 乌镇-like X镇/X乡),
    not a generic unit name (经济开发区管委会, 农场, 城区)."""
    if name.startswith(generic_names()):
        return False
    return len(name) >= 3 or name[-1] in "镇乡"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def register() -> Register:
    """The register, once per process: from the user's cache folder (etl.dictionary) when it holds
    this build (~0.1 s), else built from the CSVs (~0.5-1 s) and cached for the next process."""
    return Register.load(REGISTER_DIR, default_cache_dir())
