"""Reading page dumps out of .zip archives without trusting the archive.

An archive is refused as a whole when its central directory already shows
too many entries or too many bytes. Each page inside is checked on its own
when it is read: a path that climbs out of the archive, a compression ratio
no text file has, or more bytes than the header promised fail that page only.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from newsroom.core.errors import NewsroomError

MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Below this size a high ratio is harmless (and common for repetitive text).
_RATIO_FLOOR = 64 * 1024
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveRefused(NewsroomError):
    """The archive, or one page in it, is not safe to read; the message says why."""


@dataclass(frozen=True)
class ArchivePage:
    name: str
    size: int


def is_archive(name: str) -> bool:
    return name.lower().endswith(".zip")


def is_page_name(name: str) -> bool:
    return name.lower().endswith(".txt")


def unsafe_name(name: str) -> str:
    """Why a member name would land outside the archive's folder, or ""."""
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        return _("path outside the archive (absolute path): %s") % name
    if ".." in unified.split("/") or posixpath.normpath(unified).startswith(".."):
        return _("path outside the archive (climbs out with ..): %s") % name
    return ""


def pages(path: str | Path) -> Iterator[ArchivePage]:
    """The .txt members of an archive, after checking its headers as a whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveRefused(_("not a readable .zip archive (%s)") % exc) from None
    if len(infos) > MAX_ENTRIES:
        raise ArchiveRefused(
            _("archive refused: %(entries)s entries, the limit is %(limit)s")
            % {"entries": f"{len(infos):,}", "limit": f"{MAX_ENTRIES:,}"}
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise ArchiveRefused(
            _("archive refused: it would unpack to %(size)s bytes, the limit is %(limit)s bytes")
            % {"size": f"{total:,}", "limit": f"{MAX_TOTAL_BYTES:,}"}
        )
    for info in infos:
        if info.is_dir() or info.filename.startswith("__MACOSX/"):
            continue
        if is_page_name(info.filename):
            yield ArchivePage(info.filename, info.file_size)


def read_page(path: str | Path, name: str, *, max_bytes: int) -> bytes:
    """The bytes of one member, with every limit enforced again while reading."""
    problem = unsafe_name(name)
    if problem:
        raise ArchiveRefused(problem)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
        if info.file_size > max_bytes:
            raise ArchiveRefused(
                _("file too large: %(size)s bytes, the limit is %(limit)s bytes")
                % {"size": f"{info.file_size:,}", "limit": f"{max_bytes:,}"}
            )
        _check_ratio(info.file_size, info.compress_size)
        limit = min(info.file_size, max_bytes)
        chunks, read = [], 0
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                read += len(chunk)
                # Headers can lie; the bytes cannot.
                if read > limit:
                    raise ArchiveRefused(
                        _("archive entry refused: it unpacks to more than the %s bytes declared")
                        % f"{limit:,}"
                    )
                _check_ratio(read, info.compress_size)
                chunks.append(chunk)
    return b"".join(chunks)


def _check_ratio(size: int, compressed: int) -> None:
    if size <= _RATIO_FLOOR:
        return
    if compressed == 0 or size / compressed > MAX_RATIO:
        ratio = "∞" if compressed == 0 else f"{size / compressed:,.0f}"
        raise ArchiveRefused(
            _("archive entry refused as a possible zip bomb: compression ratio %(ratio)s:1, "
              "the limit is %(limit)s:1") % {"ratio": ratio, "limit": MAX_RATIO}
        )
