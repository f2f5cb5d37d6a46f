"""The HTML the build writes itself (report header, index page) from Jinja2 templates with autoescaping, so a
title, description, registry entry or error message from a file is always text, never markup.

Every page also carries :data:`CONTENT_SECURITY_POLICY`: the reports need no script and load nothing (images are
``data:`` URIs, CSS is inline), so a policy that allows neither is a second layer behind the escaping.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

PAGE_TEMPLATES = Path(__file__).parent / "templates" / "page"
CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
                           "form-action 'none'")
ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE_TEMPLATES), autoescape=True,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENVIRONMENT.globals["content_security_policy"] = CONTENT_SECURITY_POLICY


def render(template: str, **context) -> str:
    """``templates/page/<template>`` rendered with ``context`` (every value escaped unless the template says not)."""
    return ENVIRONMENT.get_template(template).render(**context)
