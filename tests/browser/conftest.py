"""The browser tests' stack: a live server, and beside it a real Celery worker and beat on
the same PostgreSQL and Redis; on failure, every open page's screenshot and HTML are kept
under var/test/browser-failures/ (see README)."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

CELERY = Path(sys.executable).with_name("celery")
FAILURES = Path(settings.BASE_DIR) / "var" / "test" / "browser-failures"


def real_stack_available() -> bool:
    return settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")) and (
        settings.DATABASES["default"]["ENGINE"].endswith(".postgresql")
    )


def _database_url() -> str:
    db = connection.settings_dict  # during the tests: pytest-django's test_<name> database
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_processes(transactional_db, settings, tmp_path):
    """A worker and beat, as `make run` starts them, on the test database and broker.

    Beat keeps its schedule in a file here: the database scheduler's tables are emptied
    between transactional tests, under its feet.
    """
    env = os.environ | {
        "DATABASE_URL": _database_url(), "NEWSROOM_VAR_DIR": str(settings.VAR_DIR),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT), "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    logs = {name: open(tmp_path / f"{name}.log", "wb") for name in ("worker", "beat")}
    commands = {
        "worker": ["worker", "-P", "solo", "--loglevel", "INFO", "--without-gossip",
                   "--without-mingle", "--without-heartbeat"],
        "beat": ["beat", "--loglevel", "INFO", "-S", "celery.beat:PersistentScheduler",
                 "-s", str(tmp_path / "beat-schedule")],
    }
    processes = {
        name: subprocess.Popen([str(CELERY), "-A", "config", *args], cwd=settings.BASE_DIR,
                               env=env, stdout=logs[name], stderr=subprocess.STDOUT)
        for name, args in commands.items()
    }
    deadline = time.monotonic() + 60
    while b"ready" not in (tmp_path / "worker.log").read_bytes():
        assert processes["worker"].poll() is None, (tmp_path / "worker.log").read_text()
        assert time.monotonic() < deadline, "the worker did not start in 60 s"
        time.sleep(0.3)
    yield processes
    for name, process in processes.items():
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        logs[name].close()


@pytest.fixture
def desk_roles(transactional_db):
    """The Editors and Reviewers groups, made again after an earlier transactional test's
    flush emptied them, with the permissions their data migrations grant (the flush's
    post_migrate has made the permissions themselves again)."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    from newsroom.core import roles

    imports = importlib.import_module("newsroom.imports.migrations.0002_editors_import")
    for name, *grants in (
        (roles.EDITORS, roles.EDITOR_PERMISSIONS, imports.EDITOR_PERMISSIONS),
        (roles.REVIEWERS, roles.REVIEWER_PERMISSIONS, imports.REVIEWER_PERMISSIONS),
    ):
        group, created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        for permissions in grants:
            for app_label, codenames in permissions.items():
                group.permissions.add(*Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames))


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def pages_kept_on_failure(request):
    """Register pages; if the test fails, each one's screenshot and HTML are saved."""
    pages = []
    yield pages
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    folder = FAILURES / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    for number, (name, page) in enumerate(pages, 1):
        try:
            page.screenshot(path=str(folder / f"{number}-{name}.png"), full_page=True)
            (folder / f"{number}-{name}.html").write_text(page.content())
        except Exception as error:  # a closed page: say so, keep the others
            (folder / f"{number}-{name}.txt").write_text(f"could not save: {error}")
