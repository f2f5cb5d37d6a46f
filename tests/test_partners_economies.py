"""helpers.snapshot.partners.economies: which codes count as single trading partners when partners are ranked."""

from helpers.snapshot import partners

CODES = ["WLD", "ASIA", "EUR", "ASEAN", "MIDEAST", "NAMERICA", "CHN", "HKG", "CHN+HKG", "JPN", "USA", "VNM"]


def test_china_and_hong_kong_count_once_by_default_and_regions_and_totals_never():
    assert partners.economies(CODES) == ["CHN+HKG", "JPN", "USA", "VNM"]


def test_china_and_hong_kong_can_count_as_two_partners():
    assert partners.economies(CODES, china_with_hong_kong=False) == ["CHN", "HKG", "JPN", "USA", "VNM"]
