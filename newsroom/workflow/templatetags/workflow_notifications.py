"""The strip at the top of every admin page: what concerns me since I last looked."""

from django import template
from django.urls import reverse

from newsroom.workflow.models import Notification

register = template.Library()
SHOWN = 5


@register.inclusion_tag("workflow/notifications.html", takes_context=True)
def workflow_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"show": False}
    # Two queries per admin page: the newest unread (with what they point at) and their count.
    unread = list(
        Notification.objects.unread().filter(user=user)
        .select_related("entry__actor", "alert", "content_type")[:SHOWN + 1]
    )
    count = len(unread) if len(unread) <= SHOWN else Notification.objects.unread().filter(
        user=user
    ).count()
    return {
        "show": True, "notifications": unread[:SHOWN], "count": count,
        "all_url": reverse("admin:workflow_notification_changelist"),
        "read_all_url": reverse("admin:workflow_notification_read_all"),
        "csrf_token": context.get("csrf_token"),
    }
