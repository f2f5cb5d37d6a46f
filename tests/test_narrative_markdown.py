"""Sentences shown as Markdown keep their dollar signs and bold markers in JupyterLab and in the HTML."""

from helpers.text.markdown import markdown_safe


def test_dollar_amounts_are_escaped_so_they_are_not_read_as_latex():
    text = "**2025: exports US$640.75 billion, +34.9%** on 2024 (US$475.00 billion)."
    assert markdown_safe(text) == r"**2025: exports US\$640.75 billion, +34.9%** on 2024 (US\$475.00 billion)."


def test_an_already_escaped_dollar_is_left_alone():
    assert markdown_safe(r"US\$1") == r"US\$1"
