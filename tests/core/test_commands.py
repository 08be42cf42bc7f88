import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from newsroom.contacts.models import Contact
from newsroom.donors.models import Donor, DonorAlias


@pytest.mark.django_db
def test_demo_accounts_are_created_with_printed_passwords_that_work():
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    printed = dict(re.findall(r"^\s+(\w+)\s+(\S+)\s+\(created\)$", out.getvalue(), re.M))
    assert set(printed) == {"editor", "reviewer", "admin"}
    for username, password in printed.items():
        user = authenticate(username=username, password=password)
        assert user is not None and user.is_staff
    assert authenticate(username="editor", password=printed["editor"]).groups.filter(
        name="Editors"
    ).exists()


@pytest.mark.django_db
def test_loading_the_demo_twice_creates_nothing_new():
    call_command("load_demo", stdout=StringIO())
    counts = (Donor.objects.count(), DonorAlias.objects.count(), Contact.objects.count())
    assert counts[0] >= 3 and counts[2] >= 2
    call_command("load_demo", stdout=StringIO())
    assert (Donor.objects.count(), DonorAlias.objects.count(), Contact.objects.count()) == counts
