import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from newsroom.contacts.models import Contact
from tests.factories import ContactFactory

ContactForm = modelform_factory(Contact, fields=["name", "phone", "email", "role_en"])


@pytest.mark.django_db
def test_phones_are_stored_in_international_form():
    contact = ContactFactory(phone="0750 123 4567")
    contact.refresh_from_db()
    assert contact.phone == "+9647501234567"
    assert contact.phone_display == "+964 750 123 4567"


@pytest.mark.django_db
def test_an_invalid_phone_is_a_form_error_naming_the_field():
    form = ContactForm(data={"name": "A", "phone": "12ab", "email": "a@example.org"})
    assert not form.is_valid()
    assert list(form.errors) == ["phone"]
    assert "not a phone number" in form.errors["phone"][0]


@pytest.mark.django_db
def test_an_invalid_email_is_a_form_error_naming_the_field():
    form = ContactForm(data={"name": "A", "phone": "", "email": "not-an-address"})
    assert not form.is_valid()
    assert list(form.errors) == ["email"]


@pytest.mark.django_db
def test_a_duplicate_email_is_refused_with_a_message():
    ContactFactory(email="press@newsroom.example.org")
    form = ContactForm(data={"name": "B", "phone": "", "email": "press@newsroom.example.org"})
    assert not form.is_valid()
    assert form.errors["email"] == ["A contact with this e-mail already exists."]


@pytest.mark.django_db
def test_emails_are_unique_whatever_their_case():
    ContactFactory(email="press@newsroom.example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(email="PRESS@Newsroom.example.org")
    assert Contact.objects.count() == 1
