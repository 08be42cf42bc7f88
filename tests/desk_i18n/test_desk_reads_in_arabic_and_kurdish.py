import pytest
from django.urls import reverse

from tests.desk_i18n.reading import arabic_share, latin_words

DESK_PAGES = {
    "the admin index": "admin:index",
    "the article change list": "admin:articles_article_changelist",
    "the article add form": "admin:articles_article_add",
    "the import upload page": "admin:imports_importbatch_add",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "ckb"])
@pytest.mark.parametrize("who", ["editor", "admin_user"])
@pytest.mark.parametrize("page", list(DESK_PAGES))
def test_nine_letters_in_ten_an_editor_reads_are_arabic_script(client, request, who, language, page):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(DESK_PAGES[page]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}" dir="rtl"' in html
    share = arabic_share(html)
    print(f"{language} {who} {page}: {share:.1%} Arabic-script letters")
    assert share >= 0.9, f"{share:.1%} Arabic script; still Latin: {latin_words(html)}"
