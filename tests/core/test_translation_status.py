"""The translation status of an item is taken of what is stored, after sanitizing."""

import pytest

from newsroom.articles.models import Article
from newsroom.core.models import TranslationState
from tests.factories import ArticleFactory

COMPLETE, OUTDATED = TranslationState.COMPLETE, TranslationState.OUTDATED

ENGLISH = (
    '<p>Read <a href="https://example.org/report">the report</a> on <strong>water</strong>.</p>'
    "<ul><li>Sinjar</li><li><em>Mosul</em></li></ul><ol><li>first</li></ol>"
)
ARABIC = (
    '<p>اقرأ <a href="https://example.org/report">التقرير</a> عن <strong>المياه</strong>.</p>'
    "<ul><li>سنجار</li><li><em>الموصل</em></li></ul><ol><li>أولاً</li></ol>"
)
KURDISH = '<p>ڕاپۆرتەکە <a href="https://example.org/report">بخوێنەوە</a>.</p><ul><li>شنگال</li></ul>'


def _stored(article):
    return Article.objects.get(pk=article.pk)


@pytest.mark.django_db
def test_an_english_body_with_a_link_saved_with_its_translations_leaves_them_complete():
    article = ArticleFactory(title_en="Water", body_en=ENGLISH, title_ar="المياه", body_ar=ARABIC,
                             title_ckb="ئاو", body_ckb=KURDISH)
    assert 'rel="noopener noreferrer"' in _stored(article).body_en  # the sanitizer's addition
    assert article.translation_state("ar") == COMPLETE
    assert _stored(article).translation_states() == {"en": COMPLETE, "ar": COMPLETE, "ckb": COMPLETE}


@pytest.mark.django_db
def test_a_save_that_changes_nothing_keeps_every_state():
    article = ArticleFactory(title_en="Water", body_en=ENGLISH, title_ar="المياه", body_ar=ARABIC)
    article.body_en = ENGLISH.replace("water", "clean water")
    article.save()
    assert article.translation_states() == {"en": COMPLETE, "ar": OUTDATED, "ckb": "missing"}

    for _ in range(2):  # from the instance held, then from a fresh copy, as a form does
        article.save()
        assert _stored(article).translation_states() == {
            "en": COMPLETE, "ar": OUTDATED, "ckb": "missing",
        }
        article = _stored(article)
    # Resubmitting the stored (already sanitized) text unchanged is no new translation.
    article.body_ar = _stored(article).body_ar
    article.save()
    assert _stored(article).translation_state("ar") == OUTDATED


@pytest.mark.django_db
@pytest.mark.parametrize("change", [
    lambda body: body.replace("the report", "the new report"),        # a link's text
    lambda body: body.replace("/report", "/report-2026"),              # a link's address
    lambda body: body.replace("<li>Sinjar</li>", "<li>Sinjar</li><li>Duhok</li>"),  # a list item
    lambda body: body.replace("<strong>water</strong>", "<em>water</em>"),  # formatting only
])
def test_a_changed_source_marks_the_other_languages_outdated(change):
    article = ArticleFactory(title_en="Water", body_en=ENGLISH, title_ar="المياه", body_ar=ARABIC,
                             title_ckb="ئاو", body_ckb=KURDISH)
    article = _stored(article)
    article.body_en = change(article.body_en)
    article.save()
    assert _stored(article).translation_states() == {"en": COMPLETE, "ar": OUTDATED, "ckb": OUTDATED}


@pytest.mark.django_db
def test_an_edit_the_sanitizer_removes_is_no_change_of_the_source():
    article = ArticleFactory(title_en="Water", body_en=ENGLISH, title_ar="المياه", body_ar=ARABIC)
    article = _stored(article)
    article.body_en = article.body_en + '<script>alert("x")</script><!-- note -->'
    article.save()
    assert "script" not in _stored(article).body_en
    assert _stored(article).translation_state("ar") == COMPLETE


@pytest.mark.django_db
def test_retranslating_an_outdated_language_makes_it_complete_again():
    article = ArticleFactory(title_en="Water", body_en=ENGLISH, title_ar="المياه", body_ar=ARABIC)
    article.body_en = ENGLISH.replace("water", "clean water")
    article.save()
    article = _stored(article)
    article.body_ar = ARABIC.replace("المياه", "المياه النظيفة")
    article.save()
    assert _stored(article).translation_state("ar") == COMPLETE
