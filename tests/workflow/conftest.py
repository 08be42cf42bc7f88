import pytest
from django.utils import timezone

from config.celery import app as celery_app
from newsroom.workflow import services
from tests import factories


def set_celery(name: str, value) -> None:
    """Celery before 5.7 reads CELERY_<NAME> (from Django settings) before <name>: set both."""
    celery_app.conf[name] = value
    celery_app.conf[f"CELERY_{name.upper()}"] = value


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in-process (after commit); real-worker tests opt out."""
    previous = celery_app.conf.task_always_eager
    set_celery("task_always_eager", True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield
    set_celery("task_always_eager", previous)


@pytest.fixture
def author(db):
    """An editor who writes and submits; the 'author themself' of the matrix."""
    return factories.editor("author")


@pytest.fixture
def second_reviewer(db):
    return factories.reviewer("reviewer2")


@pytest.fixture
def article(db, author):
    return factories.ArticleFactory(created_by=author)


@pytest.fixture
def in_review(article, author):
    services.submit(article, author)
    return article


@pytest.fixture
def approved_later(in_review, reviewer):
    services.approve(in_review, reviewer, publish_at=timezone.now() + timezone.timedelta(hours=2))
    return in_review


@pytest.fixture
def published(in_review, reviewer):
    services.approve(in_review, reviewer)
    return in_review
