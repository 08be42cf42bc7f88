"""Where page dumps come from: files on disk, admin uploads."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from newsroom.imports import archives


@dataclass(frozen=True)
class Upload:
    """One file handed to the importer: a page dump or a .zip of them."""

    name: str
    size: int
    open: Callable[[], BinaryIO]
    path: str = ""  # set when the file is on local disk


def uploads_from_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Upload]:
    """Files as given; directories contribute every .txt and .zip inside, in name order."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {path}")
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and (archives.is_page_name(p.name) or archives.is_archive(p.name))
            )
            for file in found:
                yield _upload(file, str(file.relative_to(path)))
        else:
            yield _upload(path, path.name)


def _upload(path: Path, name: str) -> Upload:
    return Upload(name=name, size=path.stat().st_size, open=lambda: path.open("rb"), path=str(path))


def max_bytes() -> int:
    return settings.NEWSROOM_IMPORT_MAX_BYTES


def too_large(size: int, limit: int) -> str:
    return _("file too large: %(size)s bytes, the limit is %(limit)s bytes; refused before reading") % {
        "size": f"{size:,}", "limit": f"{limit:,}"}
