import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import cache_from_url, database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 60 + "-a-long-random-production-secret-0123456789",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:///var/test/deploy-check.db",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean start: nothing the test run itself set (SECURE_*, async switches).
    base = {
        k: v for k, v in os.environ.items()
        if k not in PRODUCTION
        and not k.startswith(("SECURE", "DJANGO_ALLOW_ASYNC", "CACHE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


def test_production_configuration_passes_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_malformed_variable_stops_start_up_with_its_name():
    result = manage("check", **{**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_an_unknown_database_scheme_is_named():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL='mysql://x/y'"):
        database_from_url("DATABASE_URL", "mysql://x/y", ROOT)


def test_postgres_urls_are_read_in_full():
    db = database_from_url("DATABASE_URL", "postgres://news:p%40ss@db.internal:6432/newsroom", ROOT)
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "news", "p@ss", "db.internal", "6432", "newsroom",
    )


def test_sqlite_paths_are_relative_to_the_project():
    db = database_from_url("DATABASE_URL", "sqlite:///var/x.sqlite3", ROOT)
    assert db["NAME"] == str(ROOT / "var" / "x.sqlite3")


def test_cache_urls_choose_redis_or_memory():
    assert cache_from_url("REDIS_URL", "redis://h:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_from_url("CACHE_URL", "locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("CACHE_URL", "file:///srv/cache")["LOCATION"] == "/srv/cache"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("CACHE_URL", "memcached://h")


def test_numbers_and_booleans_fail_loudly(monkeypatch):
    monkeypatch.setenv("PAGE_CACHE_SECONDS", "ten")
    with pytest.raises(ImproperlyConfigured, match="PAGE_CACHE_SECONDS='ten'"):
        env_int("PAGE_CACHE_SECONDS", 600)
    monkeypatch.setenv("X_FLAG", "TRUE")
    assert env_bool("X_FLAG", False) is True


def test_translation_fallback_is_configurable():
    code = "from django.conf import settings; print(settings.MODELTRANSLATION_FALLBACK_LANGUAGES)"
    result = manage("shell", "-c", code, DEBUG="true", TRANSLATION_FALLBACK="ar,en")
    assert "('ar', 'en', 'ckb')" in result.stdout, result.stderr
    result = manage("check", DEBUG="true", TRANSLATION_FALLBACK="fr")
    assert "TRANSLATION_FALLBACK names unknown language 'fr'" in result.stderr


def test_the_default_cache_is_shared_by_every_process_on_the_machine():
    # A per-process cache would keep serving a page that another process purged.
    code = "from django.conf import settings; print(settings.CACHES['default'])"
    env = {"DEBUG": "true", "NEWSROOM_VAR_DIR": "/tmp/newsroom-var"}
    result = manage("shell", "-c", code, **env)
    assert "FileBasedCache" in result.stdout and "/tmp/newsroom-var/cache" in result.stdout, result.stderr
