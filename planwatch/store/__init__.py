"""The only package that runs SQL."""

from planwatch.store.database import IngestResult, PlanSummary, Store

__all__ = ["IngestResult", "PlanSummary", "Store"]
