import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from newsroom.contacts.models import Contact
from newsroom.core import roles
from newsroom.donors.models import Donor, DonorAlias
from newsroom.imports import services as imports
from newsroom.workflow.models import Status
from newsroom.workflow.services import approve, submit

DEMO_DIR = Path(settings.BASE_DIR) / "demo"


def _translated(values: dict, field: str) -> dict:
    return {f"{field}_{code}": text for code, text in values.items()}


def _demo_user(username: str, group_name: str):
    """The demo account, created without a usable password (create_demo_accounts sets one)."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@newsroom.example.org", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


class Command(BaseCommand):
    help = (
        "Load the demo donors and contacts, import demo/pages through the importer and "
        "publish them through the workflow (idempotent: a second run changes nothing)."
    )

    def handle(self, *args, **options):
        translation.activate(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        self.load_reference()
        self.import_pages()

    def import_pages(self):
        editor = _demo_user("editor", roles.EDITORS)
        uploads = imports.uploads_from_paths([DEMO_DIR / "pages"])
        batch = imports.create_batch(uploads, user=editor, queue=False)
        batch = imports.run_batch(batch.pk)
        counts = ", ".join(f"{n} {outcome}" for outcome, n in batch.progress()["counts"].items())
        self.stdout.write(f"Demo pages: {counts}.")
        published = self.publish(batch, editor)
        self.stdout.write(f"Demo pages published: {published}.")

    def publish(self, batch, editor) -> int:
        reviewer = _demo_user("reviewer", roles.REVIEWERS)
        published = 0
        for item in batch.items.exclude(object_id=None):
            draft = item.draft
            if draft is None or draft.status != Status.DRAFT:
                continue  # already through review: left alone
            submit(draft, editor)
            approve(draft, reviewer, publish_at=_publish_time(item.summary.get("date")))
            published += 1
        return published

    @transaction.atomic
    def load_reference(self):
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


def _publish_time(date: str | None):
    """Back-date a page to the date it gives, so the demo site reads like an archive."""
    if not date:
        return None
    day = datetime.date.fromisoformat(date)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
