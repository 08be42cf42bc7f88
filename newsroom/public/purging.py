"""What purges the page cache: the workflow's signal, and edits of anything public pages show.

Saves purge after commit, so that no reader can render the old state under the
new generation. Saving a draft purges nothing: it was never on a public page.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from newsroom.articles.models import Article, RelatedDocument
from newsroom.contacts.models import Contact
from newsroom.core.models import Tag, TaggedItem
from newsroom.donors.models import Donor
from newsroom.public import pagecache
from newsroom.statements.models import Statement
from newsroom.workflow.models import Status
from newsroom.workflow.signals import public_content_changed

# An item in one of these states is, was or will be on a public page.
_SHOWN_STATES = {Status.APPROVED, Status.PUBLISHED, Status.UNPUBLISHED}


def purge_after_commit(**kwargs) -> None:
    transaction.on_commit(pagecache.purge)


# The status of an instance loaded without it (.only(), .defer()): never read here,
# which would cost a query per row; saving such an instance purges, to be safe.
_NOT_LOADED = "not loaded"


def _remember_status(sender, instance, **kwargs) -> None:
    # What the row was when loaded: a live item edited into any state must purge.
    instance._status_at_load = instance.__dict__.get("status", _NOT_LOADED)


def _purge_if_shown(sender, instance, **kwargs) -> None:
    before = getattr(instance, "_status_at_load", None)
    now = instance.__dict__.get("status", _NOT_LOADED)
    if _NOT_LOADED in (before, now) or now in _SHOWN_STATES or before in _SHOWN_STATES:
        purge_after_commit()
    instance._status_at_load = now


def _purge_if_parent_shown(sender, instance, **kwargs) -> None:
    article = getattr(instance, "article", None)
    if article is not None and article.status in _SHOWN_STATES:
        purge_after_commit()


def connect() -> None:
    public_content_changed.connect(
        lambda **kw: pagecache.purge(), weak=False, dispatch_uid="public-purge"
    )
    for model in (Article, Statement):
        post_init.connect(_remember_status, sender=model, dispatch_uid=f"public-i-{model.__name__}")
        post_save.connect(_purge_if_shown, sender=model, dispatch_uid=f"public-{model.__name__}")
        post_delete.connect(
            _purge_if_shown, sender=model, dispatch_uid=f"public-del-{model.__name__}"
        )
    post_save.connect(_purge_if_parent_shown, sender=RelatedDocument, dispatch_uid="public-doc")
    post_delete.connect(_purge_if_parent_shown, sender=RelatedDocument, dispatch_uid="public-ddoc")
    # Names and acknowledgements shown on live pages; cheap enough to purge on any edit.
    for model in (Donor, Contact, Tag, TaggedItem):
        post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"public-{model.__name__}")
        post_delete.connect(
            purge_after_commit, sender=model, dispatch_uid=f"public-del-{model.__name__}"
        )
    for through in (Article.donors.through, Article.contacts.through):
        m2m_changed.connect(purge_after_commit, sender=through, dispatch_uid=f"public-{through}")
