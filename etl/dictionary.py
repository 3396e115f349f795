"""jieba's word list (`jieba/dict.txt`: word, frequency, part of speech), read once per process.

Two readers need it: `etl.indicators` segments the words around an unmatched quantity (jieba's
prefix dictionary), and `etl.metadata` tells prose from place names by part of speech. jieba's own
`initialize()` would read the file a second time and then dump a 9 MB cache into a new temporary
folder per process, which nobody removes. So the file is read here, once, and jieba gets its prefix
dictionary from this reading: no temp folder.

Parsing the 350,000 lines costs ~0.85 s, in every process: a third of what one added report costs
beyond Dagster's start-up. The parsed result is therefore kept as marshal files per jieba word list
and Python version in the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, then
`fazhi-warehouse/`), in two parts (~0.2 s each) so that a process that needs one reads one. Written
atomically; an unreadable, corrupt or unwritable cache only means parsing the file as before.

Beside it, both parts are also kept as SQLite tables (`LazyFreq`, `LazyShort`): a process that reads
only one report (one added report) looks its few words up there instead of loading them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from etl.lazy_import import import_without

_LOCK = threading.Lock()
CACHE_FORMAT = 2  # bump when the parsed structure changes
Parsed = tuple[dict[str, int], int, dict[str, tuple[int, str]]]


def _parse(word_list: Path) -> Parsed:
    """(jieba prefix dictionary, total frequency, word -> (frequency, tag) for words of 2-4 chars)."""
    freq: dict[str, int] = {}
    short: dict[str, tuple[int, str]] = {}
    total = 0
    with word_list.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, n = parts[0], int(parts[1])
            freq[word] = n
            total += n
            if len(parts) == 3 and len(word) <= 4:
                short[word] = (n, parts[2])
    # jieba's prefix dictionary also holds every prefix of a word (frequency 0 unless a word itself),
    # exactly as jieba.Tokenizer.gen_pfdict builds it
    for word in list(freq):
        for i in range(1, len(word)):
            freq.setdefault(word[:i], 0)
    return freq, total, short


def default_cache_dir() -> Path:
    """Where the parsed word list is kept: `$XDG_CACHE_HOME/fazhi-warehouse` or `~/.cache/fazhi-warehouse`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fazhi-warehouse"


def _cache_stem(word_list: Path, cache_dir: Path) -> Path:
    """`<cache>/jieba-dict-<key>`: the key names this word list (path, size, time) and Python version."""
    st = word_list.stat()
    key = f"{CACHE_FORMAT}|{word_list.resolve()}|{st.st_size}|{st.st_mtime_ns}|{sys.version_info[:2]}"
    return cache_dir / f"jieba-dict-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


# The parse is cached in two parts, so a process that needs only one reads only that one: `freq`
# (jieba's prefix dictionary and total: 0.21 s to read) and `short` (word -> frequency, tag: 0.16 s).
def _valid_freq(data: object) -> bool:
    return (
        isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], dict) and isinstance(data[1], int)
    )


def _valid_short(data: object) -> bool:
    return isinstance(data, dict)


_PARTS = {"freq": _valid_freq, "short": _valid_short}


def _read_part(stem: Path, part: str) -> Any:
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        data = marshal.loads(Path(f"{stem}.{part}.marshal").read_bytes())
        if _PARTS[part](data):
            return data
    return None


def write_cache_file(cached: Path, write: Callable[[Path], object]) -> None:
    """`write(tmp)`, then `tmp` renamed to `cached`: concurrent writers, one wins whole and readers
    never see half a file. A cache that cannot be written (read-only home, full disk, a file-size
    limit) is no error: the next process computes it again."""
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        write(tmp)
        os.replace(tmp, cached)
    except (OSError, ValueError, sqlite3.Error):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _write_part(stem: Path, part: str, data: object) -> None:
    write_cache_file(Path(f"{stem}.{part}.marshal"), lambda tmp: tmp.write_bytes(marshal.dumps(data)))


