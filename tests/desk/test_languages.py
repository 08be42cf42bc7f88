"""Every desk page in English, Arabic and Kurdish, right-to-left where it should be."""

import pytest

from tests import factories

PAGES = [
    "/admin/",
    "/admin/desk/calendar/",
    "/admin/desk/calendar/?view=week",
    "/admin/desk/donors/",
    "/admin/desk/translations/",
    "/admin/desk/translations/?language=ar",
]


@pytest.fixture
def content(db, publish):
    from django.utils import timezone

    donor = factories.DonorFactory()
    item = factories.ArticleFactory()
    item.donors.set([donor])
    publish(item, timezone.now() - timezone.timedelta(hours=1))
    return donor


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("ckb", "rtl")])
def test_each_page_renders_in_each_language(content, reviewer_client, url, language, direction):
    response = reviewer_client.get(url, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html and f'dir="{direction}"' in html
    assert "/static/desk/desk.css" in html


def test_the_donor_change_form_renders_right_to_left(content, editor_client):
    response = editor_client.get(f"/admin/donors/donor/{content.pk}/change/",
                                 HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_chart_runs_from_the_right_in_a_right_to_left_page(content, reviewer_client):
    import re

    def months(language):
        html = reviewer_client.get("/admin/desk/donors/", {"since": "2024-01-01", "until": "2024-03-31"},
                                   HTTP_ACCEPT_LANGUAGE=language).content.decode()
        return re.findall(r'data-month="([\d-]+)"', html)

    assert months("en") == ["2024-01", "2024-02", "2024-03"]
    assert months("ar") == ["2024-03", "2024-02", "2024-01"]


def test_the_stylesheet_uses_logical_properties_only():
    from pathlib import Path

    import newsroom.desk

    css = (Path(newsroom.desk.__file__).parent / "static" / "desk" / "desk.css").read_text()
    for physical in ("margin-left", "margin-right", "padding-left", "padding-right",
                     "text-align: left", "text-align: right", "float: left", "float: right",
                     "border-left", "border-right"):
        assert physical not in css
