"""The desk's filter forms. Each error is about one named parameter, shown beside it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import CODES
from newsroom.desk import translation_report
from newsroom.desk.periods import ReportInputError, period
from newsroom.donors.models import Donor
from newsroom.workflow.forms import local_datetime_field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label, name: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=DateInput(), input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("%(name)s: write the date as YYYY-MM-DD.") % {"name": name}},
    )


class PeriodForm(forms.Form):
    since = _date_field(_("from"), "since")
    until = _date_field(_("until"), "until")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = period(data.get("since"), data.get("until"))
        except ReportInputError as error:
            self.add_error(error.parameter, error.message)
        return data


class DonorReportForm(PeriodForm):
    donor = forms.ModelChoiceField(
        label=_("donor"), queryset=Donor.objects.order_by("name_en"), to_field_name="slug",
        required=False, empty_label=_("all donors"),
        error_messages={"invalid_choice": _("donor: there is no such donor.")},
    )
    field_order = ["donor", "since", "until"]


def _language_choices():
    from django.conf import settings

    return [("", _("any language")), *((code, name) for code, name in settings.LANGUAGES
                                      if code in CODES)]


class TranslationReportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("language"), required=False, choices=_language_choices,
        error_messages={"invalid_choice": _("language: “%(value)s” is not one of the site's "
                                            "languages.")},
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False,
        choices=lambda: [("", _("every kind")), *translation_report.kinds()],
        error_messages={"invalid_choice": _("kind: “%(value)s” is not a kind of item.")},
    )
    published = forms.BooleanField(label=_("only items public now"), required=False)


class CalendarForm(forms.Form):
    VIEWS = [("month", _("month")), ("week", _("week"))]

    view = forms.ChoiceField(
        label=_("view"), choices=VIEWS, required=False,
        error_messages={"invalid_choice": _("view: choose month or week.")},
    )
    date = _date_field(_("date"), "date")

    def clean(self):
        data = super().clean()
        data["view"] = data.get("view") or "month"
        data["date"] = data.get("date") or timezone.localdate()
        return data


class RescheduleForm(forms.Form):
    publish_at = local_datetime_field(_("new publication time"), required=True)
    # The time the reviewer saw, as an ISO timestamp: refused if it moved since.
    expected = forms.DateTimeField(widget=forms.HiddenInput, required=False)
    back = forms.CharField(widget=forms.HiddenInput, required=False)
