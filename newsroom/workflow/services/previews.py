"""Preview links: an expiring, revocable token for an item in review or approved, not yet public.

A link dies for good when the text it showed stops being what is proposed (an edit
voids the approval, the approval is withdrawn, changes are requested, it expires):
the item may come back to review or approval later, the link does not.
"""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.core.errors import PermissionDenied, TransitionNotAllowed
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import PreviewLink, Status
from newsroom.workflow.services.base import InvalidInput, content_type_of

# After publication a link only redirects; it stops working a day later by default.
DEFAULT_AFTER_PUBLICATION = timedelta(days=1)
# An item in review has no publication time yet: its link lasts a week by default.
DEFAULT_UNSCHEDULED = timedelta(days=7)
# The states whose text a preview shows; leaving them revokes the item's links.
PREVIEWABLE = (Status.IN_REVIEW, Status.APPROVED)


def may_share(user, model) -> bool:
    """Editors and reviewers share embargoed items (and revoke the links)."""
    return flow.has_role(user, model, flow.Role.EDITOR) or flow.has_role(
        user, model, flow.Role.REVIEWER
    )


def create_preview_link(item, user, *, expires_at: datetime | None = None) -> PreviewLink:
    if not may_share(user, type(item)):
        raise PermissionDenied(_("Only editors and reviewers may share embargoed items."))
    with transaction.atomic():
        locked = type(item)._base_manager.select_for_update().get(pk=item.pk)
        now = timezone.now()
        if locked.status not in PREVIEWABLE or locked.is_on_air:
            raise TransitionNotAllowed(
                (_("Preview links are for items in review or approved under embargo; this "
                   "%(name)s is %(status)s and already public.") if locked.is_on_air else
                 _("Preview links are for items in review or approved under embargo; this "
                   "%(name)s is %(status)s.")) % {"name": locked._meta.verbose_name,
                                                  "status": Status(locked.status).label}
            )
        if expires_at is None:
            scheduled = locked.status == Status.APPROVED and locked.publish_at is not None
            expires_at = (locked.publish_at + DEFAULT_AFTER_PUBLICATION if scheduled
                          else now + DEFAULT_UNSCHEDULED)
        if expires_at <= now:
            raise InvalidInput(_("A preview link must expire in the future."))
        return PreviewLink.objects.create(
            content_type=content_type_of(locked),
            object_id=locked.pk,
            token=secrets.token_urlsafe(32),
            created_by=user,
            expires_at=expires_at,
        )


def revoke_preview_link(link: PreviewLink, user) -> None:
    if not may_share(user, link.content_type.model_class()):
        raise PermissionDenied(_("Only editors and reviewers may revoke preview links."))
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    link.refresh_from_db()


def revoke_links_of(item, *, actor=None) -> int:
    """Revoke every active link of the item, for good (called inside the transition)."""
    who = actor if actor is not None and actor.is_authenticated else None
    return PreviewLink.for_item(item).filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=who
    )
