import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _english():
    # modeltranslation writes the active language: make it explicit in every test.
    with translation.override("en"):
        yield


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def reviewer(db):
    return factories.reviewer()


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
