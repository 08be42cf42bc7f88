"""Login throttling: wrong passwords lock one username from one address, and an admin unlocks."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests import factories

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "pass-word-123"  # tests/factories.py


def attempt(client, username: str, password: str, address: str = "198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password},
                       REMOTE_ADDR=address)


@pytest.fixture
def locked_out(client, reviewer):
    for _ in range(20):
        attempt(client, reviewer.username, "wrong-guess")
    return reviewer


def test_twenty_wrong_passwords_then_the_right_one_is_refused_while_locked(client, locked_out):
    response = attempt(client, locked_out.username, PASSWORD)
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_lock_and_the_right_one_lets_in(client, reviewer):
    for _ in range(3):
        assert attempt(client, reviewer.username, "typo").status_code == 200
    response = attempt(client, reviewer.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reviewer.pk)


def test_an_attacker_elsewhere_does_not_lock_the_user_out(client, locked_out):
    # Locked by username *and* address: the user at their own desk still gets in.
    response = attempt(client, locked_out.username, PASSWORD, address="203.0.113.20")
    assert response.status_code == 302


def test_an_attacker_cannot_lock_everyone_from_one_address(client, locked_out, editor):
    response = attempt(client, editor.username, PASSWORD)
    assert response.status_code == 302


def test_an_admin_unlocks_from_the_admin(client, locked_out, admin_user):
    admin = factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and locked_out.username in listing.content.decode()
    attempt_row = AccessAttempt.objects.get(username=locked_out.username)
    response = client.post(f"/admin/axes/accessattempt/{attempt_row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert attempt(client, locked_out.username, PASSWORD).status_code == 302


def test_an_admin_unlocks_from_the_shell(client, locked_out):
    call_command("axes_reset_username", locked_out.username)
    assert attempt(client, locked_out.username, PASSWORD).status_code == 302


def test_the_test_clients_logins_still_work(client, reviewer):
    assert client.login(username=reviewer.username, password=PASSWORD)
    client.logout()
    client.force_login(reviewer)
    assert client.get("/admin/").status_code == 200
