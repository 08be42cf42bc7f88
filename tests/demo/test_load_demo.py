import io

import pytest
from django.core.management import call_command

from newsroom.articles.models import Article
from newsroom.contacts.models import Contact
from newsroom.donors.models import Donor
from newsroom.imports.models import ImportItem
from newsroom.statements.models import Statement

pytestmark = pytest.mark.django_db


def counts():
    return {
        "articles": Article.objects.count(), "statements": Statement.objects.count(),
        "published": Article.objects.published().count() + Statement.objects.published().count(),
        "donors": Donor.objects.count(), "contacts": Contact.objects.count(),
    }


def test_load_demo_imports_the_demo_pages_and_publishes_them_once():
    call_command("load_demo", stdout=io.StringIO())
    first = counts()

    call_command("load_demo", stdout=io.StringIO())

    assert counts() == first
    assert first["articles"] == 7 and first["statements"] == 1 and first["published"] == 8
    assert set(ImportItem.objects.filter(batch__id=ImportItem.objects.latest("pk").batch_id)
               .values_list("outcome", flat=True)) == {"unchanged"}
    assert set(Article.objects.values_list("source_language", flat=True)) == {"en", "ar", "ckb"}
