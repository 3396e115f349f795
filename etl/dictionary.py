"""jieba's word list (`jieba/dict.txt`: word, frequency, part of speech), read once per process.

Two readers need it: `etl.indicators` segments the words around an unmatched quantity (jieba's
prefix dictionary), and `etl.metadata` tells prose from place names by part of speech. jieba's own
`initialize()` would read the file a second time and then dump a 9 MB cache into a new temporary
folder per process, which nobody removes and which is no faster to load than the file itself
(~0.55 s either way, measured). So the file is read here, once, and jieba gets its prefix
dictionary from this reading: no cache file, no temp folder, ~0.25 s less per process.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from types import ModuleType

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, int], int, dict[str, tuple[int, str]]]:
    """(jieba prefix dictionary, total frequency, word -> (frequency, tag) for words of 2-4 chars)."""
    import jieba  # noqa: PLC0415 - slow import; only the location of its word list is needed here

    freq: dict[str, int] = {}
    short: dict[str, tuple[int, str]] = {}
    total = 0
    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as fh:
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
