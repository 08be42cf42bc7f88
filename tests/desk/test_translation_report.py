"""The translation report: per item and language, missing, complete or outdated."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.articles.models import Article
from newsroom.desk import presence, translation_report
from tests import factories
from tests.desk.conftest import baghdad, kurdish, translated

HEADER = "kind,id,title,state,published_at"


@pytest.fixture
def items(publish):
    complete = publish(factories.ArticleFactory(title_en="Both languages", **translated()),
                       baghdad(2024, 5, 1, 9, 0))
    missing_old = publish(factories.ArticleFactory(title_en="English only, older"),
                          baghdad(2024, 3, 1, 0, 30))
    missing_new = publish(factories.ArticleFactory(title_en="English only, newer",
                                                   kind=Article.Kind.STORY),
                          baghdad(2024, 6, 2, 8, 15))
    outdated = publish(factories.ArticleFactory(title_en="Source edited since", **translated()),
                       baghdad(2024, 4, 10, 12, 0))
    statement = publish(factories.StatementFactory(title_en="A statement, English only"),
                        baghdad(2024, 5, 20, 18, 0))
    draft = factories.ArticleFactory(title_en="A draft, English only", kind=Article.Kind.NEWS)
    # The English body changes after the Arabic was written: the Arabic is outdated.
    fresh = Article.objects.get(pk=outdated.pk)
    fresh.body_en = "<p>A new paragraph nobody translated yet.</p>"
    fresh.save()
    return {"complete": complete, "missing_old": missing_old, "missing_new": missing_new,
            "outdated": fresh, "statement": statement, "draft": draft}


def run(*args) -> str:
    out = StringIO()
    call_command("translation_report", *args, stdout=out)
    return out.getvalue()


def test_the_csv_lists_every_item_missing_or_outdated_in_arabic_newest_published_first(items):
    output = run("--language", "ar", "--format", "csv")

    ids = {name: item.pk for name, item in items.items()}
    assert output.splitlines() == [
        HEADER,
        f"story,{ids['missing_new']},\"English only, newer\",missing,2024-06-02T08:15:00+03:00",
        f"statement,{ids['statement']},\"A statement, English only\",missing,2024-05-20T18:00:00+03:00",
        f"press_release,{ids['outdated']},Source edited since,outdated,2024-04-10T12:00:00+03:00",
        f"press_release,{ids['missing_old']},\"English only, older\",missing,2024-03-01T00:30:00+03:00",
        f"news,{ids['draft']},\"A draft, English only\",missing,",
    ]


def test_the_states_are_the_cores_own(items):
    for item in items.values():
        states = item.translation_states()
        line = next((line for line in translation_report.lines()
                     if line.entry.pk == item.pk and line.model is type(item)), None)
        if line is None:
            assert all(state == "complete" for state in states.values())
        else:
            assert line.states == states


def test_an_edit_of_the_source_is_seen_at_once(items):
    listed = [tuple(row.split(",")[:2]) for row in run("--language", "ar").splitlines()[1:]]
    assert ("press_release", str(items["complete"].pk)) not in listed

    edited = Article.objects.get(pk=items["complete"].pk)
    edited.title_en = "Both languages, retitled in English"
    edited.save()

    rows = run("--language", "ar").splitlines()
    assert any(row.startswith(f"press_release,{edited.pk},") and ",outdated," in row for row in rows)


def test_english_sources_need_nothing_in_english(items):
    assert run("--language", "en").splitlines() == [HEADER]


def test_the_kind_filter_keeps_only_that_kind(items):
    rows = run("--language", "ckb", "--kind", "statement").splitlines()
    assert rows[1:] == [
        f"statement,{items['statement'].pk},\"A statement, English only\",missing,2024-05-20T18:00:00+03:00"
    ]


@pytest.mark.parametrize(("args", "message"), [
    (["--language", "fr"], "--language: “fr” is not one of the site's languages (en, ar, ckb)."),
    (["--language", ""], "--language: “” is not one of the site's languages"),
    (["--language", "ar", "--kind", "poem"], "--kind: “poem” is not a kind of item"),
])
def test_bad_input_exits_with_status_2_naming_the_parameter(items, args, message):
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("translation_report", *args, stdout=out)
    assert raised.value.returncode == 2
    assert str(raised.value).startswith(message)
    assert out.getvalue() == ""


def test_the_sql_presence_rule_agrees_with_the_core(db):
    cases = [
        {}, translated(), {"title_ar": "عنوان فقط"}, {"body_ar": "<p>نص فقط</p>"},
        {"title_ar": "", "body_ar": ""}, kurdish(), translated(**kurdish()),
    ]
    made = [factories.ArticleFactory(**values) for values in cases]
    made.append(factories.StatementFactory(**translated()))
    for item in made:
        model = type(item)
        row = model.objects.filter(pk=item.pk).annotate(
            **presence.presence_annotations(model)
        ).values(*(f"has_{c}" for c in ("en", "ar", "ckb"))).get()
        assert presence.languages_of(row) == item.available_languages()


# --- the admin page -----------------------------------------------------------


def test_the_page_lists_what_needs_arabic_and_links_each_item(items, editor_client):
    html = editor_client.get("/admin/desk/translations/", {"language": "ar"}).content.decode()

    assert "5 items need translating" in html
    assert f"/admin/articles/article/{items['missing_new'].pk}/change/" in html
    assert f"/admin/statements/statement/{items['statement'].pk}/change/" in html
    assert f"/admin/articles/article/{items['complete'].pk}/change/" not in html
    assert html.index("English only, newer") < html.index("English only, older")


def test_the_page_filters_by_kind_and_publication(items, editor_client):
    html = editor_client.get("/admin/desk/translations/", {
        "language": "ar", "kind": "news"}).content.decode()
    assert "1 item needs translating" in html and "A draft, English only" in html

    html = editor_client.get("/admin/desk/translations/", {
        "language": "ar", "published": "on"}).content.decode()
    assert "4 items need translating" in html and "A draft, English only" not in html


def test_the_pages_csv_is_the_commands(items, editor_client):
    response = editor_client.get("/admin/desk/translations/", {"language": "ar", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == run("--language", "ar")


@pytest.mark.parametrize(("query", "message"), [
    ({"language": "fr"}, "language: “fr” is not one of the site"),
    ({"kind": "poem"}, "kind: “poem” is not a kind of item."),
    ({"format": "csv"}, "language: choose the language the CSV export is about."),
])
def test_bad_input_is_a_form_error(items, editor_client, query, message):
    response = editor_client.get("/admin/desk/translations/", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode().replace("&#x27;", "'")


def test_the_page_runs_the_same_queries_whatever_the_number_of_items(
        items, editor_client, publish):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        editor_client.get("/admin/desk/translations/")  # bring the index up to date
        with CaptureQueriesContext(connection) as queries:
            editor_client.get("/admin/desk/translations/", {"language": "ar"})
        return len(queries)

    before = count()
    for n in range(12):
        publish(factories.ArticleFactory(), baghdad(2024, 7, n + 1, 9, 0))
        factories.StatementFactory()
    assert count() == before
