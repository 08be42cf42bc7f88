"""The donor visibility block on a donor's admin page: this year's chart and the full report."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from newsroom.desk import charts, donor_report
from newsroom.desk.periods import period


def visibility(donor) -> str:
    if donor is None or donor.pk is None:
        return "—"
    chosen = period(None, None)
    totals = donor_report.report(chosen, [donor])
    monthly = totals[0].by_month if totals else dict.fromkeys(chosen.months(), 0)
    query = urlencode({"donor": donor.slug, "since": chosen.since, "until": chosen.until})
    url = f"{reverse('desk:donors')}?{query}"
    return format_html(
        '<div class="desk-donor-block">{}<p>{} <a href="{}">{}</a> · <a href="{}&amp;format=csv">'
        "{}</a></p></div>",
        charts.bars(monthly, rtl=get_language_bidi(), label=_("Published items per month")),
        _("%(items)s published items credit this donor this year.") % {
            "items": totals[0].items if totals else 0},
        url, _("The donor visibility report"), url, _("CSV"),
    )
