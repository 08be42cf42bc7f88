"""The reviewer's latest word on an item, while it is the editor's turn to act on it.

A comment that asks for changes stands until the editor answers (resubmits, or
saves a new edit of live text) or a reviewer decides otherwise; the history
keeps every comment.
"""

from django.db.models import OuterRef, Subquery

from newsroom.workflow.models import AuditEntry

# The actions of the exchange between editor and reviewer; the newest decides.
EXCHANGE = (
    "submit", "approve", "request_changes", "void_approval", "unpublish",
    "revision_submitted", "revision_approved", "revision_discarded", "revision_sent_back",
)
ASKING = ("request_changes", "revision_sent_back")


def latest_request(item) -> AuditEntry | None:
    """The entry asking for changes, if it is still the last word; None otherwise."""
    entry = (
        AuditEntry.for_item(item).filter(action__in=EXCHANGE)
        .select_related("actor").order_by("-created_at", "-pk").first()
    )
    return entry if entry is not None and entry.action in ASKING else None


def with_latest_request(queryset):
    """Annotate each row with the last word's action and comment: two subqueries over the
    audit index (content type, object, time), evaluated for the page's rows only."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
    latest = AuditEntry.objects.filter(
        content_type=ct, object_id=OuterRef("pk"), action__in=EXCHANGE
    ).order_by("-created_at", "-pk")
    return queryset.annotate(
        last_review_action=Subquery(latest.values("action")[:1]),
        last_review_comment=Subquery(latest.values("comment")[:1]),
    )


def previous_reviewer(item):
    """Who should see a resubmission: the assigned reviewer, else who asked for changes."""
    if item.assigned_reviewer_id:
        return item.assigned_reviewer
    entry = (
        AuditEntry.for_item(item).filter(action="request_changes", actor__isnull=False)
        .select_related("actor").first()
    )
    return entry.actor if entry else None


__all__ = ["latest_request", "previous_reviewer", "with_latest_request"]
