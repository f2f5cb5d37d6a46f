"""``data/datapackage.json``: the snapshot described as a Frictionless Data Package (Table Schema per file:
fields and types, primary key, allowed values, period patterns; licences and sources from ``sources.yaml``).

It is generated from the loader's schemas (``helpers.snapshot.schemas``) and the sources registry, so the two
cannot drift apart: ``python -m helpers.snapshot.datapackage`` writes it, ``--check`` fails if the committed
file is stale; the updater rewrites it whenever it records new file entries. R, Excel/Power Query and other
tools then read the same files with types and licences (see data/README.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from helpers.snapshot import paths, registry
from helpers.snapshot.files import write_bytes_atomic
from helpers.snapshot.schemas import SCHEMAS, Schema

DESCRIPTOR_FILE = "datapackage.json"

# What the columns shared by several files mean (the files' own columns are described in data/README.md).
COLUMN_MEANINGS = {
    "freq": "A = annual, M = monthly",
    "period": "calendar year or month, or a span written in the grammar of data/README.md",
    "flow": "trade flow from the reporter's side",
    "value_usd_thousand": "US$ thousand, as published",
    "value_usd_billion": "US$ billion, as published",
    "share_pct": "percent, as published",
    "yoy_pct": "year-on-year change in percent, as published",
    "ratio_pct": "percent, as published",
    "status": "final, or preliminary (the publisher may still revise it)",
    "basis": "table (official data file or table), headline (release text) or derived (formula in derivation/note)",
    "derivation": "formula on published figures, for basis = derived",
    "source": "source id in sources.yaml (publisher, dataset, URL, licence)",
    "reported_in": "URL of the release or report the figure was taken from",
    "note": "free-text note",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def licence(title: str) -> dict:
    return {"name": slug(title), "title": title}


def field(schema: Schema, column: str) -> dict:
    spec = {"name": column, "type": "number" if column in schema.numeric else "string"}
    if column in COLUMN_MEANINGS:
        spec["description"] = COLUMN_MEANINGS[column]
    constraints = {}
    if column in schema.key or column in schema.required_numeric or column in schema.allowed:
        constraints["required"] = True
    if column in schema.allowed:
        constraints["enum"] = list(schema.allowed[column])
    if column == "period" and schema.period_grammar:
        constraints["pattern"] = f"(?:{schema.period_grammar.pattern})"
    if column in schema.numeric and column not in schema.signed and not schema.signed_rows:
        constraints["minimum"] = 0
    if column in schema.percent:
        constraints["maximum"] = 100
    if constraints:
        spec["constraints"] = constraints
    return spec


def resource(name: str, schema: Schema, entry: dict, sources: dict) -> dict:
    cited = [sources[source_id] for source_id in entry.get("sources", [])]
    return {
        "name": name,
        "path": paths.dataset_path(name, Path(".")).name,
        "profile": "tabular-data-resource",
        "description": entry.get("description", ""),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "sources": [{"title": f"{source['publisher']}: {source['dataset']}", "path": source["url"].split()[0]}
                    for source in cited],
        "licenses": [licence(title) for title in dict.fromkeys(source["licence"] for source in cited)],
        "schema": {"fields": [field(schema, column) for column in schema.columns], "primaryKey": list(schema.key),
                   "missingValues": [""]},
    }


def descriptor(data_dir: Path | None = None) -> dict:
    document = registry.load_registry(Path(data_dir or paths.data_dir()))
    resources = [resource(name, schema, document["files"].get(f"{name}.csv", {}), document["sources"])
                 for name, schema in SCHEMAS.items()]
    return {
        "profile": "tabular-data-package",
        "name": "taiwan-trade-pivot",
        "title": "Taiwan Trade Pivot: data snapshot",
        "description": "Official statistics on Taiwan's trade with China and the United States, as tidy CSV files. "
                       "Generated from the loader's schemas by helpers.snapshot.datapackage; see README.md.",
        "licenses": list({item["name"]: item for res in resources for item in res["licenses"]}.values()),
        "resources": resources,
    }


def render(data_dir: Path | None = None) -> str:
    return json.dumps(descriptor(data_dir), indent=2, ensure_ascii=False) + "\n"


def write(data_dir: Path | None = None) -> Path:
    data_dir = Path(data_dir or paths.data_dir())
    target = data_dir / DESCRIPTOR_FILE
    write_bytes_atomic(render(data_dir).encode("utf-8"), target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.snapshot.datapackage", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="the snapshot directory (default: data/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the committed file is stale")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir or paths.data_dir())
    if args.check:
        target = data_dir / DESCRIPTOR_FILE
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != render(data_dir):
            print(f"{target} is stale: run python -m helpers.snapshot.datapackage", file=sys.stderr)
            return 1
        return 0
    print(f"wrote {write(data_dir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