def load(word_list: Path, cache_dir: Path | None) -> Parsed:
    """The parsed word list, from the cache when it holds this very file's parse, else parsed (and
    cached). Never fails because of the cache: any problem with it falls back to parsing."""
    if cache_dir is None:
        return _parse(word_list)
    stem = _cache_stem(word_list, cache_dir)
    freq, short = _read_part(stem, "freq"), _read_part(stem, "short")
    if freq is not None and short is not None:
        return freq[0], freq[1], short
    parsed = _parse(word_list)
    _write_part(stem, "freq", parsed[:2])
    _write_part(stem, "short", parsed[2])
    return parsed


def load_short(word_list: Path, cache_dir: Path | None) -> dict[str, tuple[int, str]]:
    """Only the word -> (frequency, tag) part (see `load`)."""
    if cache_dir is not None:
        short = _read_part(_cache_stem(word_list, cache_dir), "short")
        if short is not None:
            return short  # type: ignore[no-any-return]
    return load(word_list, cache_dir)[2]


def _word_list() -> Path:
    """jieba's word list, located without importing jieba (0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed (pip install -e .)")
    return Path(spec.origin).with_name("dict.txt")


@lru_cache(maxsize=1)
def _read() -> Parsed:
    """jieba's word list, parsed once per process (see `load`)."""
    return load(_word_list(), default_cache_dir())


@lru_cache(maxsize=1)
def _read_short() -> dict[str, tuple[int, str]]:
    if _read.cache_info().currsize:
        return _read()[2]
    return load_short(_word_list(), default_cache_dir())


def short_words() -> dict[str, tuple[int, str]]:
    """jieba's 2-4 character words with (frequency, part-of-speech tag); do not modify."""
    return _read_short()


@lru_cache(maxsize=1)
def short_lookup() -> LazyShort | dict[str, tuple[int, str]]:
    """`short_words()` for a reader that asks about a few words: a `LazyShort` over the cached SQLite
    copy (the place-name test of one report asks ~100 words: 5 ms instead of the 0.19 s load), else
    the whole dict (and the copy written for the next process)."""
    if not _read_short.cache_info().currsize:
        stem = _cache_stem(_word_list(), default_cache_dir())
        db = Path(f"{stem}.short.sqlite")
        if db.is_file():
            with contextlib.suppress(sqlite3.Error):
                return LazyShort(db)
        short = _read_short()
        _write_sqlite_table(db, "short", ((w, n, t) for w, (n, t) in short.items()), None)
        return short
    return _read_short()


_READY: set[str] = set()


def segmenter(user_dict: Path) -> ModuleType:
    """The `jieba` module with its default tokenizer initialised from `_read()` plus `user_dict`
    (domain words such as 行政执法, with high frequencies so they stay whole). The prefix dictionary
    starts as a `LazyFreq` when its SQLite copy is cached: see there."""
    # without pkg_resources (etl.lazy_import): jieba opens its own data files with it only, falls back
    # to open(), and importing it cost 0.06 s of one added report at 10,000
    jieba = import_without("jieba", ("pkg_resources",))
    key = str(user_dict)
    if key in _READY:
        return jieba
    with _LOCK:
        if key not in _READY:
            if not jieba.dt.initialized:
                lazy = LazyFreq.open(
                    Path(jieba.__file__).with_name("dict.txt"), default_cache_dir(), jieba.dt
                )
                if lazy is not None:
                    jieba.dt.FREQ, jieba.dt.total = lazy, lazy.total
                else:
                    freq, total, _ = _read()
                    jieba.dt.FREQ, jieba.dt.total = freq, total  # jieba alone uses (and extends) these
                jieba.dt.initialized = True
            if user_dict.is_file():
                jieba.load_userdict(str(user_dict))
            _READY.add(key)
    return jieba


_ABSENT = object()


