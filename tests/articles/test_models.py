import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsroom.articles.models import Article
from tests.factories import ArticleFactory, RelatedDocumentFactory, StatementFactory


@pytest.mark.django_db
def test_slugs_come_from_the_english_title_and_never_clash():
    first = ArticleFactory(title_en="Winter kits for Sinjar")
    second = ArticleFactory(title_en="Winter kits for Sinjar")
    assert (first.slug, second.slug) == ("winter-kits-for-sinjar", "winter-kits-for-sinjar-2")


@pytest.mark.django_db
def test_an_arabic_only_item_gets_an_arabic_slug():
    article = ArticleFactory(title_en="", title_ar="مياه نظيفة في الموصل", source_language="ar")
    assert article.slug == "مياه-نظيفة-في-الموصل"


@pytest.mark.django_db
def test_slugs_are_unique_in_the_database():
    ArticleFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title_en="Other", slug="same")


@pytest.mark.django_db
def test_an_item_needs_a_title_in_its_source_language():
    article = ArticleFactory.build(title_en="", title_ar="عنوان", source_language="en")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "title_en" in error.value.message_dict


@pytest.mark.django_db
def test_an_image_needs_alt_text():
    image = SimpleUploadedFile("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")
    article = ArticleFactory.build(image=image, image_alt_en="")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "image_alt" in error.value.message_dict


@pytest.mark.django_db
def test_an_expiry_before_the_publish_time_is_refused():
    now = timezone.now()
    statement = StatementFactory.build(publish_at=now, expire_at=now - timezone.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert error.value.message_dict["expire_at"] == ["The expiry must come after the publish time."]


@pytest.mark.django_db
def test_documents_keep_their_order_and_translated_titles():
    article = ArticleFactory()
    RelatedDocumentFactory(article=article, title_en="Second", position=2)
    RelatedDocumentFactory(article=article, title_en="First", title_ar="الأول", position=1)
    assert [d.title for d in article.documents.all()] == ["First", "Second"]


@pytest.mark.django_db
def test_new_items_are_drafts_and_not_public():
    article = ArticleFactory()
    assert article.status == "draft"
    assert not Article.objects.published().filter(pk=article.pk).exists()
