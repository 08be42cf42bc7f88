"""Writes of the importer: batches of page dumps become drafts (see DESIGN.md, "Imports")."""

from .batches import create_batch, enqueue, import_item, resume, run_batch, sweep
from .sources import Upload, uploads_from_paths

__all__ = [
    "Upload", "create_batch", "enqueue", "import_item", "resume", "run_batch", "sweep",
    "uploads_from_paths",
]
