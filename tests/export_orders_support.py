"""Fixtures shared by the export orders tests: the real snapshot's survey, its default location shares
and the export orders."""

import pytest

from helpers import snapshot
from helpers.analysis import export_orders

DEFAULT_LOCATIONS = ["TWN", "CHN+HKG", "ASEAN", "OTHER"]


@pytest.fixture(scope="module")
def survey():
    return snapshot.load("production_survey")


@pytest.fixture(scope="module")
def shares(survey):
    return export_orders.location_shares(survey, DEFAULT_LOCATIONS)


@pytest.fixture(scope="module")
def orders():
    return snapshot.load("export_orders")
