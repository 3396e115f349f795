"""jieba's word list (`jieba/dict.txt`: word, frequency, part of speech), read once per process.

Two readers need it: `etl.indicators` segments the words around an unmatched quantity (jieba's
prefix dictionary), and `etl.metadata` tells prose from place names by part of speech. jieba's own
`initialize()` would read the file a second time and then dump a 9 MB cache into a new temporary
folder per process, which nobody removes. So the file is read here, once, and jieba gets its prefix
dictionary from this reading: no temp folder.

Parsing the 350,000 lines costs ~0.85 s, in every process: a third of what one added report costs
beyond Dagster's start-up. The parsed result is therefore kept as ONE marshal file per jieba word
list and Python version in the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, then
`fazhi-warehouse/`), which loads in ~0.45 s. Written atomically; an unreadable, corrupt or
unwritable cache only means parsing the file as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import threading
from functools import lru_cache
from pathlib import Path
from types import ModuleType

_LOCK = threading.Lock()
CACHE_FORMAT = 1  # bump when the parsed structure changes
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


def _cache_file(word_list: Path, cache_dir: Path) -> Path:
    st = word_list.stat()
    key = f"{CACHE_FORMAT}|{word_list.resolve()}|{st.st_size}|{st.st_mtime_ns}|{sys.version_info[:2]}"
    return cache_dir / f"jieba-dict-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def _valid(data: object) -> bool:
    return (
        isinstance(data, tuple)
        and len(data) == 3
        and isinstance(data[0], dict)
        and isinstance(data[1], int)
        and isinstance(data[2], dict)
    )


def load(word_list: Path, cache_dir: Path | None) -> Parsed:
    """The parsed word list, from the cache when it holds this very file's parse, else parsed (and
    cached). Never fails because of the cache: any problem with it falls back to parsing."""
    if cache_dir is None:
        return _parse(word_list)
    cached = _cache_file(word_list, cache_dir)
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        data = marshal.loads(cached.read_bytes())
        if _valid(data):
            return data  # type: ignore[no-any-return]
    parsed = _parse(word_list)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(parsed))
        os.replace(tmp, cached)  # concurrent writers: one wins whole, readers never see half a file
    except (OSError, ValueError):  # read-only home, full disk, a file-size limit: parse next time too
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return parsed


@lru_cache(maxsize=1)
def _read() -> Parsed:
    """jieba's word list, parsed once per process (see `load`)."""
    import jieba  # noqa: PLC0415 - slow import; only the location of its word list is needed here

    return load(Path(jieba.__file__).with_name("dict.txt"), default_cache_dir())


def short_words() -> dict[str, tuple[int, str]]:
    """jieba's 2-4 character words with (frequency, part-of-speech tag); do not modify."""
    return _read()[2]


_READY: set[str] = set()


def segmenter(user_dict: Path) -> ModuleType:
    """The `jieba` module with its default tokenizer initialised from `_read()` plus `user_dict`
    (domain words such as 行政执法, with high frequencies so they stay whole)."""
    import jieba  # noqa: PLC0415

    key = str(user_dict)
    if key in _READY:
        return jieba
    with _LOCK:
        if key not in _READY:
            if not jieba.dt.initialized:
                freq, total, _ = _read()
                jieba.dt.FREQ, jieba.dt.total = freq, total  # jieba alone uses (and extends) these
                jieba.dt.initialized = True
            if user_dict.is_file():
                jieba.load_userdict(str(user_dict))
            _READY.add(key)
    return jieba
