"""The donor visibility report: per donor, month (Baghdad time), kind and language."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.articles.models import Article
from tests import factories
from tests.desk.conftest import baghdad, kurdish, translated

HEADER = "donor,month,kind,language,items"


@pytest.fixture
def donors(db):
    japan = factories.DonorFactory(name_en="Government of Japan", short_name="Japan")
    factories.DonorAliasFactory(donor=japan, alias="Japanese Government")
    eu = factories.DonorFactory(name_en="European Union", short_name="EU", country="")
    return {"japan": japan, "eu": eu}


@pytest.fixture
def credited(donors, publish):
    """Known data: what each donor should be credited with in 2024."""
    japan, eu = donors["japan"], donors["eu"]

    def article(kind, at, credited_to, **text):
        item = factories.ArticleFactory(kind=kind, **text)
        item.donors.set(credited_to)
        return publish(item, at) if at else item

    return {
        # 00:30 on 1 March in Baghdad is still 29 February in UTC: it counts in March.
        "march_first": article(Article.Kind.PRESS_RELEASE, baghdad(2024, 3, 1, 0, 30), [japan],
                               **translated()),
        "february_last": article(Article.Kind.NEWS, baghdad(2024, 2, 29, 23, 59), [japan, eu]),
        "march_story": article(Article.Kind.STORY, baghdad(2024, 3, 15, 10, 0), [eu],
                               **translated(**kurdish())),
        "second_release": article(Article.Kind.PRESS_RELEASE, baghdad(2024, 3, 20, 9, 0), [japan]),
        "draft": article(Article.Kind.NEWS, None, [japan]),
        "last_year": article(Article.Kind.NEWS, baghdad(2023, 12, 31, 23, 30), [japan]),
        "next_year": article(Article.Kind.NEWS, baghdad(2025, 1, 1, 0, 10), [eu]),
    }


def run(*args) -> str:
    out = StringIO()
    call_command("donor_report", *args, stdout=out)
    return out.getvalue()


def test_the_csv_has_one_row_per_donor_month_kind_and_language_sorted(credited):
    output = run("--since", "2024-01-01", "--until", "2024-12-31", "--format", "csv")

    assert output.splitlines() == [
        HEADER,
        "European Union,2024-02,news,en,1",
        "European Union,2024-03,story,ar,1",
        "European Union,2024-03,story,ckb,1",
        "European Union,2024-03,story,en,1",
        "Government of Japan,2024-02,news,en,1",
        "Government of Japan,2024-03,press_release,ar,1",
        "Government of Japan,2024-03,press_release,en,2",
    ]


def test_an_item_published_at_half_past_midnight_on_the_first_counts_in_that_month(credited):
    february = run("--since", "2024-02-01", "--until", "2024-02-29", "--donor", "Japan")
    march = run("--since", "2024-03-01", "--until", "2024-03-01", "--donor", "Japan")

    assert february.splitlines() == [HEADER, "Government of Japan,2024-02,news,en,1"]
    assert march.splitlines() == [
        HEADER,
        "Government of Japan,2024-03,press_release,ar,1",
        "Government of Japan,2024-03,press_release,en,1",
    ]


def test_a_donor_is_found_by_any_of_its_aliases(credited):
    by_alias = run("--since", "2024-01-01", "--until", "2024-12-31",
                   "--donor", "the japanese government")

    assert by_alias == run("--since", "2024-01-01", "--until", "2024-12-31", "--donor", "Japan")
    assert "Government of Japan,2024-02,news,en,1" in by_alias.splitlines()


PAGE = """Regional Mobility Office
Home
New Clinic Opens Its Doors in Sinjar
Sinjar, 3 April 2024 – A primary health clinic rebuilt with funding from the Japanese Government opened today in Sinjar, serving some 9,000 returnees.
"We no longer travel two hours to see a doctor," said a nurse at the clinic.
The clinic has a maternity ward, a pharmacy and a vaccination room, and is staffed by the local health directorate.
"""


def test_an_item_imported_under_a_donor_alias_counts_as_the_donor(donors, publish, tmp_path,
                                                                   settings):
    from tests.imports.conftest import import_files

    settings.VAR_DIR = tmp_path / "var"
    batch = import_files({"clinic.txt": PAGE.encode()})
    article = batch.items.get().draft
    assert list(article.donors.all()) == [donors["japan"]]
    publish(article, baghdad(2024, 4, 3, 12, 0))

    rows = run("--since", "2024-04-01", "--until", "2024-04-30").splitlines()

    assert rows == [HEADER, f"Government of Japan,2024-04,{article.kind},en,1"]


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "2024-12-31", "--until", "2024-01-01"], "--until: 2024-01-01 is before --since"),
    (["--since", "2024-02-30"], "--since: “2024-02-30” is not a date"),
    (["--until", "31/12/2024"], "--until: “31/12/2024” is not a date"),
    (["--donor", "Atlantis"], "--donor: no donor is called “Atlantis”"),
])
def test_bad_input_exits_with_status_2_and_a_message_naming_the_parameter(credited, args, message):
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("donor_report", *args, stdout=out)

    assert raised.value.returncode == 2
    assert str(raised.value).startswith(message)
    assert out.getvalue() == ""


def test_the_command_exits_2_from_the_shell_too(credited, capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as raised:
        ManagementUtility(["manage.py", "donor_report", "--since", "yesterday"]).execute()

    assert raised.value.code == 2
    captured = capsys.readouterr()
    assert "--since: “yesterday” is not a date" in captured.err and captured.out == ""


# --- the admin page -----------------------------------------------------------


def test_the_page_charts_the_donors_items_per_month(credited, editor_client):
    page = editor_client.get("/admin/desk/donors/", {
        "donor": "japan", "since": "2024-01-01", "until": "2024-06-30"})
    html = page.content.decode()

    assert page.status_code == 200
    bars = _bars(html)
    assert bars == {"2024-01": 0, "2024-02": 1, "2024-03": 2, "2024-04": 0, "2024-05": 0,
                    "2024-06": 0}
    assert "<script" not in html.split('class="desk-chart"')[1].split("</svg>")[0]


def test_with_every_donor_the_chart_counts_a_co_funded_item_once(credited, editor_client):
    html = editor_client.get("/admin/desk/donors/", {
        "since": "2024-02-01", "until": "2024-03-31"}).content.decode()

    assert _bars(html) == {"2024-02": 1, "2024-03": 3}
    assert "Government of Japan" in html and "European Union" in html


def test_the_pages_csv_is_the_commands(credited, editor_client):
    response = editor_client.get("/admin/desk/donors/", {
        "since": "2024-01-01", "until": "2024-12-31", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == run("--since", "2024-01-01", "--until", "2024-12-31")


@pytest.mark.parametrize(("query", "message"), [
    ({"since": "2024-12-31", "until": "2024-01-01"}, "until: 2024-01-01 is before since"),
    ({"since": "2024-13-01"}, "since: write the date as YYYY-MM-DD."),
    ({"donor": "atlantis"}, "donor: there is no such donor."),
])
@pytest.mark.parametrize("export", [False, True])
def test_bad_input_is_a_form_error_never_a_result(credited, editor_client, query, message, export):
    response = editor_client.get("/admin/desk/donors/", {**query, **({"format": "csv"} if export else {})})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html.replace("&quot;", '"')
    assert 'class="desk-chart"' not in html


def test_the_donors_admin_page_shows_its_visibility(donors, publish, editor_client):
    from django.utils import timezone

    item = factories.ArticleFactory()
    item.donors.set([donors["eu"]])
    publish(item, timezone.now() - timezone.timedelta(minutes=5))

    html = editor_client.get(f"/admin/donors/donor/{donors['eu'].pk}/change/").content.decode()

    assert 'class="desk-chart"' in html
    assert sum(_bars(html).values()) == 1
    assert "/admin/desk/donors/?donor=eu" in html


def test_the_page_runs_the_same_queries_for_ten_donors_as_for_two(
        credited, editor_client, publish, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            editor_client.get("/admin/desk/donors/", {"since": "2024-01-01", "until": "2024-12-31"})
        return len(queries)

    before = count()
    for n in range(8):
        donor = factories.DonorFactory()
        item = factories.ArticleFactory(kind=Article.Kind.NEWS)
        item.donors.set([donor])
        publish(item, baghdad(2024, 5, n + 1, 9, 0))
    assert count() == before


def _bars(html: str) -> dict[str, int]:
    import re

    return {month: int(items) for month, items in
            re.findall(r'data-month="([\d-]+)" data-items="(\d+)"', html)}


def test_the_reports_rule_of_publication_is_published(credited):
    from datetime import date

    from newsroom.desk.donor_report import _published
    from newsroom.desk.periods import Period

    whole = Period(date(2000, 1, 1), date(2100, 12, 31))
    expired = credited["march_story"]
    type(expired)._base_manager.filter(pk=expired.pk).update(expire_at=baghdad(2024, 3, 16, 0, 0))
    assert set(Article.objects.filter(_published(whole, None))) == set(Article.objects.published())
