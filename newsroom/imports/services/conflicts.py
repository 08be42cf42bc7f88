"""A person decides a conflict between an editor's change and a newer import."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.errors import NewsroomError
from newsroom.imports.models import ImportItem

from . import ownership


class AlreadyDecided(NewsroomError):
    pass


def resolve(item: ImportItem, *, take: str, user) -> str:
    """take="imported": the newer version's values go to the draft (a pending
    revision on a live item); take="current": the draft stays as it is."""
    with transaction.atomic():
        locked = ImportItem.objects.select_for_update().get(pk=item.pk)
        if locked.resolved_at or not locked.conflicts:
            raise AlreadyDecided(_("This conflict was already decided."))
        result = "kept"
        draft = locked.draft
        if take == "imported" and draft is not None:
            changes = {name: conflict["value"] for name, conflict in locked.conflicts.items()}
            result = ownership.apply(draft, changes, user)
            draft.refresh_from_db()
            locked.written = locked.written | ownership.written_for(ownership.current(draft, changes))
        locked.resolved_at = timezone.now()
        locked.save(update_fields=["written", "resolved_at"])
    item.refresh_from_db()
    return result
