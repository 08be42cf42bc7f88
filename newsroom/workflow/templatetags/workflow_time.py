"""Times as the office reads them: Baghdad time, to the second, with the offset.

The browser's own zone never matters: the server formats the time in the
office's zone (settings.TIME_ZONE) and says which offset that is.
"""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def office_time(value: datetime | None) -> str:
    """2026-03-01 14:30:05 (UTC+03:00); an em dash for no time."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"
