"""Showing computed text in a notebook as Markdown."""

from __future__ import annotations

import re


def markdown_safe(text: str) -> str:
    """Escape dollar signs: Jupyter and nbconvert read text between two ``$`` as LaTeX, which
    swallowed "US$640.75 billion … US$475.00 billion" and the bold markers between them."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def say(text: str) -> None:
    """Display ``text`` as Markdown in the notebook output (dollar signs shown literally)."""
    from IPython.display import Markdown, display

    display(Markdown(markdown_safe(text)))


#: Output metadata key under which a report's key findings travel to the report index (helpers.reports).
KEY_FINDINGS = "key_findings"


def key_findings_markdown(findings: list[str], currency_line: str) -> str:
    """The block under a report's title: the findings as a list, then the data-currency line."""
    items = "\n".join(f"- {finding}" for finding in findings)
    return f"## Key findings\n\n{items}\n\n*{currency_line}*"


def show_key_findings(findings: list[str], currency) -> None:
    """Display the key-findings block; its output carries the first finding and the data currency
    (a :class:`helpers.text.currency.Currency`) as metadata, for the report index."""
    from IPython.display import Markdown, display

    summary = {"finding": findings[0] if findings else "", "monthly_to": currency.monthly_to,
               "annual_to": currency.annual_to, "data_to": currency.data_to, "currency": currency.text}
    display(Markdown(markdown_safe(key_findings_markdown(findings, currency.text))),
            metadata={KEY_FINDINGS: summary})
