"""The fault scenarios' own PostgreSQL cluster and Redis server (one each for the run),
and the Celery processes of each scenario. Run them with `make test-faults`.

The test database is created on the cluster started here (django_db_setup below points
the default connection at it), so a restart or a stop in a scenario touches nothing else.
"""

import email
import email.policy
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import close_old_connections, connection, connections

from config.celery import app as celery_app
from newsroom.core import roles
from tests.faults.services import Celery, Postgres, Redis, tools_missing

HERE = Path(__file__).resolve().parent
# Beat sweeps this often in the scenarios (every minute in production).
SWEEP_SECONDS = 3


def pytest_collection_modifyitems(config, items):
    # Only an explicit `-m faults` run (make test-faults) starts these services.
    expression = config.getoption("markexpr") or ""
    chosen = "faults" in expression and "not faults" not in expression
    skip = pytest.mark.skip(reason="fault scenarios run with `make test-faults` (-m faults)")
    for item in items:
        if not chosen and HERE in Path(str(item.fspath)).parents:
            item.add_marker(skip)


def set_celery(name: str, value) -> None:
    """Celery before 5.7 reads CELERY_<NAME> (from Django settings) before <name>: set both."""
    celery_app.conf[name] = value
    celery_app.conf[f"CELERY_{name.upper()}"] = value


@pytest.fixture(scope="session")
def fault_services():
    missing = tools_missing()
    if missing:
        pytest.fail(f"{missing} is needed for the fault scenarios (PostgreSQL and Redis servers)")
    if not settings.DATABASES["default"]["ENGINE"].endswith(".postgresql"):
        pytest.fail("the fault scenarios run on PostgreSQL: use `make test-faults`")
    postgres, redis = Postgres(), Redis()
    try:
        postgres.create()
        redis.start()
        yield postgres, redis
    finally:
        redis.stop()
        postgres.drop()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, fault_services):
    from django.test.utils import setup_databases

    postgres, redis = fault_services
    for settings_dict in (settings.DATABASES["default"], connections["default"].settings_dict):
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(postgres.port)
    connections["default"].close()
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    os.environ["CELERY_BROKER_URL"] = redis.url(0)
    set_celery("broker_url", redis.url(0))
    set_celery("task_always_eager", False)
    with django_db_blocker.unblock():
        setup_databases(verbosity=0, interactive=False)
    yield  # the cluster is dropped whole at the end


@pytest.fixture
def postgres(fault_services) -> Postgres:
    return fault_services[0]


@pytest.fixture
def redis(fault_services) -> Redis:
    return fault_services[1]


@pytest.fixture
def roles_restored(transactional_db):
    # A transactional test flushes the tables, and with them the groups the data migrations made.
    for name, codenames in ((roles.EDITORS, roles.EDITOR_PERMISSIONS),
                            (roles.REVIEWERS, roles.REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, names in codenames.items():
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=names
            ))


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def celery(transactional_db, roles_restored, postgres, redis, mail_dir, tmp_path):
    """Start workers and beats with celery.worker(name) / celery.beat(name); all stopped after."""
    redis_flush(redis)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{postgres.port}/{db['NAME']}",
        "CELERY_BROKER_URL": redis.url(0),
        "CACHE_URL": "locmem://",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "NEWSROOM_SWEEP_SECONDS": str(SWEEP_SECONDS),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    processes = Celery(env, tmp_path)
    yield processes
    processes.stop_all()
    reconnect()


def redis_flush(redis: Redis) -> None:
    import subprocess

    subprocess.run(["redis-cli", "-p", str(redis.port), "flushall"], capture_output=True, check=True)


def reconnect() -> None:
    """After PostgreSQL restarted, this process's connection is dead: open a new one."""
    close_old_connections()
    connections["default"].close()


def sent_mail(mail_dir: Path, subject: str) -> list[str]:
    """Subjects of the messages the workers wrote (filebased backend) that start with subject."""
    subjects = []
    for path in mail_dir.iterdir():
        # The backend writes each message followed by a line of 79 dashes.
        for chunk in path.read_text(errors="replace").split("-" * 79):
            if chunk.strip():
                header = email.message_from_string(chunk.lstrip(), policy=email.policy.default)
                value = str(header["Subject"] or "")
                if value.startswith(subject):
                    subjects.append(value)
    return subjects
