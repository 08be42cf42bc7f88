"""The donor visibility and translation reports (GET forms; bad input is a 400 with the form)."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from newsroom.core.languages import CODES
from newsroom.desk import charts, donor_report, translation_report
from newsroom.desk.forms import DonorReportForm, TranslationReportForm
from newsroom.desk.views import csv_response, render, require

PER_PAGE = 50


def donors(request):
    require(request, "donors.view_donor", "articles.view_article")
    # Always bound: with no parameters, every donor over this year.
    form = DonorReportForm(request.GET)
    context = {"title": _("Donor visibility"), "form": form}
    if not form.is_valid():
        return render(request, "desk/donor_report.html", context, status=400)
    chosen, donor = form.cleaned_data["period"], form.cleaned_data.get("donor")
    totals = donor_report.report(chosen, [donor] if donor else None)
    if request.GET.get("format") == "csv":
        name = f"donor-report-{donor.slug if donor else 'all'}-{chosen.since}-{chosen.until}.csv"
        return csv_response(donor_report.to_csv(totals), name)
    monthly = totals[0].by_month if donor and totals else (
        dict.fromkeys(chosen.months(), 0) if donor else donor_report.monthly_items(chosen)
    )
    context.update({
        "period": chosen, "donor": donor, "totals": totals,
        "chart": charts.bars(monthly, rtl=get_language_bidi(),
                             label=_("Published items per month")),
        "languages": CODES, "csv_query": _query(request, format="csv"),
    })
    return render(request, "desk/donor_report.html", context)


def translations(request):
    require(request, "articles.view_article", "statements.view_statement", any_of=True)
    form = TranslationReportForm(request.GET)
    context = {"title": _("Translations"), "form": form, "languages": CODES}
    wants_csv = request.GET.get("format") == "csv"
    if form.is_valid() and wants_csv and not form.cleaned_data.get("language"):
        form.add_error("language", _("language: choose the language the CSV export is about."))
    if not form.is_valid():
        return render(request, "desk/translation_report.html", context, status=400)
    data = form.cleaned_data
    language, kind = data.get("language") or None, data.get("kind") or None
    index = translation_report.read_index()
    found = translation_report.lines(
        language=language, kind=kind, published_only=bool(data.get("published")), index=index
    )
    if wants_csv:
        return csv_response(translation_report.to_csv(found, language),
                            f"translations-{language}-{timezone.localdate()}.csv")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context.update({
        "page": page, "lines": translation_report.load_items(list(page.object_list)),
        "language": language, "total": len(found), "gaps": translation_report.gaps(index),
        "csv_query": _query(request, format="csv", page=None) if language else "",
        "page_query": _query(request, page=None),
    })
    return render(request, "desk/translation_report.html", context)


def _query(request, **changes) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()
