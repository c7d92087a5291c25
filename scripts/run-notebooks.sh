#!/usr/bin/env bash
# Runs every notebook in notebooks/ from top to bottom, headless, with Debian's Python and its
# python3 (ipykernel) kernel, through nbclient. The committed notebooks are never modified: the
# executed copies and everything they write go to a temporary folder (kept and printed when a
# notebook fails, deleted otherwise). Exits non-zero, printing the failing cell and its error,
# if any cell fails.
#
# Usage: scripts/run-notebooks.sh [NOTEBOOK.ipynb ...]     (default: notebooks/*.ipynb)
# Environment:
#   GREENGAUGE             the greengauge executable (default: build/greengauge)
#   GG_NOTEBOOK_TIMEOUT    seconds allowed per cell (default: 120)
#   GG_NOTEBOOK_OUT        folder for the executed notebooks and their outputs (kept)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Debian's interpreter, not whatever `python3` is first on PATH (pyenv, conda, venv).
py=/usr/bin/python3
if ! "$py" -c 'import nbclient, nbformat, ipykernel, jupyter_client' 2>/dev/null; then
  echo "run-notebooks: $py lacks nbclient or ipykernel: run scripts/install-deps.sh" >&2
  exit 2
fi

export GREENGAUGE="${GREENGAUGE:-$root/build/greengauge}"
case "$GREENGAUGE" in /*) ;; *) GREENGAUGE="$PWD/$GREENGAUGE" ;; esac
if [ ! -x "$GREENGAUGE" ]; then
  echo "run-notebooks: no greengauge executable at $GREENGAUGE (build it with scripts/build.sh" \
       "or set GREENGAUGE)" >&2
  exit 2
fi
export MPLBACKEND=Agg # headless: figures are drawn and saved, never shown
export PYDEVD_DISABLE_FILE_VALIDATION=1 # ipykernel's debugger: no "frozen modules" warning

if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  shopt -s nullglob
  notebooks=("$root"/notebooks/*.ipynb)
  shopt -u nullglob
  if [ ${#notebooks[@]} -eq 0 ]; then
    echo "run-notebooks: no notebook in $root/notebooks" >&2
    exit 2
  fi
fi

if [ -n "${GG_NOTEBOOK_OUT:-}" ]; then
  work="$GG_NOTEBOOK_OUT"
  mkdir -p "$work"
  keep=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/greengauge-notebooks.XXXXXX")
  keep=0
fi

status=0
"$py" - "$work" "${GG_NOTEBOOK_TIMEOUT:-120}" "${notebooks[@]}" <<'PYTHON' || status=$?
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

work, timeout, notebooks = Path(sys.argv[1]), int(sys.argv[2]), [Path(p) for p in sys.argv[3:]]

try:
    spec = KernelSpecManager().get_kernel_spec("python3")
except NoSuchKernel:
    sys.exit("run-notebooks: no 'python3' Jupyter kernel: install python3-ipykernel "
             "(scripts/install-deps.sh)")
kernel_python = spec.argv[0] if spec.argv else "?"
if kernel_python not in (sys.executable, "python", "python3", "/usr/bin/python3"):
    print(f"run-notebooks: warning: the python3 kernel runs {kernel_python} "
          f"({spec.resource_dir}), not {sys.executable}", file=sys.stderr)

ansi = re.compile(r"\x1b\[[0-9;]*m")  # colours of IPython tracebacks, unreadable in logs
failed = []
for path in notebooks:
    path = path.resolve()
    name = path.stem
    out_dir = work / name
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = work / path.name
    nb = nbformat.read(path, as_version=4)
    # The notebook runs in its own folder, as in Jupyter; whatever it writes goes to out_dir.
    os.environ["GREENGAUGE_OUT"] = str(out_dir)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        failed.append(path)
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        bad = next((i for i, c in enumerate(code_cells, 1)
                    if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                   None)
        where = f"code cell {bad} of {len(code_cells)}" if bad else "a cell"
        message = ansi.sub("", str(error))
        print(f"FAILED {path} ({time.monotonic() - start:.1f} s): {where}\n{message}",
              file=sys.stderr)
    else:
        print(f"ok     {path} ({time.monotonic() - start:.1f} s)")
    finally:
        nbformat.write(nb, executed)

if failed:
    print(f"run-notebooks: {len(failed)} of {len(notebooks)} notebook(s) failed; executed "
          f"copies in {work}", file=sys.stderr)
    sys.exit(1)
PYTHON

if [ "$status" -eq 0 ] && [ "$keep" -eq 0 ]; then rm -rf "$work"; fi
exit "$status"
