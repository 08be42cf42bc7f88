"""What a reader finds, language by language: a table of queries and the items they find.

PostgreSQL only (stored vectors, Arabic and Kurdish normalisation); the SQLite
half checks plain matching in test_search_input.py.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from newsroom.articles.models import Article
from newsroom.public.search import search
from tests.factories import ArticleFactory, StatementFactory
from tests.public.conftest import publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="stored vectors are PostgreSQL's"),
]


def arabic(title, body, **fields):
    """An Arabic-only article (no English): what /en/ shows in its Arabic fallback."""
    return publish(ArticleFactory(
        title_en="", summary_en="", body_en="", source_language="ar",
        title_ar=title, body_ar=f"<p>{body}</p>", **fields,
    ))


def kurdish(title, body):
    return publish(ArticleFactory(
        title_en="", summary_en="", body_en="", source_language="ckb",
        title_ckb=title, body_ckb=f"<p>{body}</p>",
    ))


@pytest.fixture
def newsroom(db):
    """A small archive in three languages, by name."""
    return {
        "water": arabic("وصول المياه إلى الأسر", "أعيد تشغيل شبكة المياه في الموصل."),
        "basra_water": arabic("مياه البصرة", "محطة جديدة لتحلية مياه الشرب في البصرة."),
        "school": arabic("افتتاح المدرسة", "عاد الأطفال إلى مدرسة القرية بعد الترميم."),
        "schools": arabic("ترميم مدارس نينوى", "تم ترميم عشر مدارس في سهل نينوى."),
        "hospital": arabic("دعم المستشفى", "تسلم المستشفى العام أدوية ومعدات."),
        "camp": arabic("مخيمات النازحين", "وزعت الخيام في المخيمات شرق الموصل."),
        "ku_hospital": kurdish("نەخۆشخانەکە کرایەوە", "نەخۆشخانەی نوێ لە هەولێر کرایەوە."),
        "ku_children": kurdish("منداڵان دەگەڕێنەوە قوتابخانە", "هەزار منداڵ گەڕانەوە بۆ خوێندن."),
        "en_flood": publish(ArticleFactory(
            title_en="Flood response in Basra", body_en="<p>Rains flooded camps near Basra.</p>",
        )),
        "en_schools": publish(ArticleFactory(
            title_en="Schools reopen", body_en="<p>After the floods, schools reopen in Mosul.</p>",
        )),
        "statement": publish(StatementFactory(
            title_en="On World Water Day", body_en="<p>Clean water is a right.</p>",
            title_ar="بمناسبة يوم المياه العالمي", body_ar="<p>المياه النظيفة حق للجميع.</p>",
        )),
    }


def found(query: str, code: str) -> set:
    with translation.override(code):
        return {type(hit.item).__name__ + ":" + hit.item.slug for hit in search(query, code).hits}


def names(newsroom, *keys) -> set:
    return {type(newsroom[k]).__name__ + ":" + newsroom[k].slug for k in keys}


TABLE = [
    # (reader language, query, what it finds)
    # Arabic: the article and its clitics, one form for every spelling.
    ("ar", "المياه", {"water", "basra_water", "statement"}),
    ("ar", "والمياه", {"water", "basra_water", "statement"}),
    ("ar", "مياه", {"water", "basra_water", "statement"}),
    ("ar", "المدرسة", {"school", "schools"}),
    ("ar", "مدرسة", {"school", "schools"}),
    # Broken plural (the list in arabic.py): schools finds the school.
    ("ar", "مدارس", {"school", "schools"}),
    # A sound plural meets its singular by light stemming.
    ("ar", "مستشفيات", {"hospital"}),
    ("ar", "مخيم", {"camp"}),
    # Exclusion: the Basra article has the word; nothing lets it through.
    ("ar", "مياه -البصرة", {"water", "statement"}),
    ("ar", '"شبكة المياه"', {"water"}),
    ("ar", "مدرسة or مستشفى", {"school", "schools", "hospital"}),
    # Kurdish: definite, ezafe and plural endings.
    ("ckb", "نەخۆشخانە", {"ku_hospital"}),
    ("ckb", "نەخۆشخانەکە", {"ku_hospital"}),
    ("ckb", "نەخۆشخانەی", {"ku_hospital"}),
    ("ckb", "منداڵ", {"ku_children"}),
    ("ckb", "منداڵان", {"ku_children"}),
    # Arabic keyboard spellings of Kurdish (ي for ی, final ه for ە).
    ("ckb", "نەخۆشخانه", {"ku_hospital"}),
    # English: stemming, exclusion, or.
    ("en", "flooding", {"en_flood", "en_schools"}),
    ("en", "flood -Basra", {"en_schools"}),
    ("en", "basra or mosul", {"en_flood", "en_schools"}),
    # Fallback: items shown at /en/ in Arabic are found there by their Arabic words.
    ("en", "مياه", {"water", "basra_water"}),
    ("en", "مدارس", {"school", "schools"}),
    ("en", "مياه -البصرة", {"water"}),
    # ...but an item shown in English there is searched in English: its Arabic
    # translation is for /ar/ readers.
    ("en", "العالمي", set()),
    ("ckb", "المستشفى", {"hospital"}),
]


@pytest.mark.parametrize(("code", "query", "expected"), TABLE, ids=[f"{c}:{q}" for c, q, _ in TABLE])
def test_each_query_finds_what_a_reader_expects(newsroom, code, query, expected):
    assert found(query, code) == names(newsroom, *expected)


def test_an_arabic_match_is_highlighted_in_the_arabic_text_with_its_clitic(client, newsroom):
    with translation.override("en"):
        html = client.get(reverse("public:search"), {"q": "مياه"}).content.decode()
    assert "<mark>المياه</mark>" in html
    # The snippet says its language: Arabic text inside the English page.
    assert 'class="snippet" lang="ar" dir="rtl"' in html or '<li lang="ar" dir="rtl">' in html


def test_a_kurdish_match_is_highlighted_whatever_ending_the_text_has(newsroom):
    hits = search("نەخۆشخانە", "ckb").hits
    assert "<mark>نەخۆشخانەی</mark>" in hits[0].snippet


def test_a_broken_plural_is_highlighted_as_typed_in_the_text(newsroom):
    hit = next(h for h in search("مدرسة", "ar").hits if h.item == newsroom["schools"])
    assert "<mark>مدارس</mark>" in hit.snippet


def test_an_english_match_is_highlighted_by_postgres(newsroom):
    hit = search("flooded", "en").hits[0]
    assert "<mark>" in hit.snippet and hit.language == "en"


def test_a_bilingual_statement_matches_in_the_readers_language_first(newsroom):
    hit = search("المياه", "ar").hits
    statement = next(h for h in hit if h.item == newsroom["statement"])
    assert statement.language == "ar" and "<mark>" in statement.snippet


def test_title_matches_rank_first(newsroom):
    slugs = [h.item.slug for h in search("flood", "en").hits]
    assert slugs.index(newsroom["en_flood"].slug) < slugs.index(newsroom["en_schools"].slug)


def test_a_translated_item_is_also_found_by_its_source_languages_words(newsroom):
    # The statement was written in English: its English words find it at /ar/ too,
    # with the English snippet marked and said to be English.
    hits = search("Clean water", "ar").hits
    assert [h.item for h in hits] == [newsroom["statement"]]
    assert hits[0].language == "en" and "<mark>" in hits[0].snippet


def test_the_stored_vector_is_current_after_bulk_create_and_update(db):
    Article.objects.bulk_create([
        Article(title_ar="نقل المياه", body_ar="<p>المياه</p>", source_language="ar", slug="bulk-1",
                title_en="", status="published", publish_at="2024-01-01T00:00Z"),
    ])
    assert found("مياه", "ar") == {"Article:bulk-1"}
    Article.objects.filter(slug="bulk-1").update(title_ar="افتتاح مدرسة", body_ar="<p>مدرسة</p>")
    assert found("مياه", "ar") == set()
    assert found("المدرسة", "ar") == {"Article:bulk-1"}


def test_an_unpublished_item_is_never_found(db):
    ArticleFactory(title_en="Secret flood plan")
    assert found("secret", "en") == set()
