"""The transitions people take: submit, approve, request changes, reopen, unpublish."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.errors import StaleEdit
from newsroom.workflow import content
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import Revision, Status, schedule_errors
from newsroom.workflow.services import previews
from newsroom.workflow.services.base import (
    InvalidInput,
    InvalidSchedule,
    audit,
    content_type_of,
    lock,
    signal_after_commit,
    sync,
)
from newsroom.workflow.services.editing import discard_pending


def _take(item, user, action: str, *, comment: str = "", **fields):
    """Lock, check, change state, write one audit row. Returns (locked row, entry)."""
    locked = lock(item)
    transition = flow.check(locked, action, user)
    previous = locked.status
    locked.status = transition.target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "updated_at", *fields])
    if locked.status not in previews.PREVIEWABLE:
        previews.revoke_links_of(locked, actor=user)
    entry = audit(locked, action, actor=user, from_status=previous, to_status=locked.status,
                  comment=comment)
    return locked, entry


def submit(item, user, *, comment: str = "", assigned_reviewer=None, review_due=None) -> None:
    fields = {"submitted_by": user, "submitted_at": timezone.now()}
    if assigned_reviewer is not None:
        fields["assigned_reviewer"] = assigned_reviewer
    if review_due is not None:
        fields["review_due"] = review_due
    with transaction.atomic():
        _take(item, user, "submit", comment=comment, **fields)
        sync(item)


def approve(item, user, publish_at: datetime | None = None, expire_at: datetime | None = None,
            *, comment: str = "", expected_fingerprint: str | None = None) -> None:
    """Approve the content as it is now; public from publish_at (None: now).

    A publish_at in the past is accepted here (backdating old items, e.g. the demo
    loader); the admin's form refuses it for a schedule.
    expected_fingerprint: the content the reviewer looked at; refused if it changed since.
    """
    errors = schedule_errors(publish_at, expire_at)
    if errors:
        raise InvalidSchedule(" ".join(str(error) for error in errors.values()))
    with transaction.atomic():
        locked = lock(item)
        flow.check(locked, "approve", user)
        data = content.snapshot(locked)
        fingerprint = content.fingerprint(data)
        if expected_fingerprint and expected_fingerprint != fingerprint:
            raise StaleEdit(_("The content changed after you opened it: review it again."))
        now = timezone.now()
        revision = Revision.objects.create(
            content_type=content_type_of(locked), object_id=locked.pk, state=Revision.State.APPROVED,
            data=data, fingerprint=fingerprint, base_version=locked.version, created_by=user,
            decided_by=user, decided_at=now,
        )
        locked.status = Status.APPROVED
        locked.publish_at = publish_at or now
        locked.expire_at = expire_at
        locked.approved_fingerprint = fingerprint
        locked.approved_by = user
        locked.approved_at = now
        locked.save(update_fields=[
            "status", "publish_at", "expire_at", "approved_fingerprint", "approved_by",
            "approved_at", "updated_at",
        ])
        audit(locked, "approve", actor=user, from_status=Status.IN_REVIEW,
              to_status=Status.APPROVED, comment=comment, revision=revision)
        if locked.publish_at <= now:
            # Public already (visibility is computed at query time): record it now.
            from newsroom.workflow.services.publication import record_publication

            record_publication(locked._meta.label_lower, locked.pk, now=now)
        else:
            _schedule(locked)
        sync(item)


def _schedule(item) -> None:
    from newsroom.workflow import tasks

    label, pk, eta = item._meta.label_lower, item.pk, item.publish_at
    transaction.on_commit(lambda: tasks.publish_item.apply_async((label, pk), eta=eta))


def request_changes(item, user, comment: str) -> None:
    if not (comment or "").strip():
        raise InvalidInput(_("Say what should change: a comment is required."))
    with transaction.atomic():
        _take(item, user, "request_changes", comment=comment.strip())
        sync(item)


def reopen(item, user, *, comment: str = "") -> None:
    with transaction.atomic():
        _take(item, user, "reopen", comment=comment)
        sync(item)


def unpublish(item, user, *, comment: str = "") -> None:
    with transaction.atomic():
        locked, _entry = _take(item, user, "unpublish", comment=comment)
        discard_pending(locked, actor=user, reason="Unpublished: there is no live text "
                        "for this edit to replace any more.")
        signal_after_commit(locked, "unpublished")
        sync(item)
