"""Bad input never sinks the batch (issue 7): a catalogue of broken files built by `fazhi build`.

One source folder holds three good reports and every kind of bad file; one real `fazhi build` runs on
it (as a user with ordinary permissions when the tests run as root, so chmod 000 bites). Each case
then checks that the good reports were published, that `v_reports` lists the bad file with a reason a
person can act on, and that the exit code follows the contract. Folder-level failures (missing,
unreadable, empty, not a folder) must exit non-zero with one line and leave the warehouse untouched.

Decisions documented here (and in the README's Operations section):
- Web pages, .docx and PDFs are read (issue 15); the ones that cannot be read are rejected with their
  reason: damaged .docx or PDF, a zip bomb, a password, 2,000 pages, a scan without text, a page with
  no body text, a legacy .doc. Images and archives are rejected ('unsupported format (...)').
- Files over their format's size limit (4 MB for a text) are rejected by size before being read.
- Byte-identical duplicates under two names are both read; they are the same town-year, so one is
  'loaded' and the other 'superseded' (same content_sha256): nothing is counted twice.
- A symlink pointing outside the source folder is not followed; it is listed as rejected.
- A news item is not a report: it must never be loaded in place of the town's real report.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

from bench.gov_pages import PageInfo, render_page
from tests.conftest import REPO
from tests.formats_support import (
    docx_bytes,
    encrypt_pdf,
    long_pdf_bytes,
    paragraphs,
    pdf_bytes,
    scanned_pdf_bytes,
    zip_bomb_docx,
)
from tests.test_robustness_support import (
    build,
    error_line,
    permission_prefix,
    report,
    reports_by_path,
    rows,
    sha256,
    write_reports,
)

GOOD = [("青石镇", "安远县", 2024), ("白沙乡", "安远县", 2024), ("月湖街道", "安远县", 2023)]
NEWS_WITH_YEAR = "青石镇宪法宣传周活动.txt"
NON_UTF8_NAME = b"\xb1\xa8\xb8\xe6.txt"  # '报告.txt' in GBK, as unzipping a Windows archive leaves it


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


def _pdf(text: str) -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text.encode('unicode_escape').decode()}) Tj ET"
    return (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + f"4 0 obj << /Length {len(body)} >> stream\n{body}\nendstream endobj\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _make_catalogue(src: Path, outside: Path) -> dict[str, tuple[str, str | None]]:
    """Write the bad files; return source_path -> (expected status, regex the reason must match)."""
    expect: dict[str, tuple[str, str | None]] = {}

    def put(name: str, data: bytes, status: str, reason: str | None) -> None:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
        expect[name] = (status, reason)

    text = report("金山镇", "安远县", 2024, style=1, scale=4)
    put("empty.txt", b"", "rejected", r"empty")
    put("whitespace_only.txt", " \n\t\r\n\u3000\u00a0 \n\n".encode(), "rejected", r"empty|whitespace|no text")
    put(
        "scan_of_report.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,
        "rejected",
        r"unsupported format|binary",
    )
    put("reports_2024.zip", _zip({"青石镇.txt": text}), "rejected", r"unsupported format|binary")
    docx = _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        }
    )
    put("金山镇2024年法治报告.docx", docx, "rejected", r"^corrupt \.docx: ")
    put("金山镇2024年法治报告.pdf", _pdf("2024 annual report"), "rejected", r"^corrupt PDF")
    _put_other_formats(put)
    # the download stopped inside the last character: 2 of its 3 UTF-8 bytes arrived
    put(
        "truncated_download.txt",
        (report("石门镇", "安远县", 2024, style=0, scale=5) + "特此报告。").encode()[:-1],
        "loaded|rejected",
        None,
    )
    first, second = text[: len(text) // 2], text[len(text) // 2 :]
    put(
        "mixed_encodings.txt",
        first.encode("utf-8") + second.encode("gb18030"),
        "rejected",
        r"mixed|encod|decod",
    )
    big_unit = report("大河镇", "安远县", 2024, style=0, scale=9).encode()
    put(
        "all_reports_concatenated.txt", big_unit * (50 * 2**20 // len(big_unit) + 1), "rejected", r"too large"
    )
    put(
        "with space 中文 🎉 报告.txt",
        report("松林镇", "安远县", 2024, style=2, scale=6).encode(),
        "loaded",
        None,
    )
    news = (
        "我镇开展宪法宣传周系列活动\n发布时间：2024-12-05 10:21  信息来源：安远县青石镇\n\n"
        "12月4日上午，镇司法所联合派出所在集市开展宪法宣传活动，现场发放宣传资料300余份，"
        "解答群众法律咨询40余人次。\n"
    )
    put("news_item.txt", news.encode(), "rejected", r"^not a rule-of-law report: ")
    news_titled = (
        "青石镇2024年宪法宣传周活动圆满结束\n发布时间：2024-12-06  信息来源：青石镇人民政府\n\n"
        "近日，青石镇组织开展宪法宣传周活动，发放宣传资料500余份，接受群众咨询60余人次。\n"
    )
    put(NEWS_WITH_YEAR, news_titled.encode(), "rejected", r"^not a rule-of-law report: ")
    no_year = re.sub(r"20\d\d年度?", "本年度", report("桂花镇", "安远县", 2024, style=0, scale=7))
    put("no_year.txt", no_year.encode(), "unidentified", r"year|年")  # a report: kept, left out of town-years
    no_town = "2024年法治政府建设情况报告\n\n今年以来，我们认真贯彻上级部署，全年开展法治宣传活动12场次，调处矛盾纠纷35起。\n"
    put("no_town.txt", no_town.encode(), "unidentified", r"reporting body")
    dup = report("桃源镇", "安远县", 2024, style=1, scale=8).encode()
    put("duplicates/桃源镇2024.txt", dup, "loaded|superseded", None)
    put("duplicates/桃源镇2024 - 副本.txt", dup, "loaded|superseded", None)

    outside.mkdir(parents=True, exist_ok=True)
    (outside / "外部报告.txt").write_text(report("外来镇", "远方县", 2024), encoding="utf-8")
    (src / "link_to_outside.txt").symlink_to(outside / "外部报告.txt")
    expect["link_to_outside.txt"] = ("rejected", r"outside the source folder")

    os.mkfifo(src / "named_pipe.txt")  # reading it would block the build forever
    expect["named_pipe.txt"] = ("rejected", r"not a regular file")

    with open(os.path.join(os.fsencode(src), NON_UTF8_NAME), "wb") as fh:
        fh.write(report("石桥镇", "安远县", 2024).encode())
    expect[NON_UTF8_NAME.decode("utf-8", "backslashreplace")] = ("rejected", r"not valid UTF-8.*rename")

    locked = src / "locked_by_owner.txt"
    locked.write_text(report("铁门镇", "安远县", 2024), encoding="utf-8")
    locked.chmod(0)
    expect["locked_by_owner.txt"] = ("rejected", r"Permission denied|unreadable|cannot read")
    sub = src / "locked_folder"
    sub.mkdir()
    (sub / "铜锣镇.txt").write_text(report("铜锣镇", "安远县", 2024), encoding="utf-8")
    sub.chmod(0)
    expect["locked_folder"] = ("rejected", r"unreadable folder.*Permission denied")
    return expect


def _put_other_formats(put) -> None:  # type: ignore[no-untyped-def]
    """Reports as web page, Word and PDF (loaded), and the files of those formats that cannot be read."""
    for name, town, make in (
        (
            "枫林镇2024年法治政府建设情况报告.docx",
            "枫林镇",
            lambda t: docx_bytes(t[:2], t[2:], footer="第 页"),
        ),
        (
            "石泉乡2024年法治政府建设情况报告.pdf",
            "石泉乡",
            lambda t: pdf_bytes(t[:2], t[2:], page_numbers=True),
        ),
    ):
        put(name, make(paragraphs(report(town, "安远县", 2024, style=0, scale=3))), "loaded", None)
    info = PageInfo(
        "龙潭镇2024年法治政府建设情况报告", "2025-02-10 09:00", "安远县龙潭镇人民政府", "安远县人民政府"
    )
    page = paragraphs(report("龙潭镇", "安远县", 2024, style=2, scale=2))[2:]
    put("zwgk/龙潭镇2024年法治政府建设情况报告.shtml", render_page("trs", info, page), "loaded", None)
    good_pdf = pdf_bytes(["金沙镇人民政府"], paragraphs(report("金沙镇", "安远县", 2024)))
    put(
        "加密的报告.pdf",
        encrypt_pdf(good_pdf, "secret", "owner", allow_copy=True),
        "rejected",
        r"^encrypted PDF",
    )
    put("资料汇编_2000页.pdf", long_pdf_bytes(2000), "rejected", r"^PDF too long: 2000 pages")
    put("扫描件.pdf", scanned_pdf_bytes(pages=1), "rejected", r"^scanned PDF: no text layer \(needs OCR\)$")
    good_docx = docx_bytes(["金沙镇人民政府"], paragraphs(report("金沙镇", "安远县", 2024)))
    put("损坏的报告.docx", good_docx[: len(good_docx) // 2], "rejected", r"^corrupt \.docx: ")
    put("zip_bomb.docx", zip_bomb_docx(200), "rejected", r"^zip bomb \.docx: ")
    put("空白页面.html", render_page("ucap", info, []), "rejected", r"^HTML page with no body text")
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 512
        + "WordDocument".encode("utf-16-le")
        + b"\x00" * 512
    )
    put("旧版报告.doc", ole, "rejected", r"^legacy Word format: save as \.docx$")


OTHER_FORMATS = [
    "枫林镇2024年法治政府建设情况报告.docx",
    "石泉乡2024年法治政府建设情况报告.pdf",
    "zwgk/龙潭镇2024年法治政府建设情况报告.shtml",
    "加密的报告.pdf",
    "资料汇编_2000页.pdf",
    "扫描件.pdf",
    "损坏的报告.docx",
    "zip_bomb.docx",
    "空白页面.html",
    "旧版报告.doc",
]
PERMISSION_CASES = {"locked_by_owner.txt", "locked_folder"}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("bad_inputs")
    src = base / "src"
    good = write_reports(src, GOOD)
    expect = _make_catalogue(src, base / "outside")
    prefix, why_not = permission_prefix()
    target = base / "wh" / "fazhi.duckdb"
    started = time.monotonic()
    res = build(src, target, prefix=prefix)
    print(f"catalogue build: {len(expect) + len(good)} files in {time.monotonic() - started:.1f} s")
    return {
        "src": src,
        "target": target,
        "res": res,
        "good": [p.relative_to(src).as_posix() for p in good],
        "expect": expect,
        "why_no_permissions": why_not,
        "prefix": prefix,
    }


def test_batch_with_bad_files_publishes_and_exits_zero(catalogue: dict[str, object]) -> None:
    res = catalogue["res"]
    assert res.returncode == 0, res.stderr[-3000:]  # type: ignore[attr-defined]
    assert "rejected" in res.stderr  # type: ignore[attr-defined]
    got = reports_by_path(catalogue["target"])  # type: ignore[arg-type]
    # GOOD[0] shares its town-year with a news item, which must not supersede it
    for path, (town, _county, _year) in zip(catalogue["good"], GOOD, strict=True):  # type: ignore[call-overload]
        status, reason, got_town = got[path]
        assert status == "loaded", (path, reason)
        assert got_town and town in got_town


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "whitespace_only.txt",
        "scan_of_report.png",
        "reports_2024.zip",
        "金山镇2024年法治报告.docx",
        "金山镇2024年法治报告.pdf",
        "truncated_download.txt",
        "mixed_encodings.txt",
        "all_reports_concatenated.txt",
        "with space 中文 🎉 报告.txt",
        "news_item.txt",
        NEWS_WITH_YEAR,
        "no_year.txt",
        "no_town.txt",
        "link_to_outside.txt",
        "named_pipe.txt",
        NON_UTF8_NAME.decode("utf-8", "backslashreplace"),
        "locked_by_owner.txt",
        "locked_folder",
        *OTHER_FORMATS,
    ],
)
def test_bad_file_is_listed_in_v_reports_with_its_reason(catalogue: dict[str, object], name: str) -> None:
    if name in PERMISSION_CASES and catalogue["why_no_permissions"]:
        pytest.skip(str(catalogue["why_no_permissions"]))
    got = reports_by_path(catalogue["target"])  # type: ignore[arg-type]
    assert name in got, f"{name} is missing from v_reports: {sorted(got)}"
    status, reason, _town = got[name]
    want_status, want_reason = catalogue["expect"][name]  # type: ignore[index]
    assert re.fullmatch(want_status, status), (name, status, reason)
    if status in ("rejected", "unidentified"):
        assert reason and reason.strip(), f"{name} {status} without a reason"
        assert "\n" not in reason
        if want_reason:
            assert re.search(want_reason, reason, re.IGNORECASE), (name, reason)


def test_web_page_word_and_pdf_reports_load_with_their_format(catalogue: dict[str, object]) -> None:
    got = {
        p: (s, f, t, y)
        for p, s, f, t, y in rows(
            catalogue["target"],  # type: ignore[arg-type]
            "SELECT source_path, status, source_format, town, report_year FROM v_reports",
        )
    }
    assert got["枫林镇2024年法治政府建设情况报告.docx"] == ("loaded", "docx", "枫林镇", 2024)
    assert got["石泉乡2024年法治政府建设情况报告.pdf"] == ("loaded", "pdf", "石泉乡", 2024)
    assert got["zwgk/龙潭镇2024年法治政府建设情况报告.shtml"] == ("loaded", "html", "龙潭镇", 2024)
    assert got["zip_bomb.docx"][:2] == ("rejected", "docx")
    assert got["扫描件.pdf"][:2] == ("rejected", "pdf")
    assert got["空白页面.html"][:2] == ("rejected", "html")
    assert got["empty.txt"][1] is None  # nothing to recognise
    n_facts = rows(
        catalogue["target"],  # type: ignore[arg-type]
        "SELECT source_path, n_facts FROM v_reports WHERE source_format IN ('docx', 'pdf', 'html') AND status = 'loaded'",
    )
    assert len(n_facts) == 3 and all(n >= 3 for _, n in n_facts), n_facts


def test_truncated_file_is_repaired_and_flagged_or_rejected(catalogue: dict[str, object]) -> None:
    """Either way the analyst is told: a loaded-after-repair file carries a data-quality flag."""
    target: Path = catalogue["target"]  # type: ignore[assignment]
    status, reason, town = reports_by_path(target)["truncated_download.txt"]
    if status == "rejected":
        assert reason
        return
    assert town and "石门镇" in town
    flags = rows(
        target,
        "SELECT q.flag, q.detail FROM v_data_quality q JOIN v_reports r USING (report_id) WHERE r.source_path = ?",
        ["truncated_download.txt"],
    )
    assert any("truncat" in f"{f} {d}".lower() for f, d in flags), flags


def test_every_entry_in_the_folder_is_accounted_for(catalogue: dict[str, object]) -> None:
    """Nothing is silently dropped: each file (or unreadable folder) we wrote has a v_reports row."""
    got = reports_by_path(catalogue["target"])  # type: ignore[arg-type]
    wanted = set(catalogue["good"]) | set(catalogue["expect"])  # type: ignore[call-overload]
    if catalogue["why_no_permissions"]:
        wanted -= PERMISSION_CASES
        wanted |= {"locked_folder/铜锣镇.txt"}
    missing = wanted - set(got)
    assert not missing, f"files with no v_reports row: {missing}"


def test_byte_identical_duplicates_load_once(catalogue: dict[str, object]) -> None:
    target: Path = catalogue["target"]  # type: ignore[assignment]
    dups = rows(
        target,
        "SELECT status, content_sha256 FROM v_reports WHERE source_path LIKE 'duplicates/%' ORDER BY status",
    )
    assert [s for s, _ in dups] == ["loaded", "superseded"], dups
    assert dups[0][1] == dups[1][1]
    (n_facts,) = rows(
        target,
        "SELECT count(*) FROM v_facts f JOIN v_reports r USING (report_id) WHERE r.source_path LIKE 'duplicates/%'",
    )[0]
    (one_copy,) = rows(
        target,
        "SELECT max(n_facts) FROM v_reports WHERE source_path LIKE 'duplicates/%' AND status = 'loaded'",
    )[0]
    assert n_facts == one_copy and n_facts > 0  # facts of one copy, not two


def test_news_item_never_replaces_the_towns_real_report(catalogue: dict[str, object]) -> None:
    """A news item naming the town and year (with a later publish date) must not supersede its report."""
    got = reports_by_path(catalogue["target"])  # type: ignore[arg-type]
    real = catalogue["good"][0]  # type: ignore[index]
    assert got[real][0] == "loaded", (
        f"the real 青石镇 2024 report is {got[real]}; the news item is {got[NEWS_WITH_YEAR]}"
    )
    assert got[NEWS_WITH_YEAR][0] != "loaded"


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    """10,000 tiny reports (distinct towns) in one folder: all listed, all loaded, one publish."""
    src = tmp_path / "many"
    src.mkdir()
    digits = "甲乙丙丁戊己庚辛壬癸"
    for i in range(10_000):
        town = "".join(digits[int(c)] for c in f"{i:04d}") + "镇"
        (src / f"{i:05d}.txt").write_text(
            f"{town}人民政府\n2024年法治政府建设情况报告\n全年调处矛盾纠纷{i % 90 + 10}起，开展法治宣传活动{i % 7 + 2}场次。\n",
            encoding="utf-8",
        )
    target = tmp_path / "many.duckdb"
    started = time.monotonic()
    res = build(src, target)
    print(f"10,000 tiny files built in {time.monotonic() - started:.1f} s")
    assert res.returncode == 0, res.stderr[-3000:]
    (files, loaded) = rows(
        target, "SELECT count(*), count(*) FILTER (WHERE status = 'loaded') FROM v_reports"
    )[0]
    assert files == 10_000
    assert loaded == 10_000


# ---------------------------------------------------------------- the source folder itself is bad


def _assert_untouched(res: object, target: Path, before: str, *must_name: str) -> str:
    assert res.returncode != 0  # type: ignore[attr-defined]
    line = error_line(res)  # type: ignore[arg-type]
    for word in must_name:
        assert word in line, (word, line)
    assert sha256(target) == before, "the published warehouse changed although the build failed"
    assert rows(target, "SELECT count(*) FROM v_reports")[0][0] > 0
    return line


def test_missing_source_folder_fails_in_one_line_and_leaves_the_warehouse(
    catalogue: dict[str, object], tmp_path: Path
) -> None:
    target: Path = catalogue["target"]  # type: ignore[assignment]
    before = sha256(target)
    missing = tmp_path / "no such folder"
    res = build(missing, target)
    _assert_untouched(res, target, before, str(missing), "--source")


def test_source_that_is_a_file_fails_in_one_line(catalogue: dict[str, object], tmp_path: Path) -> None:
    target: Path = catalogue["target"]  # type: ignore[assignment]
    before = sha256(target)
    a_file = tmp_path / "reports.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    _assert_untouched(build(a_file, target), target, before, str(a_file), "not a folder")


@pytest.mark.parametrize("contents", ["nothing", "only hidden and backup files"])
def test_empty_source_folder_does_not_publish_an_empty_warehouse(
    catalogue: dict[str, object], tmp_path: Path, contents: str
) -> None:
    """An unmounted share looks like an empty folder: replacing the warehouse with nothing would lose it."""
    target: Path = catalogue["target"]  # type: ignore[assignment]
    before = sha256(target)
    empty = tmp_path / "mnt_share"
    empty.mkdir()
    if contents != "nothing":
        (empty / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (empty / "draft.txt~").write_text("草稿", encoding="utf-8")
    line = _assert_untouched(build(empty, target), target, before, str(empty))
    assert "empty" in line or "no report files" in line


def test_unreadable_source_folder_fails_in_one_line(catalogue: dict[str, object], tmp_path: Path) -> None:
    if catalogue["why_no_permissions"]:
        pytest.skip(str(catalogue["why_no_permissions"]))
    target: Path = catalogue["target"]  # type: ignore[assignment]
    before = sha256(target)
    src = tmp_path / "locked_source"
    write_reports(src, GOOD[:1])
    src.chmod(0)
    try:
        res = build(src, target, prefix=catalogue["prefix"])  # type: ignore[arg-type]
    finally:
        src.chmod(0o755)
    line = _assert_untouched(res, target, before, str(src))
    assert "not readable" in line and "permission" in line.lower()


def test_read_only_warehouse_folder_fails_in_one_line(catalogue: dict[str, object], tmp_path: Path) -> None:
    """No write permission where the warehouse lives: one line naming the folder, old file intact."""
    if catalogue["why_no_permissions"]:
        pytest.skip(str(catalogue["why_no_permissions"]))
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "fazhi.duckdb"
    first = build(catalogue["src"], target)  # type: ignore[arg-type]
    assert first.returncode == 0, first.stderr[-2000:]
    before = sha256(target)
    (folder / f".{target.name}.lock").unlink(missing_ok=True)
    folder.chmod(0o555)
    try:
        res = build(catalogue["src"], target, prefix=catalogue["prefix"])  # type: ignore[arg-type]
    finally:
        folder.chmod(0o755)
    line = _assert_untouched(res, target, before, str(folder))
    assert "writable" in line or "Permission denied" in line


def test_warehouse_that_is_a_folder_fails_in_one_line(catalogue: dict[str, object], tmp_path: Path) -> None:
    res = build(catalogue["src"], tmp_path)  # type: ignore[arg-type]
    assert res.returncode != 0
    line = error_line(res)
    assert "--warehouse" in line and str(tmp_path) in line, line
    assert not list(tmp_path.glob("*.duckdb"))


def test_jieba_writes_no_cache_and_works_on_a_full_disk(tmp_path: Path) -> None:
    """jieba's own initialisation dumps a 9 MB cache into a new temp folder per process (never
    removed: thousands of them after a few builds). etl.dictionary initialises it without: nothing is
    written to TMPDIR, and a full disk (here: a 4 KB file-size limit) changes nothing either."""
    import resource
    import subprocess
    import sys

    code = (
        "from pathlib import Path\n"
        "from etl.indicators import label_for\n"
        "print(label_for('全年组织开展法治讲座', '', '场', Path('seeds/jieba_dict.txt')))\n"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limit, env=env, cwd=REPO
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("讲座")
    assert "Traceback" not in res.stderr and "Dump cache file failed" not in res.stderr, res.stderr
    assert not list(tmp_path.iterdir()), "jieba left files in TMPDIR"
