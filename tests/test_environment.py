"""The environment is locked: pyproject.toml pins the direct dependencies, uv.lock every transitive one
with hashes; requirements/bootstrap.txt and environment.yml agree with the lock; make installs from it."""

import re
import sys
import tomllib
from pathlib import Path

import yaml

from helpers.reports.manifest import DISTRIBUTION, locked_versions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from environment_yml import environment_yml  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCK = tomllib.loads((ROOT / "uv.lock").read_text())
PACKAGES = {package["name"]: package for package in LOCK["package"]}
PIN = re.compile(r"([A-Za-z0-9_.\-]+)==([^\s;]+)")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements) -> dict[str, str]:
    return {normalised(match[1]): match[2] for match in map(PIN.match, requirements)}


def declared() -> dict[str, list[str]]:
    """Requirements by group, the runtime under "": what pyproject.toml declares."""
    return {"": PYPROJECT["project"]["dependencies"], **PYPROJECT["dependency-groups"]}


def test_every_direct_dependency_is_pinned_to_an_exact_version():
    for group, requirements in declared().items():
        assert all(PIN.fullmatch(requirement.split(";")[0].strip()) for requirement in requirements), group or "runtime"


def test_the_lock_was_made_from_pyproject_toml():
    # `uv sync --frozen` installs the lock without comparing it with pyproject.toml: a pin changed there
    # and not locked again would be silently ignored.
    metadata = PACKAGES[DISTRIBUTION]["metadata"]

    def locked(requirements):
        return {normalised(entry["name"]): entry["specifier"].removeprefix("==") for entry in requirements}
    assert locked(metadata["requires-dist"]) == pins(declared()[""])
    assert {group: locked(requirements) for group, requirements in metadata["requires-dev"].items()} == \
        {group: pins(requirements) for group, requirements in declared().items() if group}
    assert LOCK["requires-python"] == PYPROJECT["project"]["requires-python"].split("#")[0].strip()


def test_every_locked_package_comes_with_hashes():
    for package in LOCK["package"]:
        if package["name"] == DISTRIBUTION:
            continue
        files = [package.get("sdist", {}), *package.get("wheels", [])]
        assert any(files) and all(entry["hash"].startswith("sha256:") for entry in files if entry), package["name"]


def test_test_and_lab_tools_are_groups_and_the_runtime_is_what_the_reports_need():
    groups = {group: set(pins(requirements)) for group, requirements in declared().items()}
    assert {"pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "ipykernel", "jsonschema"} <= groups[""]
    assert {"pytest", "pytest-xdist", "nbval", "playwright", "frictionless"} <= groups["test"]
    assert groups["lab"] == {"jupyterlab"}
    assert not {"pytest", "nbval", "playwright", "jupyterlab"} & set(locked_versions(ROOT / "uv.lock"))


def test_the_bootstrap_requirements_are_the_locked_uv_with_its_hashes():
    text = (ROOT / "requirements" / "bootstrap.txt").read_text()
    entries = re.split(r"\n(?=\S)", text.strip())
    assert pins(entries) == {"uv": PACKAGES["uv"]["version"]}
    for entry in entries:
        name = normalised(PIN.match(entry)[1])
        files = [PACKAGES[name].get("sdist", {}), *PACKAGES[name].get("wheels", [])]
        assert set(re.findall(r"--hash=(sha256:\w+)", entry)) == {file["hash"] for file in files if file}, name


def test_environment_yml_pins_every_locked_runtime_test_and_lab_package():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = environment["dependencies"][-1]["pip"]
    assert listed[-1] == "-e ."
    assert pins(listed[:-1]) == locked_versions(ROOT / "uv.lock", ("test", "lab"))
    assert "python=3.11" in environment["dependencies"]


def test_environment_yml_is_what_the_generator_writes():
    text = (ROOT / "environment.yml").read_text()
    listed = [line.removeprefix("      - ") for line in text.splitlines() if line.startswith("      - ")]
    assert environment_yml([line + "\n" for line in listed[:-1]]) == text
    assert environment_yml(["# a comment\n", "\n", "a==1 ; os_name == 'nt'\n"]).endswith(
        "  - pip:\n      - a==1 ; os_name == 'nt'\n      - -e .\n")


def test_make_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\$\(STAMP\): uv\.lock pyproject\.toml", makefile, re.MULTILINE)
    assert "sync --frozen" in makefile and "--require-hashes" in makefile
    assert re.search(r"^test: \$\(VENV\)/\.installed-test\b", makefile, re.MULTILINE)
    assert re.search(r"^lab: \$\(VENV\)/\.installed-lab$", makefile, re.MULTILINE)
