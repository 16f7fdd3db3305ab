"""The only package that runs SQL: one Store over the aggregates (plans, observations, users,
assignments, audit, revision), each a module of its own."""

from planwatch.store.database import Store
from planwatch.store.plans import IngestResult, PlanSummary

__all__ = ["IngestResult", "PlanSummary", "Store"]
