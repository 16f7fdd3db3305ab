"""An uploaded file: taken from its form (one clear Chinese line when there is none), and handed to a
service kept in a private temporary folder under a name of our own (never the visitor's, which may
hold a path), removed when the service is done with it."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from starlette.datastructures import FormData, UploadFile

from planwatch.present.web.auth import WebError


async def uploaded_file(form: FormData, missing: str) -> tuple[str, bytes]:
    """The form's `file` as (its name as sent, its bytes); `missing` is said when none was chosen."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise WebError(missing)
    return upload.filename, await upload.read()


@contextlib.contextmanager
def saved_upload(content: bytes, suffix: str) -> Iterator[Path]:
    """`content` as a file ending in `suffix` (.csv, .xlsx: what the reader goes by)."""
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        yield path
