"""`fazhi query` is read-only and safe to expose (issue 7).

Every statement an attacker (or a careless analyst) might try is run through the real CLI: it must
exit non-zero with ONE line on stderr, write no file, leave the warehouse byte-identical, and never
read a file outside the warehouse. The second fence (read-only connection, external access off,
configuration locked) is tested on its own too, without the statement filter in front of it.
Resource limits: a pathological cross join is cancelled by --timeout, a memory-hungry query hits
FAZHI_QUERY_MEMORY_LIMIT, an enormous result hits FAZHI_QUERY_MAX_ROWS; each says which setting.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import duckdb
import pytest

from tests.test_robustness_support import build, clean_env, error_line, fazhi, sha256, write_reports
from warehouse.query import QueryError, connect_readonly, run_query

SECRET = "top-secret-line-42"


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("query_sandbox")
    src, target = base / "reports", base / "wh" / "fazhi.duckdb"
    write_reports(src, [("青石镇", "安远县", 2023), ("青石镇", "安远县", 2024), ("白沙乡", "安远县", 2024)])
    res = build(src, target)
    assert res.returncode == 0, res.stderr[-3000:]
    secret = base / "secret.csv"
    secret.write_text(f"a\n{SECRET}\n", encoding="utf-8")
    other = base / "other.duckdb"
    duckdb.connect(str(other)).close()
    return {"target": target, "base": base, "secret": secret, "other": other}


def _q(wh: dict[str, Path], sql: str, *opts: str, **env: str) -> tuple[int, str, str]:
    res = fazhi("query", "--warehouse", str(wh["target"]), *opts, sql, env=clean_env(**env), timeout=120)
    return res.returncode, res.stdout, res.stderr


def _refused(wh: dict[str, Path], sql: str, *opts: str, **env: str) -> str:
    """Runs `sql`; asserts it failed in one line and changed nothing; returns that line."""
    before = sha256(wh["target"])
    files_before = {p for p in wh["base"].rglob("*") if ".fazhi-cache" not in p.parts}
    res = fazhi("query", "--warehouse", str(wh["target"]), *opts, sql, env=clean_env(**env), timeout=120)
    assert res.returncode != 0, f"not refused: {sql!r} -> {res.stdout[:300]}"
    line = error_line(res)
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert SECRET not in res.stdout + res.stderr
    assert sha256(wh["target"]) == before
    created = {p for p in wh["base"].rglob("*") if ".fazhi-cache" not in p.parts} - files_before
    assert not created, f"{sql!r} created {created}"
    return line


def test_ordinary_analyst_queries_still_work(wh: dict[str, Path]) -> None:
    for sql in (
        "SELECT town, report_year, count(*) FROM v_facts GROUP BY ALL ORDER BY ALL",
        "WITH y AS (SELECT DISTINCT report_year FROM v_reports) SELECT count(*) FROM y",
        "FROM v_reports SELECT status, count(*) GROUP BY status",
        "DESCRIBE v_facts",
        "SHOW TABLES",
        "EXPLAIN SELECT * FROM v_facts",
        "SELECT view_name FROM duckdb_views() WHERE NOT internal",
    ):
        rc, out, err = _q(wh, sql, "--format", "csv")
        assert rc == 0, (sql, err)
        assert out.strip(), sql


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT * FROM v_facts) TO '{base}/leak.csv'",
        "COPY v_reports TO '{base}/leak.parquet' (FORMAT parquet)",
        "EXPORT DATABASE '{base}/dump'",
        "ATTACH '{other}' AS other",
        "ATTACH '{base}/new.duckdb' AS fresh",
        "DETACH fazhi",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv('{secret}')",
        "SELECT content FROM read_text('{secret}')",
        "SELECT * FROM '{secret}'",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_parquet('https://example.com/x.parquet')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "FORCE INSTALL sqlite",
        "SET enable_external_access = true",
        "SET memory_limit = '100GB'",
        "SET threads = 64",
        "RESET lock_configuration",
        "PRAGMA memory_limit = '100GB'",
        "PRAGMA enable_profiling",
        "CALL pragma_version()",
        "CHECKPOINT",
        "CREATE TEMP TABLE t AS SELECT 1 AS a",
        "CREATE TABLE t (a INTEGER)",
        "CREATE OR REPLACE VIEW v_facts AS SELECT 1 AS a",
        "CREATE MACRO leak(x) AS x",
        "INSERT INTO dim_year VALUES (1, 1999)",
        "UPDATE dim_report SET status = 'loaded'",
        "DELETE FROM fact_indicator_value",
        "DROP VIEW v_facts",
        "ALTER TABLE dim_town RENAME TO x",
        "SELECT 1; DROP VIEW v_facts",
        "SELECT 1; COPY (SELECT 1) TO '{base}/leak.csv'",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '{base}/leak.csv'",
        "BEGIN TRANSACTION",
        "VACUUM",
        "USE memory",
        "PREPARE p AS SELECT 1",
    ],
)
def test_forbidden_statement_is_refused_in_one_line(wh: dict[str, Path], sql: str) -> None:
    _refused(wh, sql.format(base=wh["base"], secret=wh["secret"], other=wh["other"]))


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT 1) TO '{base}/leak.csv'",
        "EXPORT DATABASE '{base}/dump'",
        "ATTACH '{other}' AS other",
        "SELECT * FROM read_csv('{secret}')",
        "SELECT content FROM read_text('/etc/passwd')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "SET memory_limit = '100GB'",
        "SET temp_directory = '{base}/spill'",
        "CREATE TABLE t (a INTEGER)",
        "DROP VIEW v_facts",
    ],
)
def test_the_connection_itself_refuses_without_the_statement_filter(wh: dict[str, Path], sql: str) -> None:
    """Defence in depth: even if the SELECT-only filter were bypassed, the connection says no."""
    before = sha256(wh["target"])
    con = connect_readonly(wh["target"])
    try:
        with pytest.raises(duckdb.Error):
            con.execute(sql.format(base=wh["base"], secret=wh["secret"], other=wh["other"])).fetchall()
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('enable_external_access', 'lock_configuration', 'temp_directory', 'access_mode')"
            ).fetchall()
        )
    finally:
        con.close()
    assert settings["enable_external_access"] == "false"
    assert settings["lock_configuration"] == "true"
    assert settings["temp_directory"] == ""
    assert sha256(wh["target"]) == before
    assert not (wh["base"] / "leak.csv").exists() and not (wh["base"] / "dump").exists()


def test_pathological_cross_join_is_cancelled_by_the_timeout(wh: dict[str, Path]) -> None:
    line = _refused(
        wh,
        "SELECT max(a.range * b.range) FROM range(1000000) a, range(1000000) b",
        "--timeout",
        "1",
    )
    assert "timeout" in line and "--timeout" in line, line


def test_memory_hungry_query_hits_the_memory_limit(wh: dict[str, Path]) -> None:
    line = _refused(
        wh,
        "SELECT string_agg(range::VARCHAR, ',') FROM range(60000000)",
        FAZHI_QUERY_MEMORY_LIMIT="64MB",
    )
    assert "memory limit" in line and "FAZHI_QUERY_MEMORY_LIMIT" in line, line


def test_default_limits_are_in_force(wh: dict[str, Path]) -> None:
    rc, out, err = _q(
        wh,
        "SELECT current_setting('memory_limit'), current_setting('threads'), "
        "current_setting('enable_external_access'), current_setting('lock_configuration')",
        "--format",
        "csv",
    )
    assert rc == 0, err
    memory, threads, external, locked = out.splitlines()[1].split(",")
    assert "GiB" in memory or "MiB" in memory
    assert float(memory.split()[0]) <= (1.0 if "GiB" in memory else 1024)  # the 1GB default
    assert int(threads) <= 2 and external.lower() == "false" and locked.lower() == "true"


def test_huge_result_hits_the_row_limit(wh: dict[str, Path]) -> None:
    line = _refused(wh, "SELECT * FROM range(1000)", FAZHI_QUERY_MAX_ROWS="100")
    assert "FAZHI_QUERY_MAX_ROWS" in line and "LIMIT" in line, line
    rc, out, _ = _q(wh, "SELECT * FROM range(100)", "--format", "csv", FAZHI_QUERY_MAX_ROWS="100")
    assert rc == 0 and len(out.splitlines()) == 101


@pytest.mark.parametrize(
    ("setup", "args", "must_name"),
    [
        ("missing", ["SELECT 1"], ["no-such.duckdb", "fazhi build", "--warehouse"]),
        ("not_duckdb", ["SELECT 1"], ["not-a-db.duckdb", "fazhi rollback"]),
        ("ok", ["SELEC 1"], ["syntax error"]),
        ("ok", ["SELECT * FROM v_nonexistent"], ["v_nonexistent", "duckdb_views"]),
        ("ok", ["SELECT 1/'a'"], ["Could not convert"]),
        ("ok", ["--timeout", "0", "SELECT 1"], ["--timeout"]),
        ("bad_memory", ["SELECT 1"], ["FAZHI_QUERY_MEMORY_LIMIT", "512MB"]),
        ("bad_rows", ["SELECT 1"], ["FAZHI_QUERY_MAX_ROWS"]),
    ],
)
def test_query_errors_are_one_line_naming_the_file_or_setting(
    wh: dict[str, Path], tmp_path: Path, setup: str, args: list[str], must_name: list[str]
) -> None:
    target = wh["target"]
    env = clean_env()
    if setup == "missing":
        target = tmp_path / "no-such.duckdb"
    elif setup == "not_duckdb":
        target = tmp_path / "not-a-db.duckdb"
        target.write_text("this is a CSV, not a warehouse\n", encoding="utf-8")
    elif setup == "bad_memory":
        env["FAZHI_QUERY_MEMORY_LIMIT"] = "lots"
    elif setup == "bad_rows":
        env["FAZHI_QUERY_MAX_ROWS"] = "many"
    res = fazhi("query", "--warehouse", str(target), *args, env=env, timeout=120)
    assert res.returncode != 0
    line = error_line(res)
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    for word in must_name:
        assert word in line, (word, line)


def test_run_query_api_raises_query_error_not_duckdb_errors(wh: dict[str, Path]) -> None:
    """Library callers (the Dagster asset, scripts) get the same one-line QueryError."""
    with pytest.raises(QueryError, match="read-only"):
        run_query(wh["target"], "CREATE TEMP TABLE t AS SELECT 1")
    with pytest.raises(QueryError, match="cannot touch files"):
        run_query(wh["target"], f"SELECT * FROM read_csv('{wh['secret']}')")
    cols, got = run_query(wh["target"], "SELECT count(*) AS n FROM v_reports")
    assert cols == ["n"] and got[0][0] == 3


def test_output_cut_short_by_the_reader_is_not_an_error(wh: dict[str, Path]) -> None:
    """`fazhi query ... | head`: the pipe closes early; no traceback, exit 0."""
    import subprocess  # noqa: PLC0415

    from tests.conftest import REPO  # noqa: PLC0415
    from tests.test_robustness_support import fazhi_cmd  # noqa: PLC0415

    for fmt in ("csv", "table"):
        proc = subprocess.Popen(
            fazhi_cmd("query", "--warehouse", str(wh["target"]), "--format", fmt, "SELECT * FROM range(300000)"),
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(),
        )  # fmt: skip
        assert proc.stdout and proc.stderr
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 0, err
        assert "Traceback" not in err, err


def test_json_output_of_unusual_types(wh: dict[str, Path]) -> None:
    rc, out, err = _q(
        wh,
        "SELECT 'x'::BLOB AS b, uuid() AS u, TIME '10:00' AS t, INTERVAL 3 DAY AS i, [1.5::DECIMAL(4, 1)] AS l",
        "--format",
        "json",
    )
    assert rc == 0, err
    assert '"t": "10:00:00"' in out and '"u": "' in out


# --------------------------------------------------------------------- issue 17: classification, output
@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("INSTALL httpfs", "INSTALL statements"),
        ("FORCE INSTALL sqlite", "FORCE INSTALL statements"),
        ("LOAD httpfs", "LOAD statements"),
        ("PRAGMA memory_limit = '100GB'", "PRAGMA statements"),
        ("SET threads = 64", "SET statements"),
        ("RESET lock_configuration", "RESET statements"),
        ("USE memory", "USE statements"),
        ("CALL pragma_version()", "CALL statements"),
        ("/* 先注释 */ COPY (SELECT 1) TO '{base}/leak.csv'", "COPY statements"),
        ("WITH a AS (SELECT 1 AS x) INSERT INTO dim_year SELECT x, x FROM a", "INSERT statements"),
        ("EXPLAIN COPY (SELECT 1) TO '{base}/leak.csv'", "only EXPLAINs a SELECT"),
        ("EXPLAIN (FORMAT json) /* x */ INSERT INTO dim_year VALUES (1, 1999)", "only EXPLAINs a SELECT"),
        ("", "empty"),
        ("-- nothing but a comment", "empty"),
    ],
)
def test_refusals_name_the_statement_as_duckdb_parses_it(wh: dict[str, Path], sql: str, kind: str) -> None:
    line = _refused(wh, sql.format(base=wh["base"], other=wh["other"]))
    assert kind in line, line


@pytest.mark.parametrize(
    "sql",
    [
        "/* a comment first */ EXPLAIN SELECT * FROM v_facts",
        "-- 查询\nEXPLAIN ANALYZE SELECT count(*) FROM v_reports",
        "EXPLAIN (FORMAT json) SELECT * FROM v_reports",
        "-- a comment first\nSELECT count(*) FROM v_facts",
        "PIVOT (SELECT status, script FROM v_reports) ON status USING count(*)",
        "PIVOT (SELECT status, script FROM v_reports) ON status IN ('loaded', 'rejected') USING count(*)",
        "UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b INTO NAME k VALUE v",
        "FROM v_reports SELECT status",
        "SUMMARIZE v_reports",
        "DESCRIBE SELECT * FROM v_facts",
        "VALUES (1, 'a'), (2, 'b')",
    ],
)
def test_every_read_only_form_is_judged_by_what_it_is(wh: dict[str, Path], sql: str) -> None:
    rc, out, err = _q(wh, sql, "--format", "csv")
    assert rc == 0, (sql, err)
    assert len(out.splitlines()) >= 2, (sql, out)


def test_advice_to_change_a_locked_setting_is_not_given(wh: dict[str, Path]) -> None:
    line = _refused(wh, "SELECT " + "(" * 1200 + "1" + ")" * 1200)
    assert "expression depth" in line and "SET max_expression_depth" not in line, line
    assert "simplify the query" in line


def test_csv_lines_end_in_newline_and_keep_rfc4180_quoting(wh: dict[str, Path]) -> None:
    import shlex  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from tests.conftest import REPO  # noqa: PLC0415
    from tests.test_robustness_support import fazhi_cmd  # noqa: PLC0415

    cmd = shlex.join(fazhi_cmd("query", "--warehouse", str(wh["target"]), "--format", "csv", "select 1 as n"))
    res = subprocess.run(
        f"{cmd} | tail -1", shell=True, cwd=REPO, capture_output=True, env=clean_env(), timeout=120
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout == b"1\n", res.stdout

    sql = (
        "SELECT 'a,b' AS c1, 'say \"hi\"' AS c2, 'two' || chr(10) || 'lines' AS c3, "
        "'cr' || chr(13) || 'inside' AS c4, NULL AS c5, 2 AS c6 UNION ALL SELECT 'x', 'y', 'z', 'w', NULL, 3"
    )
    res = subprocess.run(  # bytes, not text: text mode would turn a CR into a newline
        fazhi_cmd("query", "--warehouse", str(wh["target"]), "--format", "csv", sql),
        cwd=REPO, capture_output=True, env=clean_env(), timeout=120,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stdout == (
        b'c1,c2,c3,c4,c5,c6\n"a,b","say ""hi""","two\nlines","cr\rinside",,2\nx,y,z,w,,3\n'
    ), res.stdout


