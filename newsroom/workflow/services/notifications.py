"""E-mails about transitions. Called by thin tasks after commit, with ids."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.workflow import transitions as flow
from newsroom.workflow.models import AuditEntry, Notification, ScheduleAlert

SUBJECTS = {
    "submit": "Awaiting your review",
    "approve": "Approved",
    "request_changes": "Changes requested",
    "publish": "Published",
    "unpublish": "Unpublished",
    "expire": "Expired",
    "void_approval": "Approval voided by an edit",
    "revision_submitted": "An edit of live content awaits review",
    "revision_approved": "Your edit is live",
    "revision_discarded": "Your edit was discarded",
    "revision_superseded": "Your edit was carried into a newer one",
    "reschedule": "Publication time moved",
    "revision_sent_back": "Your edit was sent back with changes requested",
}


def reviewers(model):
    codename = flow.permission(model, flow.Role.REVIEWER).split(".", 1)[1]
    perm = Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=codename
    )
    return get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm),
        is_active=True,
    ).distinct()


def _recipients(entry: AuditEntry, item) -> list:
    authors = [item.submitted_by, item.created_by]
    if entry.action in ("submit", "revision_submitted"):
        if item.assigned_reviewer_id and entry.action == "submit":
            return [item.assigned_reviewer]
        return list(reviewers(type(item)))
    if entry.action == "publish":
        return [*authors, item.approved_by]
    if entry.action == "void_approval":
        return [*authors, *reviewers(type(item))]
    if entry.action in ("revision_approved", "revision_discarded", "revision_superseded",
                        "revision_sent_back") and entry.revision:
        return [entry.revision.created_by]
    return authors


def _note(people, item, *, entry=None, alert=None) -> None:
    """The in-admin notifications, beside the e-mails: one per person (a retry adds none)."""
    ct = ContentType.objects.get_for_model(item, for_concrete_model=False)
    Notification.objects.bulk_create(
        [
            Notification(user=person, content_type=ct, object_id=item.pk, entry=entry, alert=alert,
                         created_at=(entry or alert).created_at)
            for person in {p.pk: p for p in people if p.is_active}.values()
        ],
        ignore_conflicts=True,
    )


def admin_url(item) -> str:
    opts = item._meta
    return settings.SITE_URL + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
    )


def send_for_entry(entry_id: int) -> int:
    entry = AuditEntry.objects.select_related("actor", "revision").filter(pk=entry_id).first()
    if entry is None or entry.item is None:
        return 0
    item = entry.item
    people = [u for u in _recipients(entry, item) if u is not None and u.pk != entry.actor_id]
    _note(people, item, entry=entry)
    with translation.override(settings.LANGUAGE_CODE):
        to = sorted({u.email for u in people if u.email})
        if not to:
            return 0
        subject = f"[Newsroom] {SUBJECTS.get(entry.action, entry.action)}: {item}"
        when = timezone.localtime(entry.created_at)
        lines = [
            f"{item._meta.verbose_name.capitalize()}: {item}",
            f"{SUBJECTS.get(entry.action, entry.action)} by {entry.actor or 'the scheduler'}"
            f" at {when:%Y-%m-%d %H:%M} ({when.tzname()}).",
        ]
        if entry.action == "approve" and item.publish_at:
            local = timezone.localtime(item.publish_at)
            lines.append(f"Public from {local:%Y-%m-%d %H:%M} ({local.tzname()}).")
        if entry.comment:
            lines += ["", "Comment:", entry.comment]
        lines += ["", admin_url(item)]
        return send_mail(subject, "\n".join(lines), None, to)


def send_missed_schedule(alert_id: int) -> int:
    alert = ScheduleAlert.objects.filter(pk=alert_id).first()
    if alert is None or alert.item is None:
        return 0
    item = alert.item
    people = list(reviewers(type(item)))
    _note(people, item, alert=alert)
    with translation.override(settings.LANGUAGE_CODE):
        to = sorted({u.email for u in people if u.email})
        if not to:
            return 0
        local = timezone.localtime(alert.publish_at)
        body = (
            f"{item._meta.verbose_name.capitalize()}: {item}\n"
            f"Scheduled for {local:%Y-%m-%d %H:%M} ({local.tzname()}); its publication was not "
            "recorded in time (is the Celery worker or beat down?). Readers can see it, but "
            "caches and notifications did not follow.\n\n" + admin_url(item)
        )
        return send_mail(f"[Newsroom] Schedule failed: {item}", body, None, to)
