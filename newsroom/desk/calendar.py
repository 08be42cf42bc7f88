"""The editorial calendar: publications and expiries in a period, in the office's time zone.

One query per model for the whole period, whatever it holds; each event knows
its state (the colour) and whether a reviewer may move it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import CODES, localized_name
from newsroom.desk.periods import office_zone
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import MISSED_SCHEDULE_GRACE, Status
from newsroom.workflow.services.publication import WORKFLOW_MODELS

# What each colour means; the order is the legend's.
STATES = {
    "in_review": _("in review"),
    "scheduled": _("approved for a time"),
    "published": _("published"),
    "expired": _("expired"),
    "missed": _("schedule failed"),
}
_SHOWN = (Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED, Status.UNPUBLISHED)


@dataclass
class Event:
    model: type
    pk: int
    title: str
    what: str  # "publish" or "expire"
    at: datetime  # in the office's time zone
    state: str
    movable: bool
    admin_url: str

    @property
    def key(self) -> str:
        return f"{self.model._meta.model_name}-{self.pk}-{self.what}"

    @property
    def label(self):
        return STATES[self.state]

    @property
    def summary(self) -> str:
        if self.what == "expire":
            return _("Expiry: %(title)s") % {"title": self.title}
        return f"{self.label}: {self.title}"

    @property
    def kind_name(self) -> str:
        return self.model._meta.verbose_name

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name


def visible_models(user) -> list[type]:
    models = []
    for label in WORKFLOW_MODELS:
        model = apps.get_model(label)
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            models.append(model)
    return models


def _state(item, now: datetime) -> str:
    if item.status == Status.IN_REVIEW:
        return "in_review"
    if item.status == Status.APPROVED and item.publish_at > now:
        return "scheduled"
    if item.status == Status.APPROVED and item.publish_at <= now - MISSED_SCHEDULE_GRACE:
        return "missed"
    if item.status == Status.UNPUBLISHED or (item.expire_at and item.expire_at <= now):
        return "expired"
    return "published"


def events(user, start: datetime, end: datetime, *, now: datetime | None = None) -> list[Event]:
    """Publications and expiries in [start, end) of the items the user may see, by time."""
    now = now or timezone.now()
    zone = office_zone()
    found = []
    for model in visible_models(user):
        reviewer = flow.has_role(user, model, flow.Role.REVIEWER)
        opts = model._meta
        in_range = Q(publish_at__gte=start, publish_at__lt=end) | Q(
            expire_at__gte=start, expire_at__lt=end
        )
        titles = [localized_name("title", code) for code in CODES]
        rows = model._base_manager.filter(in_range, status__in=_SHOWN).only(
            "status", "publish_at", "expire_at", "source_language", "submitted_by", *titles
        )
        # One reverse per model, not per event: a feed holds hundreds.
        pattern = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[0])
        head, tail = pattern.rsplit("/0/", 1)
        for item in rows:
            url = f"{head}/{item.pk}/{tail}"
            state = _state(item, now)
            if item.publish_at and start <= item.publish_at < end:
                movable = (state == "scheduled" and reviewer
                           and not _own(item, user))
                found.append(Event(model, item.pk, str(item), "publish",
                                   timezone.localtime(item.publish_at, zone), state, movable, url))
            if item.expire_at and start <= item.expire_at < end:
                ended = "expired" if item.expire_at <= now else state
                found.append(Event(model, item.pk, str(item), "expire",
                                   timezone.localtime(item.expire_at, zone), ended, False, url))
    found.sort(key=lambda event: (event.at, event.title))
    return found


def _own(item, user) -> bool:
    try:
        flow.check_not_own(item.submitted_by_id, user)
    except Exception:
        return True
    return False


# --- the grid -----------------------------------------------------------------


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def week_bounds(day: date) -> tuple[date, date]:
    """Weeks start on Sunday, the first day of the office's working week (Sunday–Thursday)."""
    first = day - timedelta(days=(day.weekday() - 6) % 7)
    return first, first + timedelta(days=7)


def moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=office_zone())


def grid(first: date, following: date, found: list[Event]) -> list[list[dict]]:
    """Weeks of days (Sunday first) covering [first, following), each with its events."""
    by_day: dict[date, list[Event]] = {}
    for event in found:
        by_day.setdefault(event.at.date(), []).append(event)
    start, _end = week_bounds(first)
    weeks, day = [], start
    while day < following:
        week = []
        for _weekday in range(7):
            week.append({"date": day, "in_period": first <= day < following,
                         "events": by_day.get(day, [])})
            day += timedelta(days=1)
        weeks.append(week)
    return weeks
