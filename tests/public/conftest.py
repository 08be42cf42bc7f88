from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsroom.workflow.models import Status


@pytest.fixture(autouse=True)
def _empty_page_cache():
    cache.clear()
    yield
    cache.clear()


def publish(item, *, ago=timedelta(hours=1), **fields):
    """Make an item public by setting its fields, as the workflow would have."""
    item.status = Status.PUBLISHED
    item.publish_at = timezone.now() - ago
    item.published_at = item.publish_at
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item
