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

NAMES = {
    "WLD": "World",
    "USA": "United States",
    "CHN": "China (mainland)",
    "HKG": "Hong Kong",
    "CHN+HKG": "China + Hong Kong",
    "JPN": "Japan",
    "KOR": "South Korea",
    "ASEAN": "ASEAN-10",
    "EUR": "Europe",
    "IND": "India",
    "MEX": "Mexico",
    "CAN": "Canada",
    "DEU": "Germany",
    "NLD": "Netherlands",
    "GBR": "United Kingdom",
    "FRA": "France",
    "ITA": "Italy",
    "ASIA": "Asia",
    "MIDEAST": "Middle East",
    "NAMERICA": "North America",
    "TWN": "Taiwan",
    "BRN": "Brunei",
    "KHM": "Cambodia",
    "IDN": "Indonesia",
    "LAO": "Laos",
    "MYS": "Malaysia",
    "MMR": "Myanmar",
    "PHL": "Philippines",
    "SGP": "Singapore",
    "THA": "Thailand",
    "VNM": "Vietnam",
    "EUR+USA": "Europe + US",
    "AMERICAS": "Americas (US, Mexico, Canada)",
    "OTHER": "Other",
    "ROW": "Rest of world",
}

# Regions that overlap others (continents); excluded when partners are summed to a whole.
REGIONS = ("ASIA", "EUR", "MIDEAST", "NAMERICA", "ASEAN", "CHN+HKG")


def name(code: str) -> str:
    """English display name of a partner code, e.g. ``name("CHN+HKG") == "China + Hong Kong"``."""
    try:
        return NAMES[code]
    except KeyError:
        raise KeyError(f"unknown partner code {code!r}; known codes: {', '.join(sorted(NAMES))}") from None
