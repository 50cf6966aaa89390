"""veille: verifiable structured knowledge from news pages — who said what, who did what to whom, when and
where, and who copied whom. Every fact carries the exact span of text it came from."""

from veille.api import (
           Article,
           IngestReport,
           Settings,
           Store,
           demo_inputs,
           extract,
           extract_all,
           ingest,
           open_store,
)

__version__ = "0.1.0"
__all__ = ["Article", "IngestReport", "Settings", "Store", "demo_inputs", "extract", "extract_all", "ingest",
           "open_store"]
