"""The audit trail's change list: one query for the items of a page, not one per row."""

from newsroom.workflow import services
from tests import factories


def test_the_audit_trail_lists_twenty_entries_in_a_few_queries(
    client, admin_user, django_assert_max_num_queries
):
    author = factories.editor("author")
    for _ in range(10):
        services.submit(factories.ArticleFactory(), author)
        services.submit(factories.StatementFactory(), author)
    client.force_login(admin_user)
    # Every admin page's header also reads the user's desk language and unread notifications.
    with django_assert_max_num_queries(13):
        response = client.get("/admin/workflow/auditentry/")
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 20
    page = response.content.decode()
    assert page.count("/change/") >= 20  # each row's item links to its page
