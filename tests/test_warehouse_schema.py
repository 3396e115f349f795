"""The star schema on hand-made frames: keys, unknown members, supersession, constraints, checks, comments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from tests.contract import CONTRACT_VIEWS
from tests.warehouse_fixtures import extraction, fact, fazhi_key, report, rows
from warehouse import build, checks

T0 = 1_700_000_000_000_000_000  # a file mtime in ns


def stage(tmp_path: Path, reports: list[dict[str, object]], facts: list[dict[str, object]] = ()) -> Path:  # type: ignore[assignment]
    staging = tmp_path / "staged.duckdb"
    build.stage(staging, extraction(reports, list(facts)))
    return staging


def test_same_town_name_in_two_counties_is_two_towns_with_natural_keys(tmp_path: Path) -> None:
    a = report("a.txt", town="高庄镇", county="即墨区", report_year=2024)
    b = report("b.txt", town="高庄镇", county="宝丰县", report_year=2024)
    c = report("c.txt", town="高庄镇", county=None, report_year=2023)
    db = stage(tmp_path, [a, b, c])
    towns = dict(rows(db, "SELECT natural_key, town_key FROM dim_town"))
    assert towns == {
        "(unknown)": 0,
        "高庄镇|即墨区": fazhi_key("高庄镇|即墨区"),
        "高庄镇|宝丰县": fazhi_key("高庄镇|宝丰县"),
        "高庄镇|": fazhi_key("高庄镇|"),
    }
    # both 2024 reports stay loaded: different towns, so no supersession between them
    assert rows(db, "SELECT count(*) FROM v_reports WHERE status = 'loaded'") == [(3,)]
    assert rows(db, "SELECT report_key FROM dim_report WHERE source_path = 'a.txt'") == [
        (fazhi_key(str(a["report_id"])),)
    ]


def test_unknown_members_and_year_dimension(tmp_path: Path) -> None:
    ok = report("ok.txt", town="木叶乡", report_year=2024)
    bad = report("bad.bin", status="rejected", reject_reason="not text", text=None)
    db = stage(tmp_path, [ok, bad])
    assert rows(db, "SELECT year_key, report_year, year_start FROM dim_year ORDER BY 1") == [
        (0, None, None),
        (2024, 2024, date(2024, 1, 1)),
    ]
    assert rows(db, "SELECT level FROM dim_town WHERE town_key = 0") == [("unknown",)]
    assert rows(db, "SELECT town_key, year_key, status FROM dim_report WHERE source_path = 'bad.bin'") == [
        (0, 0, "rejected")
    ]
    got = rows(
        db, "SELECT town, town_key, report_year, reject_reason FROM v_reports WHERE status = 'rejected'"
    )
    assert got == [(None, None, None, "not text")]


def test_rebuilding_the_same_frames_gives_identical_keys_and_rows(tmp_path: Path) -> None:
    reps = [report(f"{i}.txt", town=f"镇{i}镇", report_year=2020 + i) for i in range(4)]
    facts = [fact(str(r["report_id"]), "lectures", 3 + i) for i, r in enumerate(reps)]
    one = stage(tmp_path / "1", reps, facts)
    two = stage(tmp_path / "2", list(reversed(reps)), list(reversed(facts)))  # input order must not matter
    for table in ("dim_town", "dim_year", "dim_indicator", "dim_report", "fact_indicator_value"):
        assert rows(one, f"SELECT * FROM {table} ORDER BY ALL") == rows(
            two, f"SELECT * FROM {table} ORDER BY ALL"
        )


def _supersession(tmp_path: Path, *reps: dict[str, object]) -> dict[str, tuple[object, ...]]:
    db = stage(
        tmp_path, list(reps), [fact(str(r["report_id"]), "lectures", i + 1) for i, r in enumerate(reps)]
    )
    return {str(r[0]): r[1:] for r in rows(db, "SELECT source_path, status, superseded_by FROM v_reports")}


def test_newer_publish_date_wins_over_newer_mtime(tmp_path: Path) -> None:
    old = report(
        "z_old.txt", town="木叶乡", report_year=2024, publish_date=date(2025, 3, 1), file_mtime_ns=T0 + 9
    )
    new = report(
        "a_new.txt", town="木叶乡", report_year=2024, publish_date=date(2025, 4, 1), file_mtime_ns=T0
    )
    undated = report("m.txt", town="木叶乡", report_year=2024, publish_date=None, file_mtime_ns=T0 + 99)
    got = _supersession(tmp_path, old, new, undated)
    assert got["a_new.txt"] == ("loaded", None)
    assert got["z_old.txt"] == ("superseded", new["report_id"])
    assert got["m.txt"] == ("superseded", new["report_id"])  # a known date beats an unknown one


def test_without_publish_dates_the_later_mtime_then_the_greater_path_wins(tmp_path: Path) -> None:
    a = report("a.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0 + 5)
    b = report("b.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0)
    assert _supersession(tmp_path / "m", a, b)["a.txt"] == ("loaded", None)
    c = report("c.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0)
    d = report("d.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0)
    got = _supersession(tmp_path / "p", c, d)
    assert got["d.txt"] == ("loaded", None) and got["c.txt"][0] == "superseded"


def test_superseded_and_rejected_reports_stay_out_of_every_analysis_view(tmp_path: Path) -> None:
    old = report("old.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0)
    new = report("new.txt", town="木叶乡", report_year=2024, file_mtime_ns=T0 + 1)
    prev = report("prev.txt", town="木叶乡", report_year=2023)
    other = report("other.txt", town="青石镇", report_year=2024)
    facts = [
        fact(str(old["report_id"]), "lectures", 99),
        fact(str(new["report_id"]), "lectures", 5),
        fact(str(prev["report_id"]), "lectures", 4),
        fact(str(other["report_id"]), "lectures", 7),
    ]
    db = stage(tmp_path, [old, new, prev, other], facts)
    lectures_2024 = "indicator_code = 'lectures' AND report_year = 2024"
    assert sorted(rows(db, f"SELECT town, value FROM v_facts WHERE {lectures_2024}")) == [
        ("木叶乡", 5),
        ("青石镇", 7),
    ]
    assert rows(
        db, f"SELECT value, prev_value FROM v_indicator_yoy WHERE town = '木叶乡' AND {lectures_2024}"
    ) == [(5, 4)]
    assert rows(db, f"SELECT n_towns, median_value FROM v_cross_town WHERE {lectures_2024} LIMIT 1") == [
        (2, 6)
    ]
    assert rows(db, f"SELECT count(*) FROM v_coverage WHERE reported AND {lectures_2024}") == [(2,)]
    wide = rows(db, "SELECT lectures FROM v_town_year_wide WHERE town = '木叶乡' AND report_year = 2024")
    assert wide == [(5,)]
    assert rows(db, "SELECT count(*) FROM v_report_text WHERE status = 'superseded'") == [(1,)]


def test_primary_and_foreign_keys_are_declared(seeds_warehouse: Path) -> None:
    cons = rows(
        seeds_warehouse,
        "SELECT table_name, constraint_type, constraint_column_names, referenced_table "
        "FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')",
    )
    pks = {t for t, kind, _, _ in cons if kind == "PRIMARY KEY"}
    tables = {r[0] for r in rows(seeds_warehouse, "SELECT table_name FROM duckdb_tables()")}
    assert pks == tables
    fks = {(t, tuple(cols), ref) for t, kind, cols, ref in cons if kind == "FOREIGN KEY"}
    for dim, col in (
        ("dim_report", "report_key"),
        ("dim_indicator", "indicator_key"),
        ("dim_town", "town_key"),
        ("dim_year", "year_key"),
    ):
        assert ("fact_indicator_value", (col,), dim) in fks
    assert ("dim_report", ("town_key",), "dim_town") in fks
    for detail in (
        "fact_mention",
        "fact_unmatched_quantity",
        "report_section",
        "report_problem",
        "report_quality_flag",
    ):
        assert (detail, ("report_key",), "dim_report") in fks


def test_every_table_view_and_column_has_a_bilingual_comment(seeds_warehouse: Path) -> None:
    missing = rows(
        seeds_warehouse,
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal "
        "AND (comment IS NULL OR NOT regexp_matches(comment, '[\\x{4e00}-\\x{9fff}].*/ .*[A-Za-z]'))",
    )
    assert not missing, f"columns without a Chinese / English comment: {missing[:10]}"
    uncommented = rows(
        seeds_warehouse,
        "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL",
    )
    assert not uncommented
    views = {r[0] for r in rows(seeds_warehouse, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert set(CONTRACT_VIEWS) | {"v_coverage", "v_town_year_wide", "v_report_text"} <= views


def test_wide_view_has_one_column_per_catalogue_indicator(seeds_warehouse: Path) -> None:
    codes = {r[0] for r in rows(seeds_warehouse, "SELECT indicator_code FROM dim_indicator")}
    cols = {
        r[0]
        for r in rows(
            seeds_warehouse, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'v_town_year_wide'"
        )
    }
    assert codes <= cols


def _failing(db: Path) -> set[str]:
    return {c.name for c in checks.run_checks(db) if not c.passed}


def test_clean_data_passes_every_check(tmp_path: Path) -> None:
    r = report("a.txt", town="木叶乡", report_year=2024)
    db = stage(
        tmp_path,
        [r],
        [fact(str(r["report_id"]), "court_appearance_rate", 100), fact(str(r["report_id"]), "lectures", 0)],
    )
    assert _failing(db) == set()


def test_a_coded_column_outside_its_values_fails_values_in_domain(tmp_path: Path) -> None:
    r = report("a.txt", town="木叶乡", report_year=2024)
    db = stage(tmp_path, [r], [fact(str(r["report_id"]), "lectures", 3.0, qualifier="roughly")])
    assert _failing(db) == {"values_in_domain"}
    result = next(c for c in checks.run_checks(db) if c.name == "values_in_domain")
    assert result.violations == 1 and result.description


OUT_OF_RANGE = [  # (indicator, value, value_high, the words the rule must contain)
    ("court_appearance_rate", 105.9, None, "value <= 100 %"),
    ("dispute_resolution_rate", 95.0, 101.0, "value <= 100 %"),
    ("lectures", -3.0, None, "never negative"),
    ("penalty_amount", -10.0, None, "never negative"),
    ("legal_consultations", 12.5, None, "whole number"),
    ("disputes_mediated", 5e8, None, "value <= 100000 件"),
]


def test_values_outside_their_domain_are_quarantined_not_blocking(tmp_path: Path) -> None:
    """A rate above 100, a negative count or amount, a fractional count and an absurd magnitude each
    stay out of v_facts (and the derived views), appear in v_data_quality with value, evidence and
    rule, and no blocking check fails. In-range values of the same report load as usual."""
    r = report("a.txt", town="木叶乡", report_year=2024)
    rid = str(r["report_id"])
    bad = [
        fact(rid, code, value, value_high=high, evidence=f"{code}的原句")
        for code, value, high, _ in OUT_OF_RANGE
    ]
    good = [fact(rid, "publicity_materials", 5000), fact(rid, "enforcement_satisfaction", 100)]
    db = stage(tmp_path, [r], [*bad, *good])
    assert _failing(db) == set()
    assert sorted(rows(db, "SELECT indicator_code FROM v_facts")) == [
        ("enforcement_satisfaction",),
        ("publicity_materials",),
    ]
    for view in ("v_indicator_yoy", "v_cross_town", "v_town_year_wide"):
        assert rows(db, f"SELECT count(*) FROM {view}")[0][0] >= 1
    assert rows(db, "SELECT count(*) FROM v_cross_town WHERE indicator_code = 'disputes_mediated'") == [(0,)]
    assert rows(db, "SELECT disputes_mediated, court_appearance_rate FROM v_town_year_wide") == [(None, None)]
    assert rows(db, "SELECT n_facts FROM v_reports") == [(2,)]
    got = {
        code: (float(value), evidence, rule)
        for code, value, evidence, rule in rows(
            db,
            "SELECT indicator_code, value, evidence, rule FROM v_data_quality "
            "WHERE flag = 'value_out_of_range' AND report_id = ?",
            [rid],
        )
    }
    assert set(got) == {code for code, *_ in OUT_OF_RANGE}
    for code, value, _, words in OUT_OF_RANGE:
        assert got[code][0] == value and got[code][1] == f"{code}的原句"
        assert words in got[code][2], (code, got[code][2])
    assert "seeds/indicators.csv" in got["disputes_mediated"][2]


def test_a_catalogue_row_without_a_ceiling_keeps_the_value_type_rules(tmp_path: Path) -> None:
    """Rows added to seeds/indicators.csv without the ceiling columns (or an older catalogue without
    them) still load: a rate is capped at 100, a count must be a whole number, nothing else is capped."""
    import polars as pl  # noqa: PLC0415

    src = Path(__file__).resolve().parents[1] / "seeds" / "indicators.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    extra = [
        "new_share,新比例,study,学法用法,%,rate,A share added without a ceiling.",
        "new_count,新数量,study,学法用法,次,count,A count added without a ceiling.",
    ]
    catalogue = tmp_path / "indicators.csv"
    catalogue.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    assert pl.read_csv(catalogue, infer_schema=False)["ceiling"].null_count() == 2
    r = report("a.txt", town="木叶乡", report_year=2024)
    rid = str(r["report_id"])
    staging = tmp_path / "staged.duckdb"
    facts = [fact(rid, "new_share", 150.0), fact(rid, "new_count", 5e9), fact(rid, "lectures", 4.0)]
    build.stage(staging, extraction([r], facts), catalogue)
    ceilings = rows(
        staging, "SELECT indicator_code, ceiling FROM dim_indicator WHERE indicator_code LIKE 'new_%'"
    )
    assert sorted(ceilings) == [("new_count", None), ("new_share", 100)]
    assert sorted(rows(staging, "SELECT indicator_code FROM v_facts")) == [("lectures",), ("new_count",)]
    assert rows(staging, "SELECT indicator_code FROM v_data_quality WHERE flag = 'value_out_of_range'") == [
        ("new_share",)
    ]
    assert _failing(staging) == set()


def test_a_fact_that_bypassed_the_quarantine_fails_facts_within_domain(tmp_path: Path) -> None:
    """The check guards the load itself: a fact row written straight into fact_indicator_value,
    past 030_facts.sql's domain test, fails it."""
    r = report("a.txt", town="木叶乡", report_year=2024)
    db = stage(tmp_path, [r], [fact(str(r["report_id"]), "court_appearance_rate", 100)])
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE fact_indicator_value SET value = 105.9")
    finally:
        con.close()
    assert _failing(db) == {"facts_within_domain"}


