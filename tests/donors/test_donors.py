import pytest
from django.db import IntegrityError, transaction

from newsroom.donors.models import Donor
from tests.factories import DonorAliasFactory, DonorFactory


@pytest.mark.django_db
def test_aliases_map_every_spelling_to_the_canonical_name():
    japan = DonorFactory(name_en="Government of Japan", name_ar="حكومة اليابان", short_name="Japan")
    DonorAliasFactory(donor=japan, alias="Japanese  Government")
    mapping = Donor.objects.alias_map()
    for spelling in ("japan", "government of japan", "japanese government", "حكومة اليابان"):
        assert mapping[spelling] == "Government of Japan"


@pytest.mark.django_db
def test_an_alias_belongs_to_one_donor_whatever_its_case():
    DonorAliasFactory(alias="EU")
    with pytest.raises(IntegrityError), transaction.atomic():
        DonorAliasFactory(alias="eu")


@pytest.mark.django_db
def test_donors_get_a_slug_and_an_upper_case_country():
    donor = DonorFactory(short_name="Norway", country="no")
    assert (donor.slug, donor.country) == ("norway", "NO")
