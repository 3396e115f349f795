"""BI compatibility: the published file opens in a separate DuckDB 1.4 install, and SQLAlchemy's
duckdb-engine (what Superset uses) reflects tables, views and their comments, read-only.

The DuckDB 1.4 install is an isolated venv under `<repo>/.cache/duckdb14-venv` (gitignored), created
on first use with `pip install duckdb==1.4.4 duckdb-engine "sqlalchemy<2"`. When pip cannot reach a
package index the 1.4 tests are skipped with the reason printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from tests.contract import CONTRACT_VIEWS, STAR_TABLES

VENV = REPO / ".cache" / "duckdb14-venv"
PACKAGES = ["duckdb==1.4.4", "duckdb-engine", "sqlalchemy<2"]
EXTRA_VIEWS = ["v_coverage", "v_town_year_wide", "v_report_text"]

# Run inside the DuckDB 1.4 venv: read every view, then reflect like Superset (SQLAlchemy 1.4).
PROBE = r"""
import json, sys
import duckdb
import sqlalchemy as sa

db = sys.argv[1]
out = {"duckdb": duckdb.__version__, "sqlalchemy": sa.__version__, "rows": {}}
con = duckdb.connect(db, read_only=True)
views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
for v in sorted(views):
    out["rows"][v] = len(con.execute(f'SELECT * FROM "{v}"').fetchall())
out["uncommented"] = con.execute(
    "SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND comment IS NULL").fetchone()[0]
con.close()
eng = sa.create_engine(f"duckdb:///{db}?access_mode=read_only")
insp = sa.inspect(eng)
out["tables"], out["views"] = insp.get_table_names(), insp.get_view_names()
names = out["tables"] + out["views"]
out["column_comments"] = {n: {c["name"]: c.get("comment") for c in insp.get_columns(n)} for n in names}
out["comments"] = {n: insp.get_table_comment(n)["text"] for n in names}
eng.dispose()
print(json.dumps(out, ensure_ascii=False))
"""


def _venv_python() -> Path:
    """The isolated DuckDB 1.4 interpreter, created on first use; skip (with the reason) if impossible."""
    python = VENV / "bin" / "python"
    check = [
        str(python),
        "-c",
        "import duckdb, duckdb_engine, sqlalchemy; assert duckdb.__version__.startswith('1.4')",
    ]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    VENV.parent.mkdir(parents=True, exist_ok=True)
    venv.create(VENV, with_pip=True, clear=True)
    res = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if res.returncode != 0 or subprocess.run(check, capture_output=True).returncode != 0:
        reason = (res.stderr.strip().splitlines() or ["unknown pip error"])[-1]
        print(f"SKIP: cannot install {PACKAGES} into {VENV}: {reason}", file=sys.stderr)
        pytest.skip(f"no DuckDB 1.4 install available (pip: {reason})")
    return python


@pytest.fixture(scope="module")
def probe_14(seeds_warehouse: Path) -> dict[str, object]:
    python = _venv_python()
    res = subprocess.run(
        [str(python), "-c", PROBE, str(seeds_warehouse)], capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)


def _row_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        views = [
            r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        ]
        return {v: len(con.execute(f'SELECT * FROM "{v}"').fetchall()) for v in sorted(views)}
    finally:
        con.close()


def test_duckdb_14_reads_every_view_with_the_same_rows(
    probe_14: dict[str, object], seeds_warehouse: Path
) -> None:
    assert str(probe_14["duckdb"]).startswith("1.4")
    rows14 = probe_14["rows"]
    assert isinstance(rows14, dict)
    assert set(CONTRACT_VIEWS) | set(EXTRA_VIEWS) <= set(rows14)
    assert rows14 == _row_counts(seeds_warehouse)  # what DuckDB 2.0 reads from the same file
    assert rows14["v_facts"] > 0
    assert probe_14["uncommented"] == 0


def _assert_reflection(tables: list[str], views: list[str], cols: dict, comments: dict) -> None:  # type: ignore[type-arg]
    assert set(STAR_TABLES) <= set(tables)
    assert set(CONTRACT_VIEWS) | set(EXTRA_VIEWS) <= set(views)
    for name in [*STAR_TABLES, *CONTRACT_VIEWS, *EXTRA_VIEWS]:
        assert comments[name], f"{name}: no comment visible to reflection"
        missing = [c for c, text in cols[name].items() if not text]
        assert not missing, f"{name}: columns without a reflected comment: {missing}"
    for view, columns in CONTRACT_VIEWS.items():
        assert set(columns) <= set(cols[view]), view


def test_superset_stack_reflects_views_and_comments(probe_14: dict[str, object]) -> None:
    """duckdb-engine + SQLAlchemy 1.4 + DuckDB 1.4, as Superset images ship them."""
    assert str(probe_14["sqlalchemy"]).startswith("1.")
    _assert_reflection(
        probe_14["tables"], probe_14["views"], probe_14["column_comments"], probe_14["comments"]
    )  # type: ignore[arg-type]


def test_duckdb_engine_reflection_in_the_project_env(seeds_warehouse: Path) -> None:
    """duckdb-engine on this project's DuckDB 2.0 and SQLAlchemy 2.0, read-only."""
    sa = pytest.importorskip("sqlalchemy")
    pytest.importorskip("duckdb_engine")
    engine = sa.create_engine(f"duckdb:///{seeds_warehouse}?access_mode=read_only")
    try:
        insp = sa.inspect(engine)
        tables, views = insp.get_table_names(), insp.get_view_names()
        names = tables + views
        cols = {n: {c["name"]: c.get("comment") for c in insp.get_columns(n)} for n in names}
        comments = {n: insp.get_table_comment(n)["text"] for n in names}
        with engine.connect() as conn:
            n_facts = conn.execute(sa.text("SELECT count(*) FROM v_facts")).scalar_one()
            with pytest.raises(sa.exc.DBAPIError):  # read-only really is read-only
                conn.execute(sa.text("CREATE TABLE scratch (x INTEGER)"))
    finally:
        engine.dispose()
    _assert_reflection(tables, views, cols, comments)
    assert n_facts > 0
