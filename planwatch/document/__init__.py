"""Stage 1: a file becomes a `Document` — numbered lines, table grids, the source's sha256."""

from planwatch.document.load import load_bytes, load_document, split_lines
from planwatch.document.model import Document, Line, Table, TableCell

__all__ = [
    "Document",
    "Line",
    "Table",
    "TableCell",
    "load_bytes",
    "load_document",
    "split_lines",
]
