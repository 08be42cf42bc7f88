from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from config.celery import app as celery_app
from newsroom.workflow import services
from tests import factories

BAGHDAD = ZoneInfo("Asia/Baghdad")


def baghdad(*parts) -> datetime:
    """A moment given in the office's time (Asia/Baghdad, UTC+3)."""
    return datetime(*parts, tzinfo=BAGHDAD)


@pytest.fixture(autouse=True)
def _desk(settings):
    """Tasks in-process, mail in memory, and a translation index that starts empty."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def author(db):
    return factories.editor("author")


@pytest.fixture
def publish(author, reviewer):
    """Submit and approve an item so it is public from `at` (a past moment: recorded at once)."""

    def go(item, at):
        services.submit(item, author)
        services.approve(item, reviewer, publish_at=at)
        item.refresh_from_db()
        return item

    return go


@pytest.fixture
def approve_for(author, reviewer):
    def go(item, at, expire_at=None):
        services.submit(item, author)
        services.approve(item, reviewer, publish_at=at, expire_at=expire_at)
        item.refresh_from_db()
        return item

    return go


def translated(**extra) -> dict:
    """Arabic title and body, so the item exists in Arabic."""
    return {"title_ar": "وصول المياه النظيفة", "body_ar": "<p>الأسر لديها مياه جارية.</p>", **extra}


def kurdish(**extra) -> dict:
    return {"title_ckb": "ئاوی پاک", "body_ckb": "<p>خێزانەکان ئاویان هەیە.</p>", **extra}
