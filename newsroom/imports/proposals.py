"""Contacts and donors an import found are proposals until a person confirms them.

An editor confirms them in the admin (the "proposed by an import" filter lists
them), or a reviewer approves an item that names them: approving the item is
reviewing what it credits and whom it lists. Until then the public site never
shows them (`Contact.objects.public()`, `Donor.objects.public()`).
"""

from __future__ import annotations

from django.db.models.signals import post_save

from newsroom.articles.models import Article
from newsroom.contacts.models import Contact
from newsroom.donors.models import Donor

# The audit actions after which an item's content is approved as it stands.
APPROVALS = ("approve", "revision_approved")


def confirm_named_by(article_id: int) -> None:
    Contact.objects.filter(articles=article_id).confirm()
    Donor.objects.filter(articles=article_id).confirm()


def _on_audit(sender, instance, created, **kwargs) -> None:
    if not created or instance.action not in APPROVALS:
        return
    if instance.content_type.model_class() is Article:
        confirm_named_by(instance.object_id)


def connect() -> None:
    from newsroom.workflow.models import AuditEntry

    post_save.connect(_on_audit, sender=AuditEntry, dispatch_uid="imports-confirm-proposals")
