"""The database and cache backends (newsroom.core.backends), against the real servers."""

import time

import psycopg
import pytest
from django.core.cache import caches
from django.db import connection, connections

POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(not POSTGRES, reason="the PostgreSQL backend")


@pytest.fixture
def wrapper(db):
    """A connection of this test's own, outside the test's transaction."""
    own = connections.create_connection("default")
    own.ensure_connection()
    yield own
    own.close()


def _pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    """End a session from outside, as a server restart or an idle timeout would."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None, port=settings["PORT"] or None,
        user=settings["USER"] or None, dbname=settings["NAME"], autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            if not other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                return
            time.sleep(0.05)
    raise AssertionError(f"session {pid} did not end")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_health_check_of_a_live_connection_sends_nothing(wrapper, monkeypatch):
    assert wrapper.settings_dict["CONN_HEALTH_CHECKS"] is True

    def no_query(*args, **kwargs):
        raise AssertionError("the health check sent a query")

    # On psycopg's class: undone at the test's end, before the connection closes.
    monkeypatch.setattr(type(wrapper.connection), "execute", no_query)
    monkeypatch.setattr(type(wrapper.connection), "cursor", no_query)
    assert wrapper.is_usable() is True


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_session_the_server_ended_is_replaced_before_the_next_request_queries(wrapper):
    first = _pid(wrapper)
    _terminate(first)
    # The session leaves pg_stat_activity a moment before its socket closes.
    deadline = time.monotonic() + 5
    while wrapper.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert wrapper.is_usable() is False
    # What Django does at the start of a request (or a Celery task), then the first query.
    wrapper.close_if_unusable_or_obsolete()
    second = _pid(wrapper)
    assert second != first
    assert wrapper.is_usable() is True


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_inside_a_failed_transaction_is_not_usable(wrapper):
    wrapper.set_autocommit(False)
    with pytest.raises(Exception, match="division by zero"), wrapper.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    assert wrapper.is_usable() is False
    wrapper.rollback()
    assert wrapper.is_usable() is True
    wrapper.set_autocommit(True)


@pytest.mark.skipif(type(caches["default"]).__name__ != "RedisCache", reason="the Redis cache")
def test_the_redis_cache_keeps_one_client_and_still_reads_and_writes():
    cache = caches["default"]
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("test:backends", {"n": 1}, 30)
    assert cache.get("test:backends") == {"n": 1}
    assert cache.get_many(["test:backends", "test:absent"]) == {"test:backends": {"n": 1}}
    cache.delete("test:backends")
    assert cache.get("test:backends") is None
    assert cache._cache.get_client() is client


@needs_postgres
@pytest.mark.parametrize(("options", "prepared_detail", "threshold"), [
    ({}, True, "never"),  # only what asks (the article detail) is prepared
    ({}, False, None),  # Django's default: psycopg prepares nothing, even when asked
    ({"prepare_threshold": 5}, True, 5),  # what OPTIONS names is kept
])
def test_psycopg_prepares_only_what_asks(settings, options, prepared_detail, threshold):
    from newsroom.core.backends.postgresql.base import NEVER

    settings.PUBLIC_PREPARED_DETAIL = prepared_detail
    own = connections.create_connection("default")
    own.settings_dict = {**own.settings_dict, "OPTIONS": {**own.settings_dict["OPTIONS"], **options}}
    params = own.get_connection_params()
    assert params["prepare_threshold"] == (NEVER if threshold == "never" else threshold)
