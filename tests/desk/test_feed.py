"""The calendar as iCalendar, at a secret address its owner can reset or revoke."""

import re
from datetime import UTC, datetime

import icalendar
import pytest
import time_machine

from newsroom.desk import ical
from newsroom.desk.models import CalendarFeed
from tests import factories
from tests.desk.conftest import baghdad


def make_address(client) -> str:
    client.post("/admin/desk/calendar/feed/")
    html = client.get("/admin/desk/calendar/").content.decode()
    return re.search(r'value="http://testserver(/desk/calendar/[^"]+\.ics)"', html).group(1)


@pytest.fixture
def scheduled(approve_for):
    with time_machine.travel(baghdad(2024, 6, 10, 12, 0), tick=False):
        item = approve_for(factories.ArticleFactory(title_en="Release; with, punctuation"),
                           baghdad(2024, 6, 20, 9, 0), expire_at=baghdad(2024, 7, 1, 0, 0))
    return item


def test_the_feed_is_valid_icalendar_with_each_publication_and_expiry(scheduled, reviewer_client):
    address = make_address(reviewer_client)
    with time_machine.travel(baghdad(2024, 6, 10, 12, 0), tick=False):
        response = reviewer_client.get(address)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    parsed = icalendar.Calendar.from_ical(body)
    found = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    publish = found[f"article-{scheduled.pk}-publish@testserver"]
    assert publish.decoded("DTSTART") == datetime(2024, 6, 20, 6, 0, tzinfo=UTC)
    assert str(publish["SUMMARY"]) == "approved for a time: Release; with, punctuation"
    assert str(publish["URL"]).endswith(f"/admin/articles/article/{scheduled.pk}/change/")
    expiry = found[f"article-{scheduled.pk}-expire@testserver"]
    assert expiry.decoded("DTSTART") == datetime(2024, 6, 30, 21, 0, tzinfo=UTC)


def test_the_feed_needs_no_session_and_refuses_a_wrong_token(scheduled, reviewer_client, client):
    address = make_address(reviewer_client)
    client.logout()
    assert client.get(address).status_code == 200
    assert client.get("/desk/calendar/not-the-token.ics").status_code == 404


def test_a_new_address_retires_the_old_and_revoking_retires_both(scheduled, reviewer_client):
    first = make_address(reviewer_client)
    second = make_address(reviewer_client)
    assert first != second
    assert reviewer_client.get(first).status_code == 404
    assert reviewer_client.get(second).status_code == 200

    reviewer_client.post("/admin/desk/calendar/feed/revoke/")

    assert reviewer_client.get(second).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_the_address_is_shown_once_and_only_its_digest_is_stored(scheduled, reviewer_client):
    address = make_address(reviewer_client)
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in reviewer_client.get("/admin/desk/calendar/").content.decode()
    assert CalendarFeed.objects.get().token_digest != token


def test_a_deactivated_owner_s_feed_stops(scheduled, reviewer, reviewer_client):
    address = make_address(reviewer_client)
    reviewer.is_active = False
    reviewer.save()
    assert reviewer_client.get(address).status_code == 404


def test_the_feed_speaks_its_owners_language(scheduled, client, reviewer):
    client.force_login(reviewer)
    client.post("/admin/desk/calendar/feed/", HTTP_ACCEPT_LANGUAGE="ar")
    assert CalendarFeed.objects.get().language == "ar"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_letter():
    line = "SUMMARY:" + "تقرير " * 40
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


def test_text_is_escaped():
    assert ical.escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
