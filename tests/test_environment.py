"""pyproject.toml and environment.yml declare the same pinned dependencies."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(requirement.split("==") for requirement in project["dependencies"])


def conda_pins():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, str) and (match := re.fullmatch(r"([A-Za-z0-9_.\-]+)=([^=]+)", entry)):
            pins[match[1]] = match[2]
    pins.pop("python", None)
    return pins


def test_every_dependency_is_pinned_to_an_exact_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert all("==" in requirement for requirement in project["dependencies"])


def test_environment_yml_and_pyproject_declare_the_same_pins():
    assert conda_pins() == pyproject_pins()


def test_the_research_stack_is_declared():
    assert {"jupyterlab", "pandas", "matplotlib", "seaborn", "papermill", "nbval"} <= set(pyproject_pins())
