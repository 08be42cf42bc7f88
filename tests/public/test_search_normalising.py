"""The Arabic and Kurdish normalisers: the words of the newsroom, and Python and
PostgreSQL agreeing word for word (the stored vectors use the SQL copy)."""

import pytest
from django.db import connection

from newsroom.public.search import arabic, kurdish

ARABIC = {
    # the article and clitics
    "المياه": "ميا", "والمياه": "ميا", "مياه": "ميا", "بالمياه": "ميا",
    "المدرسة": "مدرس", "مدرسة": "مدرس", "للأطفال": "اطفال", "وللأطفال": "اطفال",
    # alef and hamza forms, ta marbuta, alef maqsura, diacritics, tatweel
    "إغاثة": "اغاث", "أغاثة": "اغاث", "مُسَاعَدَة": "مساعد", "مسـاعدة": "مساعد",
    "المستشفى": "مستشف", "مستشفيات": "مستشف", "مستشفي": "مستشف",
    # what must not be stripped: ب ل ك alone, short words
    "بيت": "بيت", "لجنة": "لجن", "كتاب": "كتاب", "وال": "وال", "في": "في",
}
KURDISH = {
    "نەخۆشخانە": "نەخۆشخ", "نەخۆشخانەکە": "نەخۆشخ", "نەخۆشخانەی": "نەخۆشخ",
    "نەخۆشخانەکان": "نەخۆشخ", "نەخۆشخانه": "نەخۆشخ",
    "منداڵ": "منداڵ", "منداڵان": "منداڵ", "منداڵەکان": "منداڵ", "منداڵەکە": "منداڵ",
    "منداڵێک": "منداڵ", "منداڵەکانی": "منداڵ",
    "خێزان": "خێز", "خێزانەکان": "خێز",
    "قوتابخانە": "قوتابخ", "قوتابخانەیەک": "قوتابخ",
    # Arabic-keyboard kaf and yeh
    "كوردستان": "کوردست", "کوردستان": "کوردست", "ئاوي": "ئاو", "ئاو": "ئاو",
    "زمان": "زمان",
}


@pytest.mark.parametrize(("word", "form"), ARABIC.items())
def test_arabic_words_meet_in_one_form(word, form):
    assert arabic.normalise(word) == form


@pytest.mark.parametrize(("word", "form"), KURDISH.items())
def test_kurdish_words_meet_in_one_form(word, form):
    assert kurdish.normalise(word) == form


def test_a_broken_plural_and_its_singular_stand_for_each_other():
    assert arabic.forms("مدارس") == arabic.forms("المدرسة") == sorted(["مدارس", "مدرس"])
    assert arabic.forms("المياه") == sorted(["ميا", "ماء"])


SENTENCES = [
    "وصلت المياه إلى الأسر في الموصل، والمدارس فتحت أبوابها (2024).",
    "تسلّم المستشفى العامّ أدويةً ومعدّاتٍ بالتعاون مع وزارة الصحة.",
    "word المياه123 ـــ ٱلله",
    "نەخۆشخانەی نوێ لە هەولێر کرایەوە و منداڵەکان گەڕانەوە بۆ قوتابخانەكه.",
]


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL copy is PostgreSQL's")
@pytest.mark.parametrize("text", [*ARABIC, *KURDISH, *SENTENCES])
def test_postgres_and_python_normalise_alike(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT newsroom_arabic(%s), newsroom_kurdish(%s)", [text, text])
        in_sql = cursor.fetchone()
    assert in_sql == (arabic.normalise(text), kurdish.normalise(text))
