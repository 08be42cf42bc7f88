from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.static import serve

from newsroom.core.views import set_language

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("admin/desk/", include("newsroom.desk.urls")),
    path("admin/", admin.site.urls),
    # Django's set_language, wrapped to remember the choice on the user (the desk's switch).
    path("i18n/setlang/", set_language, name="set_language"),
    path("desk/", include("newsroom.desk.urls_feed")),
    # Browsers ask for /favicon.ico on every site; whitenoise serves the file under /static/.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True)),
    path("", include("newsroom.public.urls_root")),
    # Embargo preview links: one address whatever the reader's language.
    path("", include("newsroom.workflow.urls")),

]
if settings.DEBUG:  # in production the proxy serves uploads (docs/deploy.md)
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
urlpatterns += i18n_patterns(path("", include("newsroom.public.urls")))
