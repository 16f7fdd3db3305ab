"""planwatch: read a Chinese development plan (规划纲要) into a structured, traceable, monitored plan."""

from planwatch.document import Document, load_document
from planwatch.errors import DocumentError, ParseError, PlanwatchError, StoreError
from planwatch.model import Indicator, ParsedPlan, Plan, Section
from planwatch.parse.pipeline import parse_document
from planwatch.store import Store
from planwatch.workflow import bundled_plan_path, ingest_paths, read_plan

__version__ = "0.1.0"

__all__ = [
    "Document",
    "DocumentError",
    "Indicator",
    "ParseError",
    "ParsedPlan",
    "Plan",
    "PlanwatchError",
    "Section",
    "Store",
    "StoreError",
    "__version__",
    "bundled_plan_path",
    "ingest_paths",
    "load_document",
    "parse_document",
    "read_plan",
]
