from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every site; whitenoise serves the file under /static/.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True)),
    path("", include("newsroom.public.urls_root")),
    # Embargo preview links: one address whatever the reader's language.
    path("", include("newsroom.workflow.urls")),

]
if settings.DEBUG:  # in production the proxy serves uploads (docs/deploy.md)
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
urlpatterns += i18n_patterns(path("", include("newsroom.public.urls")))
