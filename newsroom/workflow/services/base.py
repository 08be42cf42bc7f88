"""What every workflow service shares: the row lock, the audit row, after-commit effects."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from newsroom.core.errors import NewsroomError
from newsroom.workflow.models import AuditEntry, Revision
from newsroom.workflow.signals import public_content_changed


class InvalidInput(NewsroomError):
    """A request the service refuses as given (shown as a form error)."""


class InvalidSchedule(InvalidInput):
    pass


def lock(item):
    """The item's row, locked until the transaction ends (a no-op lock on SQLite,
    whose writers are serialized anyway)."""
    return type(item)._base_manager.select_for_update().get(pk=item.pk)


def sync(item) -> None:
    """Give the caller's copy the state the service left in the database."""
    item.refresh_from_db()


def content_type_of(item) -> ContentType:
    """The item's own content type (a proxy model keeps its own): what ItemRecords point at."""
    return ContentType.objects.get_for_model(item, for_concrete_model=False)


def audit(item, action: str, *, actor, from_status: str, to_status: str, comment: str = "",
          revision: Revision | None = None) -> AuditEntry:
    entry = AuditEntry.objects.create(
        content_type=content_type_of(item),
        object_id=item.pk,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        comment=comment,
        revision=revision,
        created_at=timezone.now(),
    )
    notify_after_commit(entry)
    return entry


def notify_after_commit(entry: AuditEntry) -> None:
    from newsroom.workflow import tasks

    transaction.on_commit(lambda: tasks.notify.delay(entry.pk))


def signal_after_commit(item, reason: str) -> None:
    model, pk = type(item), item.pk

    def send():
        instance = model._base_manager.filter(pk=pk).first()
        if instance is not None:
            public_content_changed.send(sender=model, instance=instance, reason=reason)

    transaction.on_commit(send)
