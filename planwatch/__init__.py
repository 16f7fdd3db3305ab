"""planwatch: read a Chinese development plan (规划纲要) into a structured, traceable, monitored plan."""

from planwatch.document import Document, load_document
from planwatch.errors import DocumentError, ParseError, PlanwatchError, StoreError
from planwatch.model import Indicator, ParsedPlan, Plan, Section
from planwatch.parse.pipeline import parse_document
from planwatch.services.actor import Actor, system_actor
from planwatch.services.plans import bundled_plan_path, ingest_files, read_plan
from planwatch.store import Store

__version__ = "0.1.0"

__all__ = [
    "Actor",
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
    "ingest_files",
    "load_document",
    "parse_document",
    "read_plan",
    "system_actor",
]