def test_a_view_that_no_longer_binds_fails_views_readable(tmp_path: Path) -> None:
    db = stage(tmp_path, [report("a.txt", town="木叶乡", report_year=2024)])
    con = duckdb.connect(str(db))
    try:
        con.execute("CREATE OR REPLACE VIEW v_problems AS SELECT no_such_column FROM dim_report")
    except duckdb.Error:  # DuckDB may refuse it at once; then break it by dropping what it reads
        con.execute("CREATE OR REPLACE TABLE keep_me AS SELECT 1 AS x")
        con.execute("CREATE OR REPLACE VIEW v_problems AS SELECT x FROM keep_me")
        con.execute("DROP TABLE keep_me")
    finally:
        con.close()
    result = next(c for c in checks.run_checks(db) if c.name == "views_readable")
    assert not result.passed and result.violations == 1
    assert _failing(db) == {"views_readable"}


def test_a_loaded_report_without_town_fails_loaded_reports_identified(tmp_path: Path) -> None:
    db = stage(tmp_path, [report("a.txt", town=None, report_year=2024)])
    assert _failing(db) == {"loaded_reports_identified"}


def test_checks_read_only_and_named_from_files() -> None:
    names = checks.check_names()
    assert {
        "keys_unique",
        "foreign_keys_resolve",
        "facts_within_domain",
        "views_readable",
        "loaded_reports_identified",
        "one_loaded_report_per_town_year",
        "values_in_domain",
    } <= set(names)
    assert len(names) == len(set(names))


def test_staging_file_has_no_wal_and_opens_read_only(tmp_path: Path) -> None:
    db = stage(tmp_path, [report("a.txt", town="木叶乡", report_year=2024)])
    assert not Path(f"{db}.wal").exists()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute(
            "SELECT value FROM build_info WHERE key = 'storage_compatibility_version'"
        ).fetchone() == ("v1.0.0",)
    finally:
        con.close()