def test_json_values_of_any_duckdb_type_are_valid_json(wh: dict[str, Path]) -> None:
    import json  # noqa: PLC0415

    def no_constants(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    rc, out, err = _q(
        wh,
        "SELECT MAP {DATE '2024-01-02': 1} AS by_date, MAP {1.5::DECIMAL(4, 1): 'x'} AS by_decimal, "
        "MAP {'00000000-0000-0000-0000-000000000001'::UUID: [1.25::DECIMAL(5, 2)]} AS by_uuid, "
        "MAP {TIMESTAMP '2024-01-02 03:04:05': {'a': INTERVAL 1 DAY}} AS by_ts, "
        "'nan'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, [1, NULL] AS l, {'k': 'v'} AS s, 'x'::BLOB AS b, "
        "TIME '10:00' AS t, 12345678901234567890::HUGEINT AS h, '镇' AS zh",
        "--format",
        "json",
    )
    assert rc == 0, err
    [row] = json.loads(out, parse_constant=no_constants)
    assert row["by_date"] == {"2024-01-02": 1}
    assert row["by_decimal"] == {"1.5": "x"}
    assert row["by_uuid"] == {"00000000-0000-0000-0000-000000000001": [1.25]}
    assert row["by_ts"] == {"2024-01-02T03:04:05": {"a": "1 day, 0:00:00"}}
    assert row["nan"] == "NaN" and row["inf"] == "Infinity"
    assert row["l"] == [1, None] and row["s"] == {"k": "v"} and row["t"] == "10:00:00"
    assert row["h"] == 12345678901234567890 and row["zh"] == "镇"


def test_json_and_table_output_are_unchanged_in_form(wh: dict[str, Path]) -> None:
    rc, out, err = _q(wh, "SELECT * FROM (VALUES (1, '青石镇'), (22, 'b')) t(n, town)", "--format", "json")
    assert rc == 0, err
    assert out == '[{"n": 1, "town": "青石镇"}, {"n": 22, "town": "b"}]\n'
    rc, out, err = _q(wh, "SELECT * FROM (VALUES (1, '青石镇'), (22, 'b')) t(n, town)")
    assert rc == 0, err
    assert out == "n  | town  \n---+-------\n1  | 青石镇\n22 | b     \n(2 rows)\n", repr(out)


def test_a_failing_stdout_is_one_line(wh: dict[str, Path]) -> None:
    import subprocess  # noqa: PLC0415

    from tests.conftest import REPO  # noqa: PLC0415
    from tests.test_robustness_support import fazhi_cmd  # noqa: PLC0415

    with open("/dev/full", "wb") as full:
        res = subprocess.run(
            fazhi_cmd("query", "--warehouse", str(wh["target"]), "--format", "csv", "SELECT * FROM v_facts"),
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, env=clean_env(), timeout=120,
        )  # fmt: skip
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "No space left on device" in error_line(res), res.stderr


@pytest.mark.parametrize(
    ("env", "must_name"),
    [
        ({"FAZHI_QUERY_MEMORY_LIMIT": "-1"}, "FAZHI_QUERY_MEMORY_LIMIT"),
        ({"FAZHI_QUERY_MEMORY_LIMIT": "0"}, "FAZHI_QUERY_MEMORY_LIMIT"),
        ({"FAZHI_QUERY_MEMORY_LIMIT": "10MB"}, "between 64MB"),
        ({"FAZHI_QUERY_MEMORY_LIMIT": "100000TB"}, "FAZHI_QUERY_MEMORY_LIMIT"),
        ({"FAZHI_QUERY_MAX_ROWS": "0"}, "FAZHI_QUERY_MAX_ROWS"),
        ({"FAZHI_QUERY_MAX_ROWS": "1e3"}, "FAZHI_QUERY_MAX_ROWS"),
        ({"FAZHI_QUERY_MAX_OUTPUT": "-1MB"}, "FAZHI_QUERY_MAX_OUTPUT"),
        ({"FAZHI_QUERY_MAX_OUTPUT": "1"}, "FAZHI_QUERY_MAX_OUTPUT"),
    ],
)
def test_a_limit_setting_out_of_bounds_is_a_usage_error(
    wh: dict[str, Path], env: dict[str, str], must_name: str
) -> None:
    res = fazhi("query", "--warehouse", str(wh["target"]), "SELECT 1", env=clean_env(**env), timeout=120)
    assert res.returncode == 2, res.stderr
    assert must_name in error_line(res) and len(res.stderr.strip().splitlines()) == 1


def test_a_failed_fork_is_one_line_and_leaks_no_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fork() failing (EAGAIN: too many processes) gives a QueryError, and the four pipe ends are closed."""
    from warehouse import query  # noqa: PLC0415 - its `os` is patched

    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(query.os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(query.QueryError, match="cannot start the query process"):
        query.stream_query(db, "SELECT 1", "csv", query.Limits(10, 1 << 30, 1000, 1 << 20))
    assert len(os.listdir("/proc/self/fd")) == before
