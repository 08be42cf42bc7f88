from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from newsroom.desk import dashboard
from newsroom.workflow.queue import request_memo

register = template.Library()


@register.inclusion_tag("desk/dashboard.html", takes_context=True)
def desk_dashboard(context):
    """The admin index's blocks for the person looking (newsroom/desk/dashboard.py)."""
    request = context["request"]
    return {"blocks": dashboard.blocks(request.user, request_memo(request))}


@register.simple_tag
def desk_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("desk/desk.css"))


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def kind_label(kind: str) -> str:
    from newsroom.desk.translation_report import kinds

    return dict(kinds()).get(kind, kind)


@register.filter
def state_label(state: str) -> str:
    from newsroom.core.models import TranslationState

    return TranslationState(state).label if state in TranslationState.values else state


@register.simple_tag(takes_context=True)
def calendar_event(context, event):
    """One event of the calendar, written here rather than in a template: a busy month
    holds hundreds, and the template engine took most of the page's time on them."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    expires = format_html('<span class="desk-what">{}</span> ', _("expires")) \
        if event.what == "expire" else ""
    move = ""
    if event.movable:
        field = f"move-{event.key}"
        move = format_html(
            '<form method="post" action="{}" class="desk-move">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<label for="{}">{}</label> '
            '<input type="datetime-local" id="{}" name="publish_at" required value="{}">'
            '<input type="hidden" name="expected" value="{}">'
            '<input type="hidden" name="back" value="{}">'
            '<button type="submit" class="button">{}</button></form>',
            reverse("desk:reschedule", args=[event.model_name, event.pk]),
            context.get("csrf_token", ""), field, _("Move to"), field,
            event.at.strftime("%Y-%m-%dT%H:%M"), event.at.isoformat(), context.get("here", ""),
            _("Move"),
        )
    title = event.title if len(event.title) <= 60 else event.title[:59] + "…"
    return format_html(
        '<details class="desk-event state-{}" id="event-{}" data-state="{}">'
        # A click on the title opens the item; on the time, the details and the move form.
        '<summary><time datetime="{}">{}</time> {}<a href="{}">{}</a></summary>'
        '<p>{} · {}</p>{}</details>',
        event.state, event.key, event.state, event.at.isoformat(), event.at.strftime("%H:%M"),
        expires, event.admin_url, title, event.label, event.kind_name, move,
    )
