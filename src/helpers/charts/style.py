"""One house style for every chart of every report: theme and fonts, a colour-blind-safe palette fixed per
code (Okabe-Ito, then Paul Tol's "muted" set), figure size, title wrapping.
"""

from __future__ import annotations

import textwrap
import zlib

import seaborn as sns

# --------------------------------------------------------------------------------------------
# palette
# --------------------------------------------------------------------------------------------
# Okabe & Ito (2008) colour-blind-safe colours, then Paul Tol's "muted" scheme for further codes.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}


TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")


GREY = "#8C8C8C"


#: Fixed colour per code. Partners first (ISO3 / aggregate codes of helpers.snapshot.partners), then flows,
#: commodity groups and reporters. Add new codes here, never in a notebook.
PALETTE: dict[str, str] = {
    # partners
    "USA": OKABE_ITO["blue"],
    "CHN+HKG": OKABE_ITO["vermillion"],
    "CHN": "#A33B00",            # darker vermillion: mainland China alone
    "HKG": TOL_MUTED[6],         # rose
    "ASEAN": OKABE_ITO["bluish_green"],
    "JPN": OKABE_ITO["reddish_purple"],
    "EUR": OKABE_ITO["orange"],
    "KOR": OKABE_ITO["sky_blue"],
    "MEX": TOL_MUTED[7],         # wine
    "IND": TOL_MUTED[4],         # olive
    "VNM": TOL_MUTED[3],         # green
    "SGP": TOL_MUTED[2],         # teal
    "ASIA": TOL_MUTED[0],        # indigo
    "NAMERICA": TOL_MUTED[8],    # purple
    "MIDEAST": TOL_MUTED[5],     # sand
    "WLD": OKABE_ITO["black"],
    "ROW": GREY,
    "OTHER": GREY,
    # flows
    "export": TOL_MUTED[3],      # green
    "import": TOL_MUTED[7],      # wine
    "balance": TOL_MUTED[0],     # indigo
    # commodity groups (trade_by_commodity codes)
    "ict_av": TOL_MUTED[0],                 # indigo: ICT & audio-visual (servers, computers)
    "electronic_components": TOL_MUTED[5],  # sand: chips and other components
    "electronics_ict": TOL_MUTED[2],        # teal: the two combined
    "total": OKABE_ITO["black"],
    # sources (bars coloured by who published them): Taiwan customs, the reference, as a total
    "mof_u2010": OKABE_ITO["black"],
    # reporters of mirror statistics: the same trade as each side records it
    "reported_by_usa": OKABE_ITO["blue"],
    "reported_by_taiwan": OKABE_ITO["black"],
}


#: Series of one chart drawn in one colour (column → palette code), told apart by panel or line style:
#: the overseas production ratio at both frequencies (a total: the world's colour); the China mirror figures (each
#: side in its partner's colour); and the quoted Japan-side ranks, each in the colour of the flow as seen from
#: Taiwan (Japan's exports to Taiwan are Taiwan's imports from Japan). The two US mirror series (the same trade as
#: each side records it) share one chart, so they get a colour each; their ratio, in a panel of its own, takes the
#: United States' colour.
FREQUENCY_COLOURS = {"A": "WLD", "M": "WLD"}
US_MIRROR_COLOURS = {"usa": "reported_by_usa", "taiwan": "reported_by_taiwan", "ratio": "USA"}
CHINA_MIRROR_COLOURS = {"china_reported": "CHN", "taiwan_to_chn_hkg": "CHN+HKG", "taiwan_to_chn": "HKG"}
JAPAN_SIDE_COLOURS = {
    "taiwan_rank_in_japan_trade": "total",
    "taiwan_rank_in_japan_exports": "import",
    "taiwan_rank_in_japan_imports": "export",
    "taiwan_rank_in_japan_imports (japan_customs_rank_boft_2019_page)": "balance",
}

def colour(code: str) -> str:
    """The fixed colour of ``code``; codes not in :data:`PALETTE` get a stable colour from Tol's
    muted set (by checksum of the code, so it is the same in every report)."""
    if code in PALETTE:
        return PALETTE[code]
    return TOL_MUTED[zlib.crc32(str(code).encode("utf-8")) % len(TOL_MUTED)]


# --------------------------------------------------------------------------------------------
# style
# --------------------------------------------------------------------------------------------
FIGSIZE = (9.0, 4.8)


#: Where a line chart's legend goes: beside the plot, so that it never covers a line.
LEGEND_BESIDE = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}


DPI = 110


TITLE_WIDTH = 78


def apply_style() -> None:
    """Set the house theme (called on import; call again if something reset rcParams)."""
    sns.set_theme(
        context="notebook", style="whitegrid", font_scale=0.95,
        rc={
            "figure.figsize": FIGSIZE, "figure.dpi": DPI, "savefig.dpi": DPI,
            "axes.titlesize": 12.5, "axes.titleweight": "bold", "axes.titlelocation": "left",
            "axes.labelsize": 10, "axes.spines.top": False, "axes.spines.right": False,
            "legend.frameon": False, "legend.fontsize": 9, "grid.color": "#E5E5E5",
            "font.family": "DejaVu Sans",
        },
    )


apply_style()


def wrap(title: str, width: int = TITLE_WIDTH) -> str:
    """``title`` wrapped to ``width``, with "$" escaped (two of them, as in "US$1 … US$2", would
    otherwise turn the text between them into matplotlib mathtext)."""
    return "\n".join(textwrap.wrap(title, width)).replace("$", r"\$") if title else title
