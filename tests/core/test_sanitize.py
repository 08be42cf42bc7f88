import pytest

from newsroom.articles.models import Article
from newsroom.core.sanitize import clean_html, html_to_text
from tests.factories import ArticleFactory

DIRTY = (
    '<p onclick="steal()">Aid arrives<script>alert(1)</script></p>'
    '<a href="javascript:alert(2)">click</a> <img src=x onerror="alert(3)">'
    '<h2>Next steps</h2><ul><li><strong>Water</strong></li></ul>'
    '<blockquote>Quote</blockquote><a href="https://example.org/report">report</a>'
)


def assert_clean(html: str) -> None:
    assert "<script" not in html and "alert(1)" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "<h2>Next steps</h2>" in html
    assert "<li><strong>Water</strong></li>" in html
    assert "<blockquote>Quote</blockquote>" in html
    assert 'href="https://example.org/report"' in html


def test_the_allowlist_keeps_formatting_and_drops_scripts():
    assert_clean(clean_html(DIRTY))


@pytest.mark.django_db
def test_a_body_with_scripts_is_stored_sanitized_on_save():
    article = ArticleFactory(body_en=DIRTY, body_ar=DIRTY)
    assert_clean(article.body_en)
    stored = Article.objects.values("body_en", "body_ar").get(pk=article.pk)
    assert_clean(stored["body_en"])
    assert_clean(stored["body_ar"])


@pytest.mark.django_db
def test_bulk_create_and_update_are_sanitized_too():
    [article] = Article.objects.bulk_create([Article(title_en="Bulk", slug="bulk", body_en=DIRTY)])
    assert_clean(Article.objects.get(slug="bulk").body_en)
    Article.objects.filter(slug="bulk").update(body_ckb=DIRTY)
    assert_clean(Article.objects.get(slug="bulk").body_ckb)


def test_plain_text_has_one_block_a_line():
    assert html_to_text("<p>One &amp; two</p><p>Three</p>") == "One & two\nThree"
