"""Taiwan trade pivot: official-data snapshot, validated loaders, metrics, plots and reports."""
__version__ = "0.1.0"
