"""etl.lazy_import: a library imported without an optional dependency takes its own fallback, and the
dependency stays importable afterwards (a fresh interpreter each, so nothing was imported before)."""

import subprocess
import sys

import pytest

from tests.conftest import REPO

CASES = {
    # jieba opens its data files with plain open() when pkg_resources cannot be imported
    "jieba": (
        "pkg_resources",
        "s = '全面推进依法行政工作'; words = mod.lcut(s); assert ''.join(words) == s and len(words) > 2, words",
    ),
    # Dagster's instance needs alembic, alembic needs mako; mako colours its HTML error pages with
    # pygments only when it can import its plugin
    "dagster_project.instance": (
        "mako.ext.pygmentplugin",
        "import mako.exceptions as e; assert e.pygments_html_formatter is None; "
        "assert mod.cli_instance().get_runs() == []",
    ),
}


@pytest.mark.parametrize("module", list(CASES))
def test_the_library_falls_back_and_the_dependency_stays_importable(module: str) -> None:
    blocked, check = CASES[module]
    code = (
        "import sys, importlib, importlib.util\n"
        "from etl.lazy_import import import_without\n"
        f"mod = import_without({module!r}, ({blocked!r},))\n"
        f"assert {blocked!r} not in sys.modules, 'imported although blocked'\n"
        f"{check}\n"
        f"if importlib.util.find_spec({blocked!r}.split('.')[0]):  # installed: importable again\n"
        f"    assert importlib.import_module({blocked!r}) is sys.modules[{blocked!r}] is not None\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and res.stdout.strip().endswith("ok"), res.stderr[-2000:]


def test_an_already_imported_dependency_is_left_alone() -> None:
    code = (
        "import sys, json\n"
        "from etl.lazy_import import import_without\n"
        "import_without('csv', ('json',))\n"
        "assert sys.modules['json'] is json\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-2000:]
