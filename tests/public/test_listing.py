"""Teasers load without bodies and still know the language each item is shown in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.articles.models import Article
from newsroom.public import listing
from newsroom.statements.models import Statement
from tests.factories import ArticleFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    publish(ArticleFactory())  # English only
    publish(ArticleFactory(title_ar="عنوان", body_ar="<p>نص</p>"))  # English and Arabic
    publish(ArticleFactory(title_ar="عنوان فقط"))  # an Arabic title without a body
    publish(ArticleFactory(source_language="ckb", title_en="", body_en="", summary_en="",
                           title_ckb="سەردێڕ", body_ckb="<p>دەق</p>"))  # Kurdish only
    publish(StatementFactory())
    publish(StatementFactory(title_ar="بيان", body_ar="<p>نص</p>"))


@pytest.mark.parametrize("code", ["en", "ar", "ckb"])
def test_the_shown_language_is_the_items_own(items, code):
    for model in (Article, Statement):
        full = {i.pk: i.shown_language(code) for i in model.objects.published()}
        with CaptureQueriesContext(connection) as queries:
            teasers = list(listing.teasers(model.objects.published()))
            shown = {i.pk: listing.shown_language(i, code) for i in teasers}
            [(i.title, i.summary) for i in teasers]
        assert shown == full
        assert len(queries) == 1  # no deferred body loaded afterwards
        assert all("body" in i.get_deferred_fields() for i in teasers)
