"""Uploads, served only when their item may be seen: public, or to the newsroom, or to a
preview link's holder. A draft's or an embargoed item's image is not readable by URL.

The file itself is sent by nginx (X-Accel-Redirect to an internal location, when
MEDIA_ACCEL_REDIRECT is set; see deploy/nginx.conf), or by Django otherwise.
"""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

from newsroom.articles.models import Article
from newsroom.workflow.models import PreviewLink
from newsroom.workflow.services.previews import PREVIEWABLE
from newsroom.workflow.transitions import Role, has_role


def _may_see(request, article: Article) -> bool:
    if Article.objects.published().filter(pk=article.pk).exists():
        return True
    if has_role(request.user, Article, Role.EDITOR) or has_role(request.user, Article, Role.REVIEWER):
        return True
    token = request.GET.get("preview", "")
    if not token or article.status not in PREVIEWABLE or article.is_on_air:
        return False
    return any(link.is_active for link in PreviewLink.for_item(article).filter(token=token))


@require_safe
def media(request, path: str):
    name = str(PurePosixPath(path))
    if name != path or name.startswith(("/", "..")):
        raise Http404
    # One indexed lookup: only a file an item points at is ever served.
    article = Article._base_manager.filter(image=name).only("pk", "status", "publish_at").first()
    if article is None or not _may_see(request, article):
        raise Http404
    public = Article.objects.published().filter(pk=article.pk).exists()
    accel = settings.NEWSROOM_MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
    else:
        try:
            response = FileResponse(open(safe_join(settings.MEDIA_ROOT, name), "rb"))
        except (FileNotFoundError, NotADirectoryError) as missing:
            raise Http404 from missing
    # What is not public yet must not stay in a shared cache once it is refused again.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
