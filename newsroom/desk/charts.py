"""A bar chart drawn on the server as SVG: no script, nothing from the internet.

Each bar carries its month and count as data attributes and a <title> (what a
screen reader and a hover read); in a right-to-left page the months run from
the right, as the rest of the page reads.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 720, 220
_TOP, _BOTTOM, _SIDE = 24, 40, 8


def bars(values: dict[str, int], *, rtl: bool = False, label: str = "") -> SafeString:
    """`values`: month (YYYY-MM) -> count, in order."""
    months = list(values)
    if not months:
        return SafeString("")
    slots = months[::-1] if rtl else months
    slot = (WIDTH - 2 * _SIDE) / len(slots)
    bar = max(slot * 0.7, 1)
    peak = max(values.values()) or 1
    area = HEIGHT - _TOP - _BOTTOM
    shapes = []
    for index, month in enumerate(slots):
        count = values[month]
        height = round(area * count / peak, 1)
        x = round(_SIDE + index * slot + (slot - bar) / 2, 1)
        y = round(_TOP + area - height, 1)
        middle = round(x + bar / 2, 1)
        shapes.append((month, count, x, y, round(bar, 1), height, middle, y - 4,
                       HEIGHT - _BOTTOM + 16, month[2:] if len(slots) > 12 else month))
    body = format_html_join(
        "",
        '<g class="bar" data-month="{}" data-items="{}"><title>{}: {}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="#417690"></rect>'
        '<text class="count" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="month" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        ((m, c, m, c, x, y, w, h, mid, ty, c, mid, my, short)
         for m, c, x, y, w, h, mid, ty, my, short in shapes),
    )
    return format_html(
        '<svg class="desk-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-label="{}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMid meet">'
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999"></line>{}</svg>',
        label, WIDTH, HEIGHT, _SIDE, HEIGHT - _BOTTOM, WIDTH - _SIDE, HEIGHT - _BOTTOM, body,
    )
