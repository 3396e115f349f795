"""bench/check_real_labels.py: the label checker every collector runs before committing labels."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bench.check_real_labels import main
from tests.conftest import REPO

REAL = REPO / "tests" / "fixtures" / "real"


def test_a_shared_folder_without_the_held_out_list_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Checking a collection against a folder that lacks HELD_OUT_URL_SHA256.txt would skip the
    held-out check: the checker stops with one line instead of a traceback or a silent pass."""
    assert main([str(REAL / "dev"), "--shared", str(REAL / "shared")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "HELD_OUT_URL_SHA256.txt not found" in err[0]


def test_a_held_out_url_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "coll"
    shutil.copytree(REAL / "dev", folder)
    shared = tmp_path / "shared"
    shutil.copytree(REAL / "shared", shared)
    first = (folder / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")
    (shared / "HELD_OUT_URL_SHA256.txt").write_text(hashlib.sha256(first[1].encode()).hexdigest() + "\n")
    assert main([str(folder), "--shared", str(shared)]) != 0
    assert "HELD OUT" in capsys.readouterr().out


def test_a_missing_shared_folder_is_said_not_skipped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main([str(REAL / "dev"), "--shared", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert "held-out URLs and the shared set's pages are not checked" in err
