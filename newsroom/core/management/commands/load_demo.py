import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from newsroom.contacts.models import Contact
from newsroom.donors.models import Donor, DonorAlias

DEMO_DIR = Path(settings.BASE_DIR) / "demo"


def _translated(values: dict, field: str) -> dict:
    return {f"{field}_{code}": text for code, text in values.items()}


class Command(BaseCommand):
    help = "Load the demo donors and contacts (idempotent: a second run changes nothing)."

    @transaction.atomic
    def handle(self, *args, **options):
        translation.activate(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        reference = json.loads((DEMO_DIR / "reference.json").read_text(encoding="utf-8"))
        donors = contacts = 0
        for item in reference["donors"]:
            donor, created = Donor.objects.get_or_create(
                name_en=item["name"]["en"],
                defaults={
                    **_translated(item["name"], "name"),
                    **_translated(item["acknowledgement"], "acknowledgement"),
                    "short_name": item["short_name"],
                    "kind": item["kind"],
                    "country": item["country"],
                    "website": item["website"],
                },
            )
            donors += created
            for alias in item["aliases"]:
                if not DonorAlias.objects.filter(alias__iexact=alias).exists():
                    DonorAlias.objects.create(donor=donor, alias=alias)
        for item in reference["contacts"]:
            _, created = Contact.objects.get_or_create(
                email=item["email"],
                defaults={
                    "name": item["name"],
                    "phone": item["phone"],
                    **_translated(item["role"], "role"),
                    **_translated(item["organization"], "organization"),
                },
            )
            contacts += created
        self.stdout.write(f"Demo reference data: {donors} donors and {contacts} contacts created.")
