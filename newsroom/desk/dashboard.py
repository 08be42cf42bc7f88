"""The admin index's blocks: what concerns the person looking, each with the list behind it.

Every block is a fixed number of queries (a slice of rows and a count per
model), however many items there are.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from newsroom.desk import calendar, translation_report
from newsroom.imports.models import ImportBatch
from newsroom.workflow import queue
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import AuditEntry
from newsroom.workflow.queue import QUEUES

SHOWN = 8
SOON = timedelta(hours=48)


def _changelist(model, **query) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _change(item) -> str:
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def _block(key, rows, links, count) -> dict:
    return {"key": key, "rows": rows, "links": links, "count": count}


def _queue(models, user, key, memo, *, order, limit=SHOWN, annotate=None):
    """Rows of a review queue over every model, merged; links to each model's filtered list."""
    rows, links, count = [], [], 0
    select = QUEUES[key][1]
    for model in models:
        queryset = select(model.objects.all(), user)
        count_here = queue.count(model, user, key, memo)
        count += count_here
        links.append({"name": model._meta.verbose_name_plural, "count": count_here,
                      "url": _changelist(model, queue=key)})
        if annotate:
            queryset = queryset.annotate(**annotate(model))
        for item in queryset.select_related("assigned_reviewer").order_by(*order)[:limit]:
            rows.append({"item": item, "url": _change(item),
                         "kind": model._meta.verbose_name})
    return rows, links, count


def awaiting_review(user, models, today, memo=None):
    models = [m for m in models if flow.has_role(user, m, flow.Role.REVIEWER)]
    if not models:
        return None
    order = [F("review_due").asc(nulls_last=True), "submitted_at", "pk"]
    rows, links, count = _queue(models, user, "awaiting_me", memo, order=order)
    for row in rows:
        due = row["item"].review_due
        row["overdue"] = due is not None and due < today
    rows.sort(key=lambda r: (r["item"].review_due is None, r["item"].review_due or today,
                             r["item"].submitted_at or timezone.now()))
    return _block("awaiting_review", rows[:SHOWN], links, count)


def _latest_comment(model):
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    latest = AuditEntry.objects.filter(
        content_type=ct, object_id=OuterRef("pk"), action="request_changes"
    ).order_by("-created_at", "-pk")
    return {
        "latest_comment": Subquery(latest.values("comment")[:1]),
        "latest_comment_at": Subquery(latest.values("created_at")[:1]),
    }


def changes_requested(user, models, memo=None):
    rows, links, count = _queue(models, user, "my_changes_requested", memo,
                                order=["-updated_at", "-pk"], annotate=_latest_comment)
    rows.sort(key=lambda r: r["item"].latest_comment_at or r["item"].updated_at, reverse=True)
    return _block("changes_requested", rows[:SHOWN], links, count)


def scheduled_soon(user, models, now, memo=None):
    rows, links, count = _queue(models, user, "next_48_hours", memo, order=["publish_at", "pk"])
    rows.sort(key=lambda r: r["item"].publish_at)
    return _block("scheduled_soon", rows[:SHOWN], links, count)


def missed(user, models, memo=None):
    rows, links, count = _queue(models, user, "missed", memo, order=["publish_at", "pk"])
    rows.sort(key=lambda r: r["item"].publish_at)
    return _block("missed", rows[:SHOWN], links, count)


def imports(user):
    if not user.has_perm("imports.view_importbatch"):
        return None
    batches = list(ImportBatch.objects.select_related("created_by")[:5])
    failing = ImportBatch.objects.filter(Q(failed_count__gt=0) | Q(status=ImportBatch.Status.FAILED))
    items_url = reverse("admin:imports_importitem_changelist")
    for batch in batches:
        batch.url = reverse("admin:imports_importbatch_change", args=[batch.pk])
        batch.failures_url = f"{items_url}?batch__id__exact={batch.pk}&outcome__exact=failed"
    links = [
        {"name": "batches", "url": reverse("admin:imports_importbatch_changelist")},
        {"name": "failed", "url": reverse("admin:imports_importbatch_changelist")
         + "?status__exact=failed"},
        {"name": "failed_pages", "url": f"{items_url}?outcome__exact=failed"},
    ]
    return _block("imports", batches, links, failing.count())


def translation_gaps(models):
    if not models:
        return None
    gaps = translation_report.gaps()
    url = reverse("desk:translations")
    rows = [{"language": code, **counts, "url": f"{url}?language={code}"}
            for code, counts in gaps.items()]
    return _block("translations", rows, [{"name": "report", "url": url}],
                  sum(r["missing"] + r["outdated"] for r in rows))


def blocks(user, memo: dict | None = None) -> list[dict]:
    """The dashboard's blocks; `memo` keeps the queue counts for the rest of the
    request (workflow.queue.request_memo)."""
    now = timezone.now()
    today = timezone.localdate(now)
    models = calendar.visible_models(user)
    if not models:
        return []
    found = [
        awaiting_review(user, models, today, memo),
        changes_requested(user, models, memo),
        scheduled_soon(user, models, now, memo),
        missed(user, models, memo),
        imports(user),
        translation_gaps(models),
    ]
    return [block for block in found if block is not None]
