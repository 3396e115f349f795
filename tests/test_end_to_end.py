"""The whole pipeline on the five seed reports: build, views, a known fact, query, export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl

from tests.conftest import REPO
from tests.contract import CONTRACT_VIEWS, STAR_TABLES


def test_every_contract_view_has_every_contract_column(seeds_warehouse: Path) -> None:
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        for view, columns in CONTRACT_VIEWS.items():
            have = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
            missing = [c for c in columns if c not in have]
            assert not missing, f"{view} lacks {missing}"
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert set(STAR_TABLES) <= tables
    finally:
        con.close()


def test_known_gold_fact_reaches_v_facts(seeds_warehouse: Path, gold_facts: list[dict[str, str]]) -> None:
    row = next(g for g in gold_facts if g["evidence"] == "举办法律讲座4场")
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        got = con.execute(
            "SELECT f.value, f.qualifier FROM v_facts f JOIN v_reports r USING (report_id) "
            "WHERE r.source_path = ? AND f.indicator_code = ?",
            [row["report_file"], row["indicator_code"]],
        ).fetchall()
    finally:
        con.close()
    assert [(float(v), q) for v, q in got] == [(float(row["value"]), row["qualifier"])]


def test_every_seed_is_listed_in_v_reports(seeds_warehouse: Path, gold_reports: list[dict[str, str]]) -> None:
    con = duckdb.connect(str(seeds_warehouse), read_only=True)
    try:
        got = dict(con.execute("SELECT source_path, status FROM v_reports").fetchall())
    finally:
        con.close()
    assert {g["report_file"] for g in gold_reports} == set(got)
    assert set(got.values()) == {"loaded"}


def _fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warehouse.cli", *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_cli_query_and_export(seeds_warehouse: Path, tmp_path: Path) -> None:
    res = _fazhi(
        "query", "--warehouse", str(seeds_warehouse), "--format", "csv", "select count(*) as n from v_facts"
    )
    assert res.returncode == 0, res.stderr
    assert int(res.stdout.splitlines()[1]) > 0

    res = _fazhi("export", "--warehouse", str(seeds_warehouse), "--out", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    written = {p.stem for p in (tmp_path / "out").glob("*.parquet")}
    assert set(CONTRACT_VIEWS) <= written
    facts = pl.read_parquet(tmp_path / "out" / "v_facts.parquet")
    assert facts.height > 0 and "indicator_code" in facts.columns


def test_cli_build_publishes_and_summarises(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    res = _fazhi("build", "--source", str(REPO / "seeds" / "reports"), "--warehouse", str(target))
    assert res.returncode == 0, res.stderr
    assert target.is_file() and "reports loaded" in res.stderr
    assert not Path(f"{target}.wal").exists()


def test_cli_build_missing_source_fails_cleanly(tmp_path: Path) -> None:
    res = _fazhi("build", "--source", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert res.returncode != 0
    assert res.stderr.strip().startswith("fazhi: error:") and "nope" in res.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_dagster_definitions_validate() -> None:
    res = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-2000:]
