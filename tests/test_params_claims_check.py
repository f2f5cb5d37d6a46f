"""claims_check_params.validate: the claims check notebook accepts topics from the claims registry and a tolerance."""

import pytest

from helpers.params import checks
from helpers.params import claims_check as claims_check_params


def test_defaults_are_accepted_and_topics_come_from_the_claims_registry():
    p = claims_check_params.validate(topics=["trade_pivot", "export_orders", "japan_taiwan"], tolerance=0)
    assert p.topics == ("trade_pivot", "export_orders", "japan_taiwan") and p.tolerance == 0.0


def test_every_problem_is_listed_at_once_with_the_allowed_topics():
    with pytest.raises(checks.ParameterError) as caught:
        claims_check_params.validate(topics=["trade_pivot", "weather"], tolerance=-1)
    message = str(caught.value)
    assert "topics: unknown topic 'weather'; allowed: trade_pivot, export_orders, japan_taiwan" in message
    assert "tolerance: -1 must be a number, zero or more" in message


@pytest.mark.parametrize("topics", ["trade_pivot", [], ["japan_taiwan", "japan_taiwan"]])
def test_topics_must_be_a_non_empty_list_of_distinct_topics(topics):
    with pytest.raises(checks.ParameterError):
        claims_check_params.validate(topics=topics, tolerance=0, allowed_topics=["trade_pivot", "japan_taiwan"])


@pytest.mark.parametrize("tolerance", [True, "1", float("nan")])
def test_tolerance_must_be_a_plain_finite_number(tolerance):
    with pytest.raises(checks.ParameterError, match="tolerance"):
        claims_check_params.validate(topics=["trade_pivot"], tolerance=tolerance, allowed_topics=["trade_pivot"])
