"""Small tidy frames for unit tests whose answers are computed by hand."""

import pandas as pd


def tidy(rows, freq="Y"):
    """Tidy frame from (period, flow, partner, value) tuples."""
    df = pd.DataFrame(rows, columns=["period", "flow", "partner", "value_usd"])
    df["period"] = df["period"].map(lambda p: pd.Period(p, freq=freq))
    return df
