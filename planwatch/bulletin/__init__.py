"""Reading a statistics bulletin (国民经济和社会发展统计公报) for a plan: pure, no database.

`read_bulletin(document, candidates, synonyms)` finds the bulletin's year from its title, reads
every figure of its text and tables, and proposes, for each series of the plan, the figures the
bulletin states (exact name, synonym, or derived with its arithmetic). The service stores the
proposals in the 待审核 queue; nothing here decides what goes into the books.
"""

from planwatch.bulletin.propose import read_bulletin, read_statements
from planwatch.bulletin.settings import DEFAULT_SETTINGS, BulletinSettings
from planwatch.bulletin.title import NotABulletin
from planwatch.bulletin.types import (
    BulletinReading,
    Candidate,
    Match,
    OtherMeasure,
    Proposal,
    Statement,
    SynonymPair,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "BulletinReading",
    "BulletinSettings",
    "Candidate",
    "Match",
    "NotABulletin",
    "OtherMeasure",
    "Proposal",
    "Statement",
    "SynonymPair",
    "read_bulletin",
    "read_statements",
]
