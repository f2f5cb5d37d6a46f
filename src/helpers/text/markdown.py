"""Computed text into the notebook, safe by construction.

The text functions (``helpers.text.<topic>``) write Markdown: their own wording may use emphasis, headings, lists
and links, and every string that comes from a file people edit (``data/claims.yaml``, free-text CSV columns such
as ``note`` or ``derivation``, commodity labels, event labels) goes in through :func:`untrusted`, or through
:func:`link` for a URL, so it shows exactly as typed and can never become markup. :func:`say` renders the Markdown
to HTML itself, with raw HTML escaped and links limited to http, https, mailto and in-page anchors, so nothing
downstream (JupyterLab, nbconvert) interprets Markdown or HTML from a file.
"""

from __future__ import annotations

import html
import re

import mistune
from mistune.renderers.html import HTMLRenderer

LINK_SCHEMES = ("http", "https", "mailto")
# CommonMark lets a backslash escape any ASCII punctuation character; escaped, each one is shown literally.
MARKDOWN_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
# Browsers drop ASCII control characters and spaces from URLs ("java\tscript:" is javascript:), so the scheme is
# read as they would read it.
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
DESTINATION_UNSAFE = re.compile(r"[\x00-\x20<>\\\x7f]")


def untrusted(value) -> str:
    """``value`` (text read from a file) as Markdown that displays exactly that text.

    Every ASCII punctuation character is backslash-escaped, so ``<img …>``, ``[a](javascript:…)``, ``**``, ``#``,
    ``$`` or ``&amp;`` are shown as typed and never become a tag, a link, emphasis, a heading or an entity; line
    breaks become spaces, so a value cannot start a new block (a heading, a list, a code block)."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", LINE_BREAK.sub(" ", str(value)))


def allowed_url(url: str) -> bool:
    """Whether a link may point at ``url``: http, https, mailto, or an anchor on the same page (``#…``)."""
    target = URL_IGNORED.sub("", str(url))
    if target.startswith("#"):
        return True
    scheme = URL_SCHEME.match(target)
    return bool(scheme) and scheme.group(1).lower() in LINK_SCHEMES


def link(text, url) -> str:
    """A Markdown link showing ``text`` and pointing at ``url`` (both from a file), or only the text when the
    URL's scheme is not allowed (see :func:`allowed_url`)."""
    if not allowed_url(url):
        return untrusted(text)
    destination = DESTINATION_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", str(url).strip())
    return f"[{untrusted(text)}](<{destination}>)"


class SafeRenderer(HTMLRenderer):
    """Mistune's HTML renderer with raw HTML escaped, links limited to :data:`LINK_SCHEMES` and anchors (any
    other link is shown as its text), and no images (a report never loads one from elsewhere)."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def link(self, text: str, url: str, title: str | None = None) -> str:
        return super().link(text, url, title) if allowed_url(url) else text

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return text  # the alt text, already rendered (escaped) by mistune


RENDER = mistune.create_markdown(renderer=SafeRenderer())


def to_html(text: str) -> str:
    """``text`` (Markdown) as HTML. The wrapper tells JupyterLab's MathJax to leave dollar amounts alone."""
    return f'<div class="computed-text tex2jax_ignore mathjax_ignore">{RENDER(text)}</div>'


def plain_text(text: str) -> str:
    """``text`` (Markdown) as the words a reader sees, without markup: "**Verdict:** 50\\%" → "Verdict: 50%".
    For places that show one line of text, such as the report index (which escapes it again)."""
    return html.unescape(re.sub(r"<[^>]*>", "", RENDER(text))).strip()


def say(text: str) -> None:
    """Display ``text`` (Markdown from a text function) in the notebook as HTML rendered by :func:`to_html`.

    The Markdown source goes along as ``text/markdown`` for tests and tools that read it; JupyterLab and nbconvert
    both prefer ``text/html``, so they never interpret the Markdown themselves."""
    from IPython.display import display

    display(bundle(text), raw=True)


def bundle(text: str) -> dict:
    """The display bundle of ``text`` (Markdown): HTML rendered here, and the source."""
    return {"text/html": to_html(text), "text/markdown": text}


#: Output metadata key under which a report's key findings travel to the report index (helpers.reports).
KEY_FINDINGS = "key_findings"


def key_findings_markdown(findings: list[str], currency_line: str) -> str:
    """The block under a report's title: the findings (Markdown) as a list, then the data-currency line (plain
    text: it names publishers from the sources registry)."""
    items = "\n".join(f"- {finding}" for finding in findings)
    return f"## Key findings\n\n{items}\n\n*{untrusted(currency_line)}*"


def show_key_findings(findings: list[str], currency) -> None:
    """Display the key-findings block (rendered like :func:`say`); its output carries the first finding (as plain
    text) and the data currency (a :class:`helpers.text.currency.Currency`) as metadata, for the report index."""
    from IPython.display import display

    summary = {"finding": plain_text(findings[0]) if findings else "", "monthly_to": currency.monthly_to,
               "annual_to": currency.annual_to, "data_to": currency.data_to, "currency": currency.text}
    display(bundle(key_findings_markdown(findings, currency.text)), raw=True, metadata={KEY_FINDINGS: summary})
