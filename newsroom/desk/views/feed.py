"""The iCalendar feed, read by calendar applications with the secret token only (no session)."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from newsroom.desk import calendar, feeds, ical
from newsroom.desk.models import CalendarFeed

# What a subscribed calendar holds: the recent past and the coming months.
PAST, AHEAD = timedelta(days=62), timedelta(days=366)


@require_GET
@never_cache
def calendar_feed(request, token: str):
    feed = feeds.owner(token)
    if feed is None:
        raise Http404("No such calendar.")
    now = timezone.now()
    with translation.override(feed.language):
        found = calendar.events(feed.user, now - PAST, now + AHEAD, now=now)
        body = ical.calendar(_("Newsroom editorial calendar"), found, now=now,
                             host=request.get_host().split(":")[0])
    # Written at most once an hour: a calendar polling every minute costs no writes.
    if feed.last_read_at is None or feed.last_read_at < now - timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="newsroom.ics"'
    return response
