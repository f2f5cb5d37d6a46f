"""Write environment.yml for conda users from the lock: `make lock` pipes `uv export` (every locked runtime,
test and lab package, with its environment marker) into this script.

conda provides Python and pip; pip installs the locked versions, then the package itself. pip cannot check
hashes here (an editable install beside them has none to check), so the conda route pins every version
but only `make` verifies every file. tests/test_environment.py checks this file against uv.lock.
"""

from __future__ import annotations

import sys

HEADER = """\
# Generated from uv.lock by `make lock` (scripts/environment_yml.py): do not edit by hand.
# Conda users: `conda env create -f environment.yml`. Every version is the lock's; the hashes are checked
# only by `make` (uv sync --frozen), see README "Environment".
name: taiwan-trade-pivot
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def environment_yml(requirements: list[str]) -> str:
    pins = [line.strip() for line in requirements if line.strip() and not line.lstrip().startswith("#")]
    return HEADER + "".join(f"      - {pin}\n" for pin in pins) + "      - -e .\n"


if __name__ == "__main__":
    sys.stdout.write(environment_yml(sys.stdin.readlines()))
