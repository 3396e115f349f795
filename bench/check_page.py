"""Check a candidate page before collecting it (its address) and after copying it (its text).

Why: a collector must never open a page kept aside for independent measurement, and a page already
in the corpus (the same address, or the same report on another site or in the other script) would
count twice. Earlier rounds kept this check outside the repository and lost it; the tenth collection's
version counted one shared 30-character chunk of stock wording as "the same report" and dropped about
15 genuine reports. Here a page is the same report as an earlier file only when a quarter of its
chunks occur in that one file.

    python -m bench.check_page URL                  # HELD / KNOWN / CLAIMED / NEW, before reading it
    python -m bench.check_page URL RAWFILE          # also: does an earlier file hold the same text?
    python -m bench.check_page URL RAWFILE --claims CLAIMS.tsv --extra DIR ...   # helpers' folders

Exit status: 0 NEW or OK, 2 HELD, 3 KNOWN, 4 SAME REPORT.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
CHUNK = 30
SAME_SHARE = 0.25  # the share of a page's chunks one earlier file must hold to be the same report
SAME_MIN = 3  # and at least this many chunks (one stock sentence is a third of a very short excerpt)


def url_digest(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


# a portal's Traditional-script gateway serves the same page at /gate/big5/<host>/<path>
# (www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/gongkai/…): one page, two addresses
BIG5_GATE = re.compile(r"^(https?://)[^/]+/gate/big5/", re.IGNORECASE)


def url_key(url: str) -> str:
    """An address without scheme, www., the big5 gateway and trailing slash: the same page however it
    was written."""
    u = BIG5_GATE.sub(r"\1", url.strip())
    u = re.sub(r"^https?://", "", u.lower())
    return re.sub(r"^www\.", "", u).rstrip("/")


def url_variants(url: str) -> set[str]:
    """The ways one page's address is written (http/https, with or without www., a trailing slash, through
    the big5 gateway or not): a held page must stay unopened under any of them."""
    key = url_key(url)
    host, _, path = key.partition("/")
    hosts = {host, f"www.{host}"}
    out: set[str] = {url.strip()}
    for scheme in ("http://", "https://"):
        for h in hosts:
            for tail in (path, path + "/") if path else ("", "/"):
                plain = f"{h}/{tail}" if tail else h
                out.add(scheme + plain)
                for gate_host in hosts:
                    out.add(f"{scheme}{gate_host}/gate/big5/{plain}")
    return out


def known_urls(folders: list[Path], claims: Path | None) -> dict[str, str]:
    """url key -> where it is: every SOURCES.tsv of the given corpus folders, then the claim list."""
    out: dict[str, str] = {}
    for folder in folders:
        tsv = folder / "SOURCES.tsv"
        if tsv.is_file():
            for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
                parts = line.split("\t")
                if len(parts) > 1:
                    out[url_key(parts[1])] = f"{folder.name}/{parts[0]}"
    if claims and claims.is_file():
        for line in claims.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if parts and parts[0].startswith(("http", "www")):
                out.setdefault(url_key(parts[0]), "CLAIMED by " + " ".join(parts[1:]))
    return out


def body(text: str) -> str:
    """Simplified characters, letters and digits only: the same report in either script compares equal."""
    from etl.normalise import to_simplified  # noqa: PLC0415 - the converter the pipeline uses

    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", to_simplified(text))


def chunks(text: str) -> set[str]:
    b = body(text)
    return {b[i : i + CHUNK] for i in range(0, max(len(b) - CHUNK + 1, 1), CHUNK)}


def overlaps(raw: Path, folders: list[Path]) -> list[tuple[float, int, int, Path]]:
    """(share, chunks shared, chunks, file) for every earlier raw file sharing a chunk, largest first."""
    mine = chunks(raw.read_text(encoding="utf-8"))
    found = []
    for f in _raw_files(folders, raw):
        other = body(f.read_text(encoding="utf-8"))
        hit = sum(1 for c in mine if c in other)
        if hit:
            found.append((hit / len(mine), hit, len(mine), f))
    return sorted(found, key=lambda t: (t[0], str(t[3])), reverse=True)


def _raw_files(folders: list[Path], skip: Path) -> Iterator[Path]:
    for folder in folders:
        for f in sorted((folder / "raw").glob("*.txt")):
            if f.resolve() != skip.resolve():
                yield f


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("raw", nargs="?", type=Path, help="the copied text, once written")
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "real")
    p.add_argument("--claims", type=Path, help="a claim list shared by collectors (url<TAB>who<TAB>…)")
    p.add_argument(
        "--extra", type=Path, nargs="*", default=[], help="collectors' folders (raw/, SOURCES.tsv)"
    )
    args = p.parse_args(argv)
    folders = [args.shared, *sorted(d for d in REAL.iterdir() if (d / "raw").is_dir()), *args.extra]
    held_file = args.shared / "HELD_OUT_URL_SHA256.txt"
    held = set(held_file.read_text().split()) if held_file.is_file() else set()
    if any(url_digest(u) in held for u in url_variants(args.url)):
        print("HELD: kept aside for independent measurement. Never open it, never describe it.")
        return 2
    where = known_urls(folders, args.claims).get(url_key(args.url))
    if where and not where.startswith("CLAIMED"):
        print(f"KNOWN: already collected as {where}")
        return 3
    if args.raw is None:
        print(where or "NEW: claim it before writing it")
        return 0
    found = overlaps(args.raw, folders)
    for share, hit, n, f in found[:5]:
        print(f"  overlap {share:.2f} ({hit} of {n} chunks) with {f.parent.parent.name}/{f.name}")
    if any(share >= SAME_SHARE and hit >= SAME_MIN for share, hit, _, _ in found):
        print("SAME REPORT: a quarter or more of its text is in one earlier file. Skip it.")
        return 4
    print("OK: no earlier file holds a quarter of its text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
