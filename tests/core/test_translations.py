import pytest
from django.utils import translation

from newsroom.core.models import Tag, TranslationState
from tests.factories import ArticleFactory, StatementFactory


@pytest.mark.django_db
def test_a_missing_arabic_or_kurdish_translation_falls_back_to_english():
    article = ArticleFactory(title_en="Water for Sinjar", title_ar="", body_en="<p>Water.</p>")
    for code in ("ar", "ckb"):
        with translation.override(code):
            assert article.title == "Water for Sinjar"
            assert article.body == "<p>Water.</p>"


@pytest.mark.django_db
def test_a_real_translation_is_shown_in_its_language():
    article = ArticleFactory(title_en="Water for Sinjar", title_ar="المياه لسنجار")
    with translation.override("ar"):
        assert article.title == "المياه لسنجار"


@pytest.mark.django_db
def test_translation_states_are_missing_complete_or_outdated():
    article = ArticleFactory(title_en="Schools reopen", body_en="<p>Classes resume.</p>")
    assert article.translation_states() == {
        "en": TranslationState.COMPLETE,
        "ar": TranslationState.MISSING,
        "ckb": TranslationState.MISSING,
    }
    article.title_ar, article.body_ar = "المدارس تعيد فتح أبوابها", "<p>تستأنف الدروس.</p>"
    article.save()
    assert article.translation_state("ar") == TranslationState.COMPLETE

    article.body_en = "<p>Classes resume on Sunday.</p>"
    article.save()
    assert article.translation_state("ar") == TranslationState.OUTDATED
    assert article.available_languages() == ["en", "ar"]

    article.body_ar = "<p>تستأنف الدروس يوم الأحد.</p>"
    article.save()
    assert article.translation_state("ar") == TranslationState.COMPLETE


@pytest.mark.django_db
def test_statements_track_translations_too():
    statement = StatementFactory(title_ar="بيان", body_ar="<p>نص</p>")
    assert statement.translation_state("ar") == TranslationState.COMPLETE
    assert statement.translation_state("ckb") == TranslationState.MISSING


@pytest.mark.django_db
def test_tag_names_are_translatable_and_tags_attach_by_name():
    article = ArticleFactory()
    article.tags.add("Mosul")
    tag = Tag.objects.get(slug="mosul")
    tag.name_ar = "الموصل"
    tag.save()
    assert list(article.tags.names()) == ["Mosul"]
    with translation.override("ar"):
        assert Tag.objects.get(pk=tag.pk).name == "الموصل"


@pytest.mark.django_db
def test_readers_get_their_language_else_english_else_the_original():
    arabic_only = ArticleFactory(source_language="ar", title_en="", body_en="",
                                 title_ar="عنوان", body_ar="<p>نص</p>")
    english = ArticleFactory()
    assert [arabic_only.shown_language(c) for c in ("en", "ar", "ckb")] == ["ar", "ar", "ar"]
    assert [english.shown_language(c) for c in ("en", "ar", "ckb")] == ["en", "en", "en"]
    with translation.override("en"):
        assert arabic_only.title == "عنوان"


@pytest.mark.django_db
@pytest.mark.parametrize("active", ["en", "ar", "ckb"])
def test_saving_never_copies_text_from_one_language_into_another(active):
    arabic_only = ArticleFactory(source_language="ar", title_en="", body_en="",
                                 title_ar="عنوان", body_ar="<p>نص</p>")
    english_only = ArticleFactory(body_en="<p>English only.</p>")
    with translation.override(active):
        arabic_only.save()
        english_only.save()
    arabic_only.refresh_from_db()
    english_only.refresh_from_db()
    # Untranslated columns are empty: "" or NULL (modeltranslation's columns are nullable).
    assert {arabic_only.body_en or "", arabic_only.body_ckb or ""} == {""}
    assert {english_only.body_ar or "", english_only.body_ckb or ""} == {""}


@pytest.mark.django_db
@pytest.mark.parametrize("active", ["ar", "ckb"])
def test_editors_tag_in_their_own_language_without_duplicating_tags(active):
    article = ArticleFactory()
    article.tags.add("Mosul")
    mosul = Tag.objects.get()
    mosul.name_ar, mosul.name_ckb = "الموصل", "مووسڵ"
    mosul.save()
    other = ArticleFactory()
    with translation.override(active):
        other.tags.set(["Mosul", mosul.name_ar, mosul.name_ckb, "Sinjar"])
        article.tags.set(["Mosul"])
    assert Tag.objects.count() == 2
    assert sorted(Tag.objects.values_list("name_en", flat=True)) == ["Mosul", "Sinjar"]
    assert set(other.tags.values_list("slug", flat=True)) == {"mosul", "sinjar"}


@pytest.mark.django_db
def test_an_editor_saves_tags_from_the_arabic_admin(client, editor):
    from tests.workflow.helpers import change_url, form_data

    article = ArticleFactory(created_by=editor)
    article.tags.add("Mosul")
    Tag.objects.filter(slug="mosul").update(name_ar="الموصل")
    client.force_login(editor)
    page = client.get(change_url(article), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar"' in page.content.decode()
    data = form_data(page)
    assert data["tags"] == "الموصل"  # shown in the editor's language
    data["tags"] = "الموصل, Dohuk"
    response = client.post(change_url(article), data, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert sorted(article.tags.values_list("name_en", flat=True)) == ["Dohuk", "Mosul"]
    assert Tag.objects.count() == 2
