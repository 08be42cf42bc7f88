"""The review queue: named slices of the items, per person, with counts."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.workflow import transitions as flow
from newsroom.workflow.models import Revision, Status


def _awaiting_me(qs, user):
    mine = Q(assigned_reviewer=user) | Q(assigned_reviewer__isnull=True)
    return qs.filter(mine, status=Status.IN_REVIEW).exclude(submitted_by=user)


def _pending_edits(qs, user):
    ids = Revision.objects.filter(
        content_type__app_label=qs.model._meta.app_label,
        content_type__model=qs.model._meta.model_name,
        state=Revision.State.PENDING,
    ).values("object_id")
    return qs.filter(pk__in=ids)


QUEUES = {
    "awaiting_me": (_("Awaiting my review"), _awaiting_me),
    "pending_edits": (_("Edits of live items awaiting review"), _pending_edits),
    "mine": (_("My items"), lambda qs, user: qs.filter(Q(created_by=user) | Q(submitted_by=user))),
    "my_drafts": (_("My drafts"), lambda qs, user: qs.filter(created_by=user, status=Status.DRAFT)),
    "changes_requested": (
        _("Changes requested"), lambda qs, user: qs.filter(status=Status.CHANGES_REQUESTED)
    ),
    "my_changes_requested": (_("My items with changes requested"), lambda qs, user: qs.filter(
        Q(submitted_by=user) | Q(created_by=user), status=Status.CHANGES_REQUESTED)),
    "scheduled": (_("Scheduled"), lambda qs, user: qs.scheduled().order_by("publish_at")),
    "next_48_hours": (_("Scheduled in the next 48 hours"), lambda qs, user: qs.scheduled().filter(
        publish_at__lte=timezone.now() + timedelta(hours=48)).order_by("publish_at")),
    "missed": (_("Schedule failed"), lambda qs, user: qs.missed()),
}


def request_memo(request) -> dict:
    """Queue counts already made while answering this request (see count())."""
    return request.__dict__.setdefault("_review_queue_counts", {})


def count(model, user, key: str, memo: dict | None = None) -> int:
    """How many of `model`'s items are in queue `key` for `user`.

    `memo` (a request's, from request_memo()) keeps each count: the admin index
    shows the same queues in the desk dashboard and in the review-queue panel.
    """
    if memo is None:
        return QUEUES[key][1](model.objects.all(), user).count()
    found = (model._meta.label, key, user.pk)
    if found not in memo:
        memo[found] = QUEUES[key][1](model.objects.all(), user).count()
    return memo[found]


def slices(model, user, memo: dict | None = None) -> list[dict]:
    """Every queue with its count and change-list link, for the index panel and the filter."""
    reviewer = flow.has_role(user, model, flow.Role.REVIEWER)
    result = []
    for key, (label, _select) in QUEUES.items():
        if key in ("awaiting_me", "pending_edits") and not reviewer:
            continue
        result.append({"key": key, "label": label, "count": count(model, user, key, memo)})
    return result


class ReviewQueueFilter(admin.SimpleListFilter):
    title = _("review queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            (s["key"], f"{s['label']} ({s['count']})")
            for s in slices(model_admin.model, request.user)
        ]

    def queryset(self, request, queryset):
        if self.value() in QUEUES:
            return QUEUES[self.value()][1](queryset, request.user)
        return queryset
