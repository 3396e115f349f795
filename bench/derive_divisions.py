"""Derive a real corpus folder's gold division codes (`gold/divisions.csv`) from its SOURCES.tsv.

Why a script: the gold codes must come from the TRUE identity the collector established from the
page and its site (SOURCES.tsv: town, county, province), looked up in the national register
(seeds/register/), never from the extractor's output. Written for the second test split; run on the
earlier folders it reproduces their hand-derived files (the check `--compare` prints differences).

    python -m bench.derive_divisions tests/fixtures/real/test            # writes gold/divisions.csv
    python -m bench.derive_divisions tests/fixtures/real/dev --compare   # prints differences only

A township's code is given when exactly one registered township of that name (or alias) lies in the
county and province the source gives; a county-level body's (town = a 县/区/市/旗 name) when exactly
one county-level division of that name lies in the province. Otherwise the code is empty and `how`
says why.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from bench.real_identity import _truth
from etl.normalise import to_simplified
from etl.register import Division, county_type, register

COLUMNS = ("file", "division_code", "register_name", "register_county", "how")


def body_name(town: str, county: str) -> str:
    """The body as its page signs it (罗湖区翠竹街道办事处, 陶庄镇人民政府) -> the name between the county
    and the suffix (翠竹街道), which is what the register holds."""
    for suffix in ("办事处", "人民政府"):
        town = town.removesuffix(suffix) if len(town) > len(suffix) + 1 else town
    if county and town.startswith(county) and len(town) > len(county) + 1:
        town = town[len(county) :]
    return town


def true_town(row: dict[str, str]) -> tuple[str, str]:
    """The body a SOURCES.tsv row names (before body_name), and a note when it was read from a joint
    name: a county-level report leaves town empty (the county is the body); a zone and a county under
    one government are written ZONE(COUNTY) with that county as the row's county ('高新区(新市区)' of
    乌鲁木齐), and the body is the registered county."""
    town, county = _truth(row.get("town", "")), _truth(row.get("county", ""))
    if not row.get("town", "").strip() and county:
        return county, ""
    joint = re.search(r"[(（]([^()（）]+)[)）]\s*$", to_simplified(row.get("town", "")))
    if joint and county and joint.group(1) == county and town != county and register().county(county):
        return county, " (a zone and a county under one government, ZONE(COUNTY))"
    return town, ""


def derive(row: dict[str, str]) -> dict[str, str]:
    """One SOURCES.tsv row -> one divisions.csv row."""
    reg = register()
    town, county = _truth(row.get("town", "")), _truth(row.get("county", ""))
    province_field = row.get("province", "")
    province = _truth(province_field)
    prefecture = province_field.split("(")[1].rstrip(")") if "(" in province_field else ""
    out = {"file": row["file"], "division_code": "", "register_name": "", "register_county": "", "how": ""}

    def area_ok(d: Division, places: list[str]) -> bool:
        return all(reg.in_area(d, p) for p in places if p and p != "unknown")

    town, joint_how = true_town(row)
    town = body_name(town, county)
    county_level = town and (town == county or (county_type(town) and not reg.township(town)))
    if county_level:
        found = [d for d in reg.county(town) if area_ok(d, [province])]
        if len(found) == 1:
            d = found[0]
            return out | {"division_code": d.code, "register_name": d.name, "register_county": d.name,
                          "how": "county-level body and province" + joint_how}  # fmt: skip
        return out | {"how": f"not derivable: {len(found)} county-level entries named {town} in {province}"}
    named = reg.township(town) if town else []
    found = [d for d in named if area_ok(d, [county, province])]
    how = "town, county and province"
    if not found and county and named:
        # the source names an economic zone or new area as the county, which the register does not hold
        by_province = [d for d in named if area_ok(d, [province, prefecture])]
        if len(by_province) == 1 and not reg.county(county):
            found, how = by_province, f"town and province ({county} is not its county in the register)"
    if len(found) == 1:
        d = found[0]
        return out | {
            "division_code": d.code,
            "register_name": d.name,
            "register_county": d.county,
            "how": how,
        }
    return out | {
        "how": f"not derivable: {len(named)} register entries named {town}, {len(found)} in "
        f"{county or '?'}/{province or '?'}"
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.derive_divisions", description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--compare", action="store_true", help="print differences with gold/divisions.csv")
    args = p.parse_args(argv)
    with (args.folder / "SOURCES.tsv").open(encoding="utf-8") as fh:
        rows = [derive(r) for r in csv.DictReader(fh, delimiter="\t")]
    target = args.folder / "gold" / "divisions.csv"
    if args.compare:
        with target.open(encoding="utf-8") as fh:
            old = {r["file"]: r["division_code"] for r in csv.DictReader(fh)}
        diffs = [(r["file"], old.get(r["file"]), r["division_code"], r["how"]) for r in rows
                 if old.get(r["file"]) != r["division_code"]]  # fmt: skip
        for d in diffs:
            print(*d, sep="\t")
        print(f"{len(rows)} rows, {len(diffs)} differ", file=sys.stderr)
        return 0
    with target.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    given = sum(bool(r["division_code"]) for r in rows)
    print(f"wrote {target}: {len(rows)} rows, {given} with a code", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
