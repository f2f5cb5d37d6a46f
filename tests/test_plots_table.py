"""charts.table_html: a table as a self-contained HTML figure with its sources and its data."""

import base64
import re

import pandas as pd

from helpers import charts


def test_a_table_figure_escapes_cells_names_publishers_and_offers_its_data_as_csv():
    frame = pd.DataFrame({"Claim": ["Exports <b>rose</b>"], "Stated": ["640.75"]})
    markup = charts.table_html(frame, title="Claims checked", sources=["mof_u2010"], data=frame.assign(id=["x"]))
    assert "Exports &lt;b&gt;rose&lt;/b&gt;" in markup
    assert "Claims checked. Source: Ministry of Finance, R.O.C. (Taiwan)." in markup
    encoded = re.search(r'download="claims-checked.csv" href="data:text/csv;base64,([^"]+)"', markup).group(1)
    assert base64.b64decode(encoded).decode() == "Claim,Stated,id\nExports <b>rose</b>,640.75,x\n"
