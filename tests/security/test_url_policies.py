"""The permission inventory (config/url_policies.py) covers every URL, and its claims hold."""

import re

import pytest

from config import url_policies as policies
from tests import factories
from tests.security.url_walk import url_patterns

pytestmark = pytest.mark.django_db

SAMPLES = {"action": "submit", "decision": "approve", "section": "articles", "url": "nothing-here/"}


def concrete(route: str) -> str:
    """A real address for a route: placeholders filled with values that exist or not."""
    path = route.replace("<language>/", "en/")
    path = path.replace("^(?P<app_label>", "(?P<app_label>")
    path = re.sub(r"\(\?P<app_label>[^)]*\)/\$", "articles/", path)
    path = re.sub(r"\(\?P<url>\.\*\)\$", SAMPLES["url"], path)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(SAMPLES.get(m.group(1), 1)), path)


def routes(*wanted: str) -> list[str]:
    return [route for route, policy in policies.URL_POLICIES.items() if policy in wanted]


def test_every_url_of_the_project_has_a_policy_and_every_policy_a_url():
    project = {route for route, _name, _pattern in url_patterns()}
    missing = sorted(project - set(policies.URL_POLICIES))
    assert not missing, f"URLs without a policy in config/url_policies.py: {missing}"
    stale = sorted(set(policies.URL_POLICIES) - project)
    assert not stale, f"config/url_policies.py names URLs that are gone: {stale}"


@pytest.mark.parametrize("route", routes(policies.ADMIN_STAFF, policies.ADMIN_MODEL,
                                         policies.ADMIN_WORKFLOW, policies.ADMIN_SUPERUSER,
                                         policies.ADMIN_OWN))
def test_an_anonymous_visitor_is_sent_to_the_login_by_every_admin_url(client, route):
    if route == "admin/logout/":
        pytest.skip("logging out needs no login")
    response = client.get(concrete(route))
    assert response.status_code == 302, route
    assert response["Location"].startswith("/admin/login/"), route


@pytest.mark.parametrize("role", ["editor", "reviewer"])
@pytest.mark.parametrize("route", [r for r in routes(policies.ADMIN_SUPERUSER)
                                   if r.endswith(("/add/",)) or r.count("/") == 3])
def test_editors_and_reviewers_are_refused_the_superuser_only_admins(client, role, route):
    client.force_login(getattr(factories, role)())
    assert client.get(concrete(route)).status_code == 403, route


@pytest.mark.parametrize("route", routes(policies.PUBLIC))
def test_public_urls_answer_an_anonymous_visitor_without_error(client, route):
    # favicon.ico and the language switch answer with a redirect.
    assert client.get(concrete(route)).status_code in (200, 301, 302, 404), route


@pytest.mark.parametrize("route", routes(policies.PREVIEW, policies.MEDIA, policies.CALENDAR_TOKEN))
def test_previews_and_uploads_refuse_a_wrong_token(client, route):
    response = client.get(concrete(route), follow=True)
    assert response.status_code == 404, route


def test_the_login_page_is_open(client):
    assert client.get("/admin/login/").status_code == 200
