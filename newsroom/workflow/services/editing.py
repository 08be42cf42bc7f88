"""Edits: applied directly to an item nobody reads yet, kept as a pending revision for a live one.

A live item's row is what the public reads, so an edit never touches it: the
edit is saved inside a savepoint (so slugs, sanitizing and relations come out
exactly as a real save would make them), snapshotted, and rolled back. The
snapshot waits as a pending Revision until a reviewer approves it.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.errors import PermissionDenied, StaleEdit, TransitionNotAllowed
from newsroom.workflow import content
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import Revision, Status
from newsroom.workflow.services.base import audit, content_type_of, lock, signal_after_commit


def edit(item, *, user, changes: dict, m2m: dict | None = None) -> str:
    """Apply `changes` (attribute -> value) and `m2m` (relation -> values) as `user`.

    Returns "applied" (the row changed; an approval that no longer matches is
    voided) or "pending" (the item is live: a revision awaits review).
    """
    if not flow.has_role(user, type(item), flow.Role.EDITOR):
        raise PermissionDenied(
            _("Only editors may edit this %(name)s.") % {"name": item._meta.verbose_name}
        )
    with transaction.atomic():
        locked = lock(item)
        if locked.is_on_air:
            savepoint = transaction.savepoint()
            pending = pending_revision(locked)
            if pending is not None:
                # Build on the edit awaiting review, so a second edit never drops the first.
                content.apply(locked, pending.data)
            for name, value in changes.items():
                setattr(locked, name, value)
            _save(locked, m2m)
            result = "pending" if store_pending(locked, user, savepoint) else "applied"
        else:
            for name, value in changes.items():
                setattr(locked, name, value)
            locked.version += 1
            _save(locked, m2m)
            after_direct_edit(locked, user)
            result = "applied"
    item.refresh_from_db()
    return result


def _save(item, m2m: dict | None) -> None:
    item.save()
    for name, values in (m2m or {}).items():
        getattr(item, name).set(values)


def store_pending(item, user, savepoint) -> Revision | None:
    """Snapshot the edit saved since `savepoint`, undo it, and keep it as a pending revision.

    The edit was made on top of the pending revision, if any (the admin form starts
    from it; services.edit applies it first), so the new revision carries it and
    supersedes it. Returns None when the edit changed nothing: neither the pending
    revision nor, without one, the public text. An edit that brings the text back
    to the live version withdraws the pending revision.
    """
    data = content.snapshot(item)
    transaction.savepoint_rollback(savepoint)
    fingerprint = content.fingerprint(data)
    current = type(item)._base_manager.get(pk=item.pk)
    earlier = list(Revision.for_item(current).select_for_update().filter(state=Revision.State.PENDING))
    if earlier and all(revision.fingerprint == fingerprint for revision in earlier):
        return None
    if fingerprint == content.item_fingerprint(current):
        if earlier or revision_to_continue(current) is not None:
            type(item)._base_manager.filter(pk=item.pk).update(version=F("version") + 1)
            discard_pending(current, actor=user, reason="Edited back to the live text: "
                            "the edit awaiting review is withdrawn.")
        return None
    ct = content_type_of(item)
    # The version bump makes forms opened before this edit stale; the revision is
    # based on the bumped version, so any later save of the row makes it stale too.
    type(item)._base_manager.filter(pk=item.pk).update(version=F("version") + 1)
    revision = Revision.objects.create(
        content_type=ct, object_id=item.pk, state=Revision.State.PENDING, data=data,
        fingerprint=fingerprint, base_version=current.version + 1, created_by=user,
    )
    # One pending revision at a time: the newest edit carries everything.
    for older in earlier:
        older.state, older.decided_by, older.decided_at = (
            Revision.State.SUPERSEDED, user, timezone.now(),
        )
        older.save(update_fields=["state", "decided_by", "decided_at"])
        audit(current, "revision_superseded", actor=user, from_status=current.status,
              to_status=current.status, revision=older,
              comment=f"Carried into a newer edit by {user}, which awaits review.")
    audit(current, "revision_submitted", actor=user, from_status=current.status,
          to_status=current.status, revision=revision,
          comment="Edit of live content: the public keeps the approved text until a reviewer approves.")
    return revision


def after_direct_edit(item, user) -> bool:
    """Void an approval the saved content no longer matches. True when voided."""
    if item.status != Status.APPROVED:
        return False
    if content.item_fingerprint(item) == item.approved_fingerprint:
        return False
    transition = flow.FLOW[Status.APPROVED]["void_approval"]
    type(item)._base_manager.filter(pk=item.pk).update(
        status=transition.target, approved_fingerprint="", approved_by=None, approved_at=None,
    )
    item.status, item.approved_fingerprint, item.approved_by, item.approved_at = (
        transition.target, "", None, None,
    )
    # A link showed the approved text: it must not come back with a later approval.
    from newsroom.workflow.services.previews import revoke_links_of

    revoke_links_of(item, actor=user)
    audit(item, "void_approval", actor=user, from_status=Status.APPROVED,
          to_status=transition.target,
          comment="Edited after approval: the approval no longer matches the content; "
                  "it is back in review.")
    return True


def pending_revision(item) -> Revision | None:
    return Revision.for_item(item).filter(state=Revision.State.PENDING).first()


# An edit of live text still being worked on: awaiting review, or sent back to its author.
OPEN_STATES = (Revision.State.PENDING, Revision.State.SENT_BACK)


def revision_to_continue(item) -> Revision | None:
    """The edit a live item's editor continues from: the newest edit, while it is open.

    A sent-back edit counts until a newer one exists (the fix) or it is withdrawn.
    """
    latest = Revision.for_item(item).exclude(state=Revision.State.APPROVED).first()
    return latest if latest is not None and latest.state in OPEN_STATES else None


def _decide(revision: Revision, user):
    item_model = revision.content_type.model_class()
    locked = item_model._base_manager.select_for_update().get(pk=revision.object_id)
    current = Revision.objects.select_for_update().get(pk=revision.pk)
    if current.state != Revision.State.PENDING:
        raise TransitionNotAllowed(
            _("This edit is already %(state)s: there is nothing left to decide.")
            % {"state": current.get_state_display()}
        )
    if not flow.has_role(user, item_model, flow.Role.REVIEWER):
        raise PermissionDenied(
            _("This edit awaits review: only reviewers may approve, send back or discard it.")
        )
    return locked, current


def approve_revision(revision: Revision, user, *, comment: str = "") -> None:
    """Apply a pending revision to the live row: what the public reads changes now.

    Refused unless the item is still live and unchanged since the edit was made:
    otherwise the revision would replace text it never saw.
    """
    with transaction.atomic():
        locked, current = _decide(revision, user)
        flow.check_not_own(current.created_by_id, user)
        name = locked._meta.verbose_name
        if not locked.is_on_air:
            raise TransitionNotAllowed(
                _("This %(name)s is %(state)s, not live: an edit awaiting review only replaces "
                  "live text. Discard it, and edit the %(name)s itself instead.")
                % {"name": name, "state": Status(locked.status).label}
            )
        if current.base_version != locked.version:
            raise StaleEdit(
                _("The %(name)s changed after this edit was made (version %(then)s, now "
                  "%(now)s): approving it would overwrite the newer text. Discard it and ask "
                  "for the edit again on the current version.")
                % {"name": name, "then": current.base_version, "now": locked.version}
            )
        content.apply(locked, current.data)
        now = timezone.now()
        locked.approved_fingerprint = content.item_fingerprint(locked)
        locked.approved_by, locked.approved_at = user, now
        locked.version += 1
        locked.save()
        current.state, current.decided_by, current.decided_at = Revision.State.APPLIED, user, now
        current.fingerprint = locked.approved_fingerprint
        current.save()
        audit(locked, "revision_approved", actor=user, from_status=locked.status,
              to_status=locked.status, comment=comment, revision=current)
        signal_after_commit(locked, "revised")
    revision.refresh_from_db()


def send_back_revision(revision: Revision, user, *, comment: str) -> None:
    """A reviewer returns a pending edit to its author with a comment; the live text stays.

    The author's next form starts from the edit sent back (forms.live_pending_revision),
    so fixing it and saving makes a new pending revision: the same review again.
    """
    from newsroom.workflow.services.base import InvalidInput

    if not (comment or "").strip():
        raise InvalidInput(_("Say what should change: a comment is required."))
    with transaction.atomic():
        locked, current = _decide(revision, user)
        current.state, current.decided_by = Revision.State.SENT_BACK, user
        current.decided_at = timezone.now()
        current.save()
        audit(locked, "revision_sent_back", actor=user, from_status=locked.status,
              to_status=locked.status, comment=comment.strip(), revision=current)
    revision.refresh_from_db()


def discard_revision(revision: Revision, user, *, comment: str = "") -> None:
    with transaction.atomic():
        locked, current = _decide(revision, user)
        current.state, current.decided_by = Revision.State.DISCARDED, user
        current.decided_at = timezone.now()
        current.save()
        audit(locked, "revision_discarded", actor=user, from_status=locked.status,
              to_status=locked.status, comment=comment, revision=current)
    revision.refresh_from_db()


def discard_pending(item, *, actor, reason: str) -> int:
    """Discard the item's pending revisions, one audit row each. The caller holds the lock.

    Called when the item leaves the live states: a pending edit proposes a change to
    live text, and once there is none it must not come back over a later draft.
    """
    discarded = 0
    now = timezone.now()
    for revision in Revision.for_item(item).select_for_update().filter(state__in=OPEN_STATES):
        revision.state, revision.decided_at = Revision.State.DISCARDED, now
        revision.decided_by = actor if actor is not None and actor.is_authenticated else None
        revision.save(update_fields=["state", "decided_at", "decided_by"])
        audit(item, "revision_discarded", actor=actor, from_status=item.status,
              to_status=item.status, comment=reason, revision=revision)
        discarded += 1
    return discarded
