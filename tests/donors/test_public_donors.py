"""What of donors the public sees: active, confirmed ones only (Donor.objects.public())."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, DonorFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"public:{name}", kwargs=kwargs or None)


@pytest.fixture
def credited():
    article = publish(ArticleFactory(title_en="Clinics reopen in Sinjar"))
    donors = {
        "active": DonorFactory(name_en="Government of Japan"),
        "inactive": DonorFactory(name_en="Former Donor Fund", is_active=False),
        "proposed": DonorFactory(name_en="Proposed Foundation", is_proposed=True),
    }
    article.donors.add(*donors.values())
    return article, donors


def test_the_public_queryset_is_active_and_confirmed_donors(credited):
    _article, donors = credited
    from newsroom.donors.models import Donor

    assert list(Donor.objects.public()) == [donors["active"]]


def test_the_news_filter_offers_neither_inactive_nor_proposed_donors(client, credited):
    html = client.get(url("article-list")).content.decode()

    assert "Government of Japan" in html
    assert "Former Donor Fund" not in html and "Proposed Foundation" not in html


def test_an_article_page_credits_no_inactive_donor(client, credited):
    article, _donors = credited

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Government of Japan" in html and "Former Donor Fund" not in html


def test_an_inactive_or_proposed_donor_has_no_public_page(client, credited):
    _article, donors = credited

    assert client.get(url("donor-detail", slug=donors["inactive"].slug)).status_code == 404
    assert client.get(url("donor-detail", slug=donors["proposed"].slug)).status_code == 404
    assert client.get(url("donor-detail", slug=donors["active"].slug)).status_code == 200
