"""The desk's language switch, remembered on the person; unknown languages mean English."""

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.core.models import DeskPreference

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


def _switch(client, code, next_url=INDEX):
    return client.post(reverse("set_language"), {"language": code, "next": next_url})


def test_the_admin_header_offers_the_three_languages(editor_client):
    html = editor_client.get(INDEX).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    for code, name in [("en", "English"), ("ar", "العربية"), ("ckb", "کوردی")]:
        assert f'<option value="{code}" lang="{code}"' in html and name in html


def test_a_chosen_language_is_kept_on_the_user_and_follows_them_to_another_browser(editor):
    first = Client()
    first.force_login(editor)
    response = _switch(first, "ckb")
    assert response.status_code == 302 and response["Location"] == INDEX
    assert DeskPreference.objects.get(user=editor).language == "ckb"

    elsewhere = Client()  # no cookie, an English browser
    elsewhere.force_login(editor)
    html = elsewhere.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ckb" dir="rtl">' in html
    assert "admin/css/rtl.css" in html


def test_switching_back_to_english_is_remembered_too(editor_client, editor):
    _switch(editor_client, "ar")
    _switch(editor_client, "en")
    assert DeskPreference.objects.get(user=editor).language == "en"
    html = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_the_remembered_language_is_the_desks_not_the_public_sites(editor_client):
    _switch(editor_client, "ar")
    html = editor_client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_without_a_choice_the_desk_follows_the_browser(editor_client):
    html = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_the_admin_uses_the_public_sites_arabic_font_from_local_files(editor_client, client):
    html = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "/static/desk/admin.css" in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("desk/admin.css"), encoding="utf-8").read()
    assert 'url("../fonts/noto-naskh-arabic-arabic-400-normal.woff2")' in css
    assert finders.find("fonts/noto-naskh-arabic-arabic-400-normal.woff2")
    assert "http" not in css


def test_the_login_page_speaks_the_browsers_language(client):
    html = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="ckb").content.decode()
    assert '<html lang="ckb" dir="rtl">' in html


# --- bad input: a language that is not en, ar or ckb --------------------------------


@pytest.mark.parametrize("code", ["fr", "xx", "de-DE", "<script>", ""])
def test_switching_to_an_unknown_language_changes_nothing_and_raises_nothing(editor_client, editor, code):
    response = _switch(editor_client, code)
    assert response.status_code == 302
    assert not DeskPreference.objects.filter(user=editor).exists()
    html = editor_client.get(INDEX).content.decode()
    assert '<html lang="en" dir="ltr">' in html


@pytest.mark.parametrize("header", ["fr", "de-DE,de;q=0.9", "xx;q=1", "*", "!!!"])
def test_an_unknown_browser_language_gets_english(editor_client, client, header):
    html = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE=header).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_an_unknown_language_cookie_gets_english(editor_client):
    editor_client.cookies["django_language"] = "fr"
    html = editor_client.get(INDEX).content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_a_stored_preference_for_a_language_no_longer_offered_is_ignored(editor_client, editor):
    DeskPreference.objects.create(user=editor, language="fr")
    response = editor_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_an_anonymous_choice_is_only_a_cookie(client):
    response = _switch(client, "ar", next_url=reverse("admin:login"))
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ar"
    assert not DeskPreference.objects.exists()


def test_a_public_address_in_an_unknown_language_is_not_found_not_an_error(client):
    assert client.get("/fr/").status_code == 404
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr", HTTP_COOKIE="django_language=fr")
    assert response.status_code == 302 and response["Location"] == "/en/"
