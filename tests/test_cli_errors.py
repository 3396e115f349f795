"""Every `fazhi` failure is one line (issue 17): argument errors of every subcommand in the
`fazhi: error: ...` form with exit status 2, empty --warehouse/--out/--source/--gold refused instead of
meaning the default or the current folder, and export write errors carrying the OS's reason."""

from __future__ import annotations

import gc
import subprocess
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import REPO
from tests.test_robustness_support import clean_env, error_line, fazhi, fazhi_cmd, permission_prefix
from warehouse import cli


def _one_line_usage_error(res: subprocess.CompletedProcess[str]) -> str:
    assert res.returncode == 2, (res.returncode, res.stderr)
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "Traceback" not in res.stderr and "usage:" not in res.stderr
    return error_line(res)


@pytest.mark.parametrize(
    ("args", "must_name"),
    [
        ([], "command"),
        (["frobnicate"], "frobnicate"),
        (["query"], "sql"),
        (["query", "--format", "xml", "SELECT 1"], "--format"),
        (["query", "--timeout", "nan", "SELECT 1"], "--timeout"),
        (["query", "--timeout", "inf", "SELECT 1"], "--timeout"),
        (["query", "--timeout", "-1", "SELECT 1"], "--timeout"),
        (["query", "--timeout", "0", "SELECT 1"], "--timeout"),
        (["query", "--timeout", "3601", "SELECT 1"], "3600"),
        (["query", "--timeout", "soon", "SELECT 1"], "--timeout"),
        (["query", "--no-such-flag", "SELECT 1"], "--no-such-flag"),
        (["build", "--bogus"], "--bogus"),
        (["build", "--source"], "--source"),
        (["export"], "--out"),
        (["rollback", "--version"], "--version"),
        (["score"], "--gold"),
    ],
)
def test_argument_errors_are_one_line_for_every_subcommand(args: list[str], must_name: str) -> None:
    line = _one_line_usage_error(fazhi(*args, timeout=120))
    assert must_name in line, line


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--warehouse", "", "SELECT 1"],
        ["query", "--warehouse", "  ", "SELECT 1"],
        ["export", "--out", ""],
        ["export", "--warehouse", "", "--out", "{tmp}/out"],
        ["build", "--warehouse", ""],
        ["build", "--source", ""],
        ["rollback", "--warehouse", ""],
        ["score", "--gold", ""],
    ],
)
def test_empty_paths_are_refused_not_defaulted(tmp_path: Path, args: list[str]) -> None:
    """`--out ""` used to write into the current folder and `--warehouse ""` to use the default file."""
    before = set(tmp_path.iterdir())
    res = subprocess.run(
        fazhi_cmd(*[a.format(tmp=tmp_path) for a in args]),
        cwd=tmp_path, capture_output=True, text=True, env=clean_env(), timeout=120,
    )  # fmt: skip
    line = _one_line_usage_error(res)
    assert "is empty" in line, line
    assert set(tmp_path.iterdir()) == before


def test_export_into_a_file_names_the_os_reason(seeds_warehouse: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "taken"
    not_a_folder.write_text("x", encoding="utf-8")
    res = fazhi("export", "--warehouse", str(seeds_warehouse), "--out", str(not_a_folder), timeout=120)
    assert res.returncode == 1
    line = error_line(res)
    assert "File exists" in line and str(not_a_folder) in line and "None" not in line, line


def test_export_write_error_names_the_os_reason_and_leaves_no_partial_file(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "v_facts.parquet").mkdir(parents=True)  # something in the way of one file
    res = fazhi("export", "--warehouse", str(seeds_warehouse), "--out", str(out), timeout=120)
    assert res.returncode == 1
    line = error_line(res)
    assert "v_facts.parquet" in line and "Is a directory" in line and "None" not in line, line
    assert not list(out.glob(".*partial")), list(out.iterdir())


def test_export_into_a_read_only_folder_names_the_os_reason(seeds_warehouse: Path, tmp_path: Path) -> None:
    prefix, why = permission_prefix()
    if why:
        pytest.skip(why)
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        res = fazhi(
            "export", "--warehouse", str(seeds_warehouse), "--out", str(out), prefix=prefix, timeout=120
        )
    finally:
        out.chmod(0o755)
    assert res.returncode == 1
    line = error_line(res)
    assert "Permission denied" in line and "None" not in line, line
    assert not list(out.iterdir())


def test_export_to_a_full_stdout_is_one_line(seeds_warehouse: Path, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        res = subprocess.run(
            fazhi_cmd("export", "--warehouse", str(seeds_warehouse), "--out", str(tmp_path / "o")),
            cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, env=clean_env(), timeout=120,
        )  # fmt: skip
    assert res.returncode == 1
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "No space left on device" in error_line(res)


def test_a_build_called_in_process_leaves_the_collector_working(tmp_path: Path) -> None:
    """`fazhi build` freezes the garbage collector just before its process exits; `main` called inside
    a longer-lived process (a test, a notebook) must not leave that process never collecting again."""
    code = cli.main(["build", "--quiet", "--source", str(REPO / "seeds" / "reports"),
                     "--warehouse", str(tmp_path / "w.duckdb")])  # fmt: skip
    assert code == 0 and (tmp_path / "w.duckdb").is_file()
    assert gc.get_freeze_count() == 0


def test_export_streams_each_view_in_row_groups_and_keeps_every_row(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    """Memory bounded by a batch: a view larger than the batch is written as several row groups."""
    import pyarrow.parquet as pq

    from warehouse.query import connect_readonly, export_views

    written = {p.stem: p for p in export_views(seeds_warehouse, tmp_path, batch_rows=2)}
    con = connect_readonly(seeds_warehouse)
    try:
        for view in ("v_facts", "v_unmatched_quantities"):
            expected = con.sql(f"SELECT * FROM {view}").pl()
            meta = pq.ParquetFile(written[view]).metadata
            assert expected.height > 2 and meta.num_row_groups == -(-expected.height // 2), view
            got = pl.read_parquet(written[view])
            assert got.columns == expected.columns
            assert got.sort(got.columns).equals(expected.sort(expected.columns)), view
    finally:
        con.close()
