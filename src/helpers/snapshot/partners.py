"""Partner codes used across the package: ISO 3166 alpha-3 for economies, named codes for regions.

Aggregates are either computed from their members (when every member is present for a period) or
taken from the aggregate the publisher itself reports (for periods where members are not published).
"""

ASEAN_MEMBERS = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM")

# Aggregates that the loaders compute from members where all members exist.
AGGREGATES = {
    "CHN+HKG": ("CHN", "HKG"),
    "ASEAN": ASEAN_MEMBERS,
}

# Regions that overlap others (continents); excluded when partners are summed to a whole.
REGIONS = ("ASIA", "EUR", "MIDEAST", "NAMERICA", "ASEAN", "CHN+HKG")
# Totals, residuals and survey groupings: never a trading partner of their own.
NOT_ECONOMIES = ("WLD", "ROW", "OTHER", "EUR+USA", "AMERICAS")


def economies(codes, china_with_hong_kong: bool = True) -> list[str]:
    """The codes among ``codes`` that are single trading partners (for ranking partners), sorted.

    Regions, totals and residuals are dropped. With ``china_with_hong_kong`` (default) mainland China
    and Hong Kong count as one partner, ``CHN+HKG`` (as Taiwan's Ministry of Finance reports them,
    much of the trade with Hong Kong being transit to or from the mainland); otherwise ``CHN`` and
    ``HKG`` count separately and ``CHN+HKG`` is dropped.
    """
    merged = AGGREGATES["CHN+HKG"]
    dropped = set(NOT_ECONOMIES) | (set(REGIONS) - {"CHN+HKG"})
    dropped |= set(merged) if china_with_hong_kong else {"CHN+HKG"}
    return sorted(set(codes) - dropped)

