from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from newsroom.desk import dashboard

register = template.Library()


@register.inclusion_tag("desk/dashboard.html", takes_context=True)
def desk_dashboard(context):
    """The admin index's blocks for the person looking (newsroom/desk/dashboard.py)."""
    return {"blocks": dashboard.blocks(context["request"].user)}


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


@register.filter
def admin_change_name(model) -> str:
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
