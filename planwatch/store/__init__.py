"""The only package that runs SQL: one Store over the aggregates (plans and their versions, item
keys, observations, users, assignments, audit, revision), each a module of its own."""

from planwatch.store.database import Store
from planwatch.store.plans import PlanRow
from planwatch.store.versions import IngestResult, VersionSummary

__all__ = ["IngestResult", "PlanRow", "Store", "VersionSummary"]
