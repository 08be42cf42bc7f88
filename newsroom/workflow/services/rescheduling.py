"""Moving an approved item's publication time (the editorial calendar calls this).

The approval stays what it was: bound to the same content (its fingerprint is
checked, not renewed) and by the same reviewer; only the time moves. Only a
time that has not come yet moves, to another one still to come: an item whose
time has passed is public already (visibility is computed at query time), and
moving it would take it offline, which is what unpublishing is for.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.errors import PermissionDenied, StaleEdit, TransitionNotAllowed
from newsroom.workflow import content
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import Status, schedule_errors
from newsroom.workflow.services.base import InvalidSchedule, audit, lock, sync


def reschedule(item, user, publish_at: datetime, *, expected_publish_at: datetime | None = None,
               comment: str = "") -> None:
    """Move the item's publish_at; refused unless it is approved for a time still to come.

    expected_publish_at: the time the reviewer saw; refused if it moved since.
    """
    now = timezone.now()
    if publish_at is None or publish_at <= now:
        raise InvalidSchedule(_("Choose a publication time that has not come yet."))
    with transaction.atomic():
        locked = lock(item)
        name = locked._meta.verbose_name
        if not flow.has_role(user, type(locked), flow.Role.REVIEWER):
            raise PermissionDenied(_("Only reviewers may move the publication time of this "
                                     "%(name)s.") % {"name": name})
        if locked.status != Status.APPROVED or locked.publish_at is None or locked.publish_at <= now:
            state = Status(locked.status).label
            raise TransitionNotAllowed((_(
                "Only an approved %(name)s whose publication time is still to come can be "
                "moved; this one is %(state)s and already public."
            ) if locked.is_on_air else _(
                "Only an approved %(name)s whose publication time is still to come can be "
                "moved; this one is %(state)s."
            )) % {"name": name, "state": state})
        # The same rule as approving: nobody decides the release of their own submission.
        flow.check_not_own(locked.submitted_by_id, user)
        # Compared to the second: a calendar shows and posts times without microseconds.
        if expected_publish_at is not None and (
            expected_publish_at.replace(microsecond=0) != locked.publish_at.replace(microsecond=0)
        ):
            raise StaleEdit(_("The publication time changed after you opened the calendar: "
                              "look again before moving it."))
        if content.item_fingerprint(locked) != locked.approved_fingerprint:
            raise StaleEdit(_("The %(name)s no longer matches what was approved: it needs a "
                              "new review, not a new time.") % {"name": name})
        errors = schedule_errors(publish_at, locked.expire_at)
        if errors:
            raise InvalidSchedule(" ".join(str(error) for error in errors.values()))
        before = locked.publish_at
        locked.publish_at = publish_at
        locked.save(update_fields=["publish_at", "updated_at"])
        moved = (f"Publication moved from {timezone.localtime(before):%Y-%m-%d %H:%M} to "
                 f"{timezone.localtime(publish_at):%Y-%m-%d %H:%M %Z}.")
        audit(locked, "reschedule", actor=user, from_status=Status.APPROVED,
              to_status=Status.APPROVED, comment=f"{moved} {comment}".strip())
        # The ETA task of the old time finds nothing due and stops; this one records it.
        from newsroom.workflow.services.transitions import _schedule

        _schedule(locked)
        sync(item)
