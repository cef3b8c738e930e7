"""`rolefit --help` and the knowledge commands never import the ML or web stack."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["sklearn", "scipy", "numpy", "torch", "fastapi", "uvicorn", "pyarrow", "duckdb", "pandas"]

PROBE = """
import sys, json, io, contextlib
from rolefit.cli import app
for args in (["--help"], ["roles"], ["show", "mlops"], ["compare", "ai-engineer", "ml-engineer"], ["salary", "DS"]):
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            app(args)
        except SystemExit:
            pass
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in %r)))
"""


def test_knowledge_commands_import_no_ml_library() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,)], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == []


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "rolefit", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "compare" in out.stdout


def test_the_public_api_is_importable_lazily() -> None:
    import rolefit

    for name in rolefit.__all__:
        assert getattr(rolefit, name) is not None
    out = subprocess.run(
        [sys.executable, "-c", "import rolefit, sys; print('sklearn' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
