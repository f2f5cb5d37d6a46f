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
