"""An uploaded file handed to a service: kept in a private temporary folder under a name of our own
(never the visitor's, which may hold a path), removed when the service is done with it."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def saved_upload(content: bytes, suffix: str) -> Iterator[Path]:
    """`content` as a file ending in `suffix` (.csv, .xlsx: what the reader goes by)."""
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        yield path
