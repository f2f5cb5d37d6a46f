"""helpers.text.markdown: computed Markdown rendered to HTML with file text escaped and links limited to safe
schemes; dollar amounts and bold markers survive."""

import html

import pytest

from helpers.text.markdown import allowed_url, link, plain_text, say, to_html, untrusted

INJECTIONS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](https://example.org/track.png)",
    "**bold** _it_ `code` # heading",
    "&lt;b&gt; &amp;",
    "line one\n\n# Heading\n- item\n    indented code",
    "$x$ and \\*",
]


def paragraph(markup: str) -> str:
    """The text of the single paragraph ``to_html`` made, with HTML entities read back."""
    assert markup.count("<p>") == 1, markup
    return html.unescape(markup.split("<p>", 1)[1].split("</p>", 1)[0])


def test_dollar_amounts_and_bold_are_rendered_as_written():
    markup = to_html("**2025: exports US$640.75 billion, +34.9%** on 2024 (US$475.00 billion).")
    assert "<strong>2025: exports US$640.75 billion, +34.9%</strong> on 2024 (US$475.00 billion)." in markup
    assert "mathjax_ignore" in markup  # JupyterLab must not read "$…$" as LaTeX


@pytest.mark.parametrize("value", INJECTIONS)
def test_untrusted_text_is_shown_exactly_as_typed_and_makes_no_markup(value):
    markup = to_html(f"Note: {untrusted(value)}")
    assert paragraph(markup) == "Note: " + " ".join(part.strip() for part in value.splitlines() if part.strip())
    for tag in ("<img", "<script", "<a ", "<strong", "<em", "<code", "<h1", "<li"):
        assert tag not in markup


def test_raw_html_in_markdown_is_escaped():
    markup = to_html('Text <b onclick="alert(1)">bold</b>\n\n<div onmouseover="x()">block</div>')
    assert "<b" not in markup and "<div onmouseover" not in markup
    assert "&lt;b onclick=" in markup


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "\x01javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
    "page.html", "//example.org/x", "",
])
def test_links_to_other_schemes_or_relative_urls_are_refused(url):
    assert not allowed_url(url)
    assert link("where", url) == "where"


@pytest.mark.parametrize("url", ["http://example.org", "https://udn.com/news/1?a=1&b=2", "mailto:a@example.org",
                                 "#key-findings", "HTTPS://EXAMPLE.ORG"])
def test_http_https_mailto_and_anchors_are_allowed(url):
    assert allowed_url(url)


def test_a_link_from_a_file_keeps_its_text_escaped_and_its_url_whole():
    markup = to_html(link("udn.com <b>", "https://udn.com/a b)c?x=1&y=2"))
    assert '<a href="https://udn.com/a%20b)c?x=1&amp;y=2">udn.com &lt;b&gt;</a>' in markup


@pytest.mark.parametrize("markdown", [
    "[a](javascript:alert(1))", "[a](&#106;avascript:alert(1))", "[a](java%0ascript:alert(1))",
    "<javascript:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)",
])
def test_markdown_links_with_harmful_schemes_render_as_text(markdown):
    markup = to_html(markdown)
    assert "<a" not in markup and "href" not in markup


def test_markdown_images_are_not_loaded_only_their_alt_text_shown():
    markup = to_html("![a chart](https://example.org/x.png)")
    assert "<img" not in markup and "a chart" in markup


def test_say_displays_html_rendered_here_with_the_markdown_source_beside_it(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append((bundle, raw)))
    say(f"**Claim:** {untrusted('<img src=x onerror=alert(1)>')}")
    (bundle, raw), = shown
    assert raw and set(bundle) == {"text/html", "text/markdown"}
    assert "<strong>Claim:</strong> &lt;img src=x onerror=alert(1)&gt;" in bundle["text/html"]


def test_plain_text_shows_the_words_without_markup_and_file_text_exactly_as_typed():
    hostile = untrusted("<img src=x onerror=alert(1)> 5% & [x](javascript:alert(1))")
    assert plain_text(f"**Verdict:** {hostile} and a [link](https://example.org)") == (
        "Verdict: <img src=x onerror=alert(1)> 5% & [x](javascript:alert(1)) and a link")
