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
