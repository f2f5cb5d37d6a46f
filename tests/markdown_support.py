"""Reading computed Markdown as a reader sees it: text from files comes escaped (``helpers.text.markdown.untrusted``
backslash-escapes its punctuation), so tests that look for that text read the escapes back first."""

from __future__ import annotations

import re

BACKSLASH_ESCAPE = re.compile(r"""\\([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def shown(markdown: str) -> str:
    """``markdown`` with CommonMark backslash escapes read back ("US\\$47\\.6" → "US$47.6"); emphasis stays."""
    return BACKSLASH_ESCAPE.sub(r"\1", markdown)