class _LazyTable:
    """A dict read entry by entry from an SQLite table until SWITCH_AFTER distinct lookups, then loaded
    whole (`_load_all`): a few lookups cost milliseconds, a batch pays the whole load only once."""

    SWITCH_AFTER = 20_000
    _QUERY = ""

    def __init__(self, db: Path) -> None:
        self._con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._seen: dict[str, object] = {}
        self._lookups = 0
        self._full: dict[str, Any] | None = None

    def _row(self, row: tuple[Any, ...]) -> object:
        return row[0]

    def _load_all(self) -> dict[str, Any]:
        raise NotImplementedError

    def _lookup(self, word: str) -> object:
        if self._full is not None:
            return self._full.get(word, _ABSENT)
        value = self._seen.get(word, _ABSENT)
        if value is _ABSENT:
            self._lookups += 1
            if self._lookups > self.SWITCH_AFTER:
                self._full = self._load_all()
                return self._full.get(word, _ABSENT)
            row = self._con.execute(self._QUERY, (word,)).fetchone()
            value = _ABSENT if row is None else self._row(row)
            self._seen[word] = value
        return value

    def get(self, word: str, default: object = None) -> Any:
        value = self._lookup(word)
        return default if value is _ABSENT else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not _ABSENT

    def __getitem__(self, word: str) -> Any:
        value = self._lookup(word)
        if value is _ABSENT:
            raise KeyError(word)
        return value


class LazyShort(_LazyTable):
    """`short_words()` (word -> (frequency, tag)) looked up in its SQLite copy; see `_LazyTable`."""

    _QUERY = "SELECT n, t FROM short WHERE w = ?"

    def _row(self, row: tuple[Any, ...]) -> object:
        return (row[0], row[1])

    def _load_all(self) -> dict[str, Any]:
        return _read_short()


class LazyFreq(_LazyTable):
    """jieba's prefix dictionary, read word by word from an SQLite copy of `_read()`'s (cached beside
    the marshal file), until the process has looked up SWITCH_AFTER words: then the whole dictionary
    is loaded and handed to jieba. Labelling one report's quantities (a one-report build) takes a few
    thousand lookups, ~10 ms, instead of the ~0.4 s load of 500,000 words; a batch of thousands of
    reports switches after ~0.1 s. Answers exactly as the dict would (`get`, `in`, `[]`, and writes
    from jieba's `add_word`, kept on top)."""

    _QUERY = "SELECT f FROM freq WHERE w = ?"

    def __init__(self, db: Path, tokenizer: object) -> None:
        super().__init__(db)
        (self.total,) = self._con.execute("SELECT total FROM meta").fetchone()
        self._writes: dict[str, int] = {}
        self._tokenizer = tokenizer

    @classmethod
    def open(cls, word_list: Path, cache_dir: Path, tokenizer: object) -> LazyFreq | None:
        """From the cached SQLite copy; None (and the copy written, for the next process) without one."""
        db = Path(f"{_cache_stem(word_list, cache_dir)}.sqlite")
        if db.is_file():
            with contextlib.suppress(sqlite3.Error):
                return cls(db, tokenizer)
        freq, total, _ = _read()
        _write_sqlite_table(db, "freq", freq.items(), total)
        return None

    def _load_all(self) -> dict[str, Any]:
        full = _read()[0]
        full.update(self._writes)
        self._tokenizer.FREQ = full  # type: ignore[attr-defined]  # jieba reads the dict directly now
        return full

    def __setitem__(self, word: str, freq: int) -> None:
        if self._full is not None:
            self._full[word] = freq
        else:
            self._seen[word] = freq
            self._writes[word] = freq


_TABLES = {
    "freq": "CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID",
    "short": "CREATE TABLE short (w TEXT PRIMARY KEY, n INTEGER NOT NULL, t TEXT NOT NULL) WITHOUT ROWID",
}


def _write_sqlite_table(db: Path, table: str, rows: Iterable[tuple[Any, ...]], total: int | None) -> None:
    """One of `_TABLES` (and `meta` with `total` when given) as an SQLite file, written atomically
    (no cache folder, full disk: the whole dictionary as before)."""

    def write(tmp: Path) -> None:
        con = sqlite3.connect(tmp)
        try:
            con.execute(_TABLES[table])
            marks = ", ".join("?" * (3 if table == "short" else 2))
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            if total is not None:
                con.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
                con.execute("INSERT INTO meta VALUES (?)", (total,))
            con.commit()
        finally:
            con.close()

    write_cache_file(db, write)
