"""Previews: a journalist holding a link reads the page as the public will see it.

The link handed out is language-neutral (/preview/<token>/) and leads to the
reader's language (/ar/preview/<token>/); the page's language switcher then stays
inside the preview, in every language the item has, under the same token.
"""

from urllib.parse import urlencode

from django.db.models.fields.files import ImageFieldFile
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.workflow.models import PreviewLink
from newsroom.workflow.services.previews import PREVIEWABLE

TEMPLATES = {
    "articles.article": ("public/article_detail.html", "article"),
    "statements.statement": ("public/statement_detail.html", "statement"),
}


def _gone(request, message: str, status: int):
    response = render(request, "workflow/preview_gone.html", {"message": message}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


class _LinkedImage(ImageFieldFile):
    """The item's image, addressed with the link's token: uploads of items not yet public
    are served only to those who may see them (newsroom/public/media.py)."""

    # Bandit B105 (low), accepted: an empty default, set per link below; no secret.
    token = ""  # nosec B105

    @property
    def url(self) -> str:
        return f"{super().url}?{urlencode({'preview': self.token})}"


def _image_through_link(item, link) -> None:
    image = getattr(item, "image", None)
    if image:
        linked = _LinkedImage(item, image.field, image.name)
        linked.token = link.token
        item.__dict__[image.field.attname] = linked


@require_safe
@never_cache
def preview_in_reader_language(request, token: str):
    """The address handed out: on to the preview in the language LocaleMiddleware chose."""
    return HttpResponseRedirect(reverse("workflow:preview", kwargs={"token": token}))


@require_safe
@never_cache
def preview(request, token: str):
    link = PreviewLink.objects.select_related("content_type").filter(token=token).first()
    if link is None:
        return _gone(request, _("This preview link does not exist. Check that you copied it whole."), 404)
    if link.revoked_at is not None:
        return _gone(request, _("This preview link has been revoked by the newsroom."), 410)
    if link.expires_at <= timezone.now():
        return _gone(request, _("This preview link has expired."), 410)
    model = link.content_type.model_class()
    item = model._base_manager.filter(pk=link.object_id).first()
    if item is None:
        return _gone(request, _("This item is no longer available."), 410)
    if model.objects.published().filter(pk=item.pk).exists():
        return HttpResponseRedirect(item.get_absolute_url())
    if item.status not in PREVIEWABLE:
        # Left review and approval (its links were revoked then; this is the safety net).
        return _gone(request, _("This item is not available for preview any more."), 410)
    _image_through_link(item, link)
    template, name = TEMPLATES[model._meta.label_lower]
    until = item.publish_at if item.status == "approved" else None
    context = {"object": item, name: item, "preview_until": until, "preview_link": link}
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex"
    return response
