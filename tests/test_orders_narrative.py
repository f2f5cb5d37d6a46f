"""helpers.text.export_orders: the export orders report's sentences, computed from the real snapshot.

MOEA survey figures (data/production_survey.csv): 2016 China + Hong Kong 51.3%, Taiwan 45.8%; 2024 China
+ Hong Kong 33.1%, Taiwan 51.4%; 2025 China + Hong Kong 26.2%, Taiwan 52.9%.
"""

from export_orders_support import DEFAULT_LOCATIONS as DEFAULT, orders, shares, survey  # noqa: F401
from markdown_support import shown

from helpers.analysis import export_orders as eo
from helpers.analysis import metrics
from helpers.snapshot import load
from helpers.text import export_orders as text


def test_the_survey_text_states_china_falling_from_51_3_in_2016_and_taiwan_rising_above_half_in_2024(shares):
    changes = text.survey_changes(shares, DEFAULT, 2016, 2024)
    assert "Taiwan 45.8% → 51.4% (+5.6 percentage points)" in changes
    assert "mainland China + Hong Kong 51.3% → 33.1% (−18.2 percentage points)" in changes
    assert text.survey_half(shares, 2016, 2025) == (
        "Production in Taiwan rose above half of all export orders in **2024** (51.4%), for the first time in the "
        "survey years 2016–2025; that year mainland China + Hong Kong produced 33.1%.")


def test_derived_and_approximate_survey_values_are_marked_in_the_text(shares):
    changes = text.survey_changes(shares, DEFAULT, 2015, 2016)
    assert "Taiwan 44.9% (derived) → 45.8%" in changes
    assert "ASEAN no figure → 1% (published as 'about') (no change computed: a gap)" in changes


def test_the_residual_is_explained_and_its_gap_years_named(survey, shares):
    reading = text.survey_residual(survey, shares, DEFAULT, 2012, 2025)
    assert "add up to between 90.4% (2025) and 99.1% (2016) of orders, not 100%" in reading
    assert "derived as 100 minus Taiwan, mainland China + Hong Kong and ASEAN" in reading
    assert "It cannot be computed for 2015 and 2017" in reading
    assert "The survey has no figures at all for 2012–2014." in reading


def test_the_survey_title_names_the_largest_location_and_the_biggest_move(shares):
    assert text.survey_title(shares, 2016, 2025) == (
        "In 2025, 52.9% of Taiwan's export orders were produced in Taiwan (secondary source); mainland China + Hong "
        "Kong moved −25.1 percentage points since 2016")


def test_the_ratio_text_lists_its_gaps_and_says_it_is_a_different_statistic():
    ratio = load("overseas_production_ratio")
    annual, monthly = (eo.production_ratio(ratio, f, 2016, 2025) for f in ("A", "M"))
    reading = text.ratio_reading(annual, monthly, 2016, 2025)
    assert "2019 52.5% (derived); 2020 54%; 2021 51.5% (derived); 2025 47.1%" in reading
    assert "No annual figure in the snapshot for 2016–2018 and 2022–2024" in reading
    assert "Monthly figures exist for 11 single months only" in reading  # 2020-12 … 2025-12
    assert "They are different statistics" in reading
    assert text.ratio_title(annual, monthly) == (
        "The monthly release put the share of orders produced overseas at 47.1% in 2025, against 54% in 2020")


def test_the_crossover_text_says_2025_and_what_the_snapshot_cannot_show(orders):
    both = eo.levels(orders, ["ASEAN", "CHN+HKG"])
    reading = text.asean_crossover(metrics.crossover(both, "ASEAN", "CHN+HKG", key="region"), both, 2016, 2025)
    assert reading.startswith("ASEAN orders overtook China + Hong Kong in **2025**: US$139.54 billion (preliminary) "
                              "against US$137.8 billion (preliminary).")
    assert "2015, 2018 and 2021 lack one or both figures" in reading
    assert "the snapshot starts in 2014" in reading and "cannot confirm the years before 2014" in reading


def test_the_orders_text_names_each_regions_gaps_and_the_asean_definitions(orders):
    regions = list(eo.REGIONS)
    levels = eo.levels(orders, regions)
    reading = text.orders_levels(levels, eo.region_shares(orders, regions), regions, 2016, 2025)
    assert "Japan US$30.51 billion in 2023 (5.4% of all orders, computed)" in reading
    assert "Japan 2018, 2021 and 2024–2025" in reading
    assert "ASEAN-6" in shown(text.asean_definition(orders, 2016, 2025))
    assert "2022–2025 do not state the member count" in shown(text.asean_definition(orders, 2016, 2025))
    assert "2022: not stated (ASEAN-6 in releases to at least 2022-02)" in shown(text.asean_definition(orders, 2016, 2025))


def test_the_gap_text_reads_orders_above_exports_as_production_or_shipment_elsewhere(orders):
    paired = eo.orders_vs_exports(orders, load("trade_by_partner", flow="export"), eo.REGIONS)
    reading = text.gap_reading(paired, 2016, 2025)
    assert "United States 2025: orders US$268.34 billion against customs exports US$198.27 billion (1.35 times)" \
        in reading
    assert "Orders exceed exports for the United States, Europe and ASEAN" in reading
    assert "Customs exports exceed orders for China + Hong Kong and Japan" in reading
    assert text.gap_title(paired, 2016, 2025).startswith("Orders from Europe were 2.3 times customs exports")


def test_titles_for_the_orders_charts_state_the_crossover_and_the_largest_share(orders):
    regions = list(eo.REGIONS)
    by_region = eo.region_shares(orders, regions)
    crossing = metrics.crossover(eo.levels(orders, ["ASEAN", "CHN+HKG"]), "ASEAN", "CHN+HKG", key="region")
    assert text.orders_level_title(by_region, crossing) == (
        "ASEAN overtook China + Hong Kong as a source of Taiwan's export orders in 2025")
    early = metrics.years(by_region, 2016, 2020)
    assert text.orders_level_title(early, crossing).startswith("Customers in the United States placed the most")
    assert text.orders_share_title(by_region) == "Customers in the United States placed 36.1% of Taiwan's export orders in 2025"


def test_a_crossover_outside_the_years_shown_is_said_to_be_so(orders):
    both = eo.levels(orders, ["ASEAN", "CHN+HKG"])
    reading = text.asean_crossover(metrics.crossover(both, "ASEAN", "CHN+HKG", key="region"), both, 2012, 2014)
    assert "That year is outside the years shown here (2012–2014)." in reading


def test_the_survey_notes_name_the_2018_revision_and_the_secondary_2025_source(shares):
    notes = shown(text.survey_notes(shares, 2016, 2025))
    assert "mainland China + Hong Kong 2018 (46.7%): 2019 release implies 46.9 (44.8+2.1)" in notes
    assert "Taiwan 2025 (52.9%): secondary summary of CNA report" in notes
    assert text.survey_notes(shares, 2021, 2021) == ""


def test_a_single_year_reads_as_that_year_not_as_a_change(survey, shares):
    assert text.survey_changes(shares, DEFAULT, 2025, 2025) == (
        "Share of export orders by production location in 2025: Taiwan 52.9% (secondary source); mainland China + "
        "Hong Kong 26.2% (secondary source); ASEAN 11.3% (secondary source); other locations (residual, derived) "
        "9.6% (derived, secondary source).")
    assert "add up to 90.4% (2025) of orders, not 100%" in text.survey_residual(survey, shares, DEFAULT, 2025, 2025)
    assert text.survey_half(shares, 2025, 2025) == (
        "Production in Taiwan was above half of all export orders in 2025 (survey years shown: 2025).")
