"""Report pipeline: catalogue (reports.yaml) -> papermill -> self-contained offline HTML.

Modules, one job each:
  catalogue   read reports.yaml, fan out variants, validate parameters against each notebook
  manifest    hash what each report depends on; the build manifest in reports/
  provenance  data vintage and sources (publisher, licence) for a report's datasets
  html        executed notebook -> offline HTML (no code, no scripts, no local paths)
  execute     run one report in a worker process: papermill, executed copy, HTML
  kernels     preloaded kernels: forked from a server that has imported the notebooks' modules
  index       reports/index.html
  progress    progress bar in a terminal, log lines otherwise
  build       plan, run in parallel, record, under a lock
  cli         the `trade-pivot-reports` command
"""
