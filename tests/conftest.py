"""Running the suite in parallel (``pytest -n auto``, pytest-xdist).

Notebook tests execute their notebook once in a module-scoped fixture and check it in many small tests. xdist's
default distribution (``--dist load``) would spread one module's tests over several workers, each executing the
same notebook again; so the default becomes ``loadscope``: a module's tests run on one worker, modules run in
parallel. An explicit ``--dist`` other than ``load`` is kept. Every fixture that writes uses its own temporary
directory, so workers share nothing else.
"""

import pytest


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    return LoadScopeScheduling(config, log)
