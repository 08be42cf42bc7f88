"""A contact an import proposed is not on the public contacts page until confirmed."""

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.contacts.models import Contact
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def contacts_page(client) -> str:
    with translation.override("en"):
        return client.get(reverse("public:contacts")).content.decode()


def test_a_proposed_contact_is_not_listed_until_an_editor_confirms_it(client):
    ContactFactory(name="Confirmed Person")
    proposed = ContactFactory(name="Proposed Person", is_proposed=True)
    assert "Proposed Person" not in contacts_page(client)

    Contact.objects.filter(pk=proposed.pk).confirm()

    from django.core.cache import cache

    cache.clear()
    html = contacts_page(client)
    assert "Proposed Person" in html and "Confirmed Person" in html


def test_the_admin_lists_proposals_and_confirms_them(admin_client):
    proposed = ContactFactory(name="Proposed Person", is_proposed=True)

    listing = admin_client.get("/admin/contacts/contact/?is_proposed__exact=1").content.decode()
    response = admin_client.post("/admin/contacts/contact/", {
        "action": "confirm_proposals", "_selected_action": [proposed.pk],
    })

    assert "Proposed Person" in listing
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert not proposed.is_proposed
