from django import template
from django.urls import reverse

from newsroom.workflow.queue import request_memo, slices
from newsroom.workflow.services.publication import WORKFLOW_MODELS

register = template.Library()


@register.inclusion_tag("workflow/queue_panel.html", takes_context=True)
def review_queue(context):
    """The index page's panel: each queue of each model, with counts and links."""
    from django.apps import apps

    user = context["request"].user
    memo = request_memo(context["request"])  # the dashboard above counted some already
    panels = []
    for label in WORKFLOW_MODELS:
        model = apps.get_model(label)
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        panels.append({
            "name": opts.verbose_name_plural,
            "queues": [{**s, "url": f"{url}?queue={s['key']}"} for s in slices(model, user, memo)],
        })
    return {"panels": panels}
