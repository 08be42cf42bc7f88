"""Writes of the importer: batches of page dumps become drafts (see DESIGN.md, "Imports")."""

from .batches import create_batch, enqueue, import_item, run_batch
from .sources import Upload, uploads_from_paths

__all__ = ["Upload", "create_batch", "enqueue", "import_item", "run_batch", "uploads_from_paths"]
