"""Periods of the reports: parsed once, for the admin's forms and the commands alike.

Every error names the parameter it is about, so a form shows it beside the field
and a command prints it before exiting with status 2.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _


class ReportInputError(ValueError):
    """Input a report refuses; `parameter` is the name the person typed it under."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def office_zone():
    """The office's time zone (Asia/Baghdad): months and days are cut in it."""
    return timezone.get_default_timezone()


def parse_date(value: str | date | None, parameter: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReportInputError(parameter, _(
            "%(parameter)s: “%(value)s” is not a date; write it as YYYY-MM-DD."
        ) % {"parameter": parameter, "value": value}) from None


@dataclass(frozen=True)
class Period:
    """Whole days in the office's time zone, both ends included."""

    since: date
    until: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, tzinfo=office_zone())

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return datetime.combine(self.until + timedelta(days=1), time.min, tzinfo=office_zone())

    def months(self) -> list[str]:
        """Every month the period touches, as YYYY-MM."""
        months, year, month = [], self.since.year, self.since.month
        while (year, month) <= (self.until.year, self.until.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def period(since, until, *, since_name: str = "since", until_name: str = "until") -> Period:
    """The period from the two ends as typed; a missing end defaults to this year's."""
    today = timezone.localdate(timezone=office_zone())
    start = parse_date(since, since_name) or date(today.year, 1, 1)
    end = parse_date(until, until_name) or date(today.year, 12, 31)
    if end < start:
        raise ReportInputError(until_name, _(
            "%(until)s: %(end)s is before %(since)s %(start)s; the end of a period "
            "comes after its start."
        ) % {"until": until_name, "end": end, "since": since_name, "start": start})
    return Period(start, end)
