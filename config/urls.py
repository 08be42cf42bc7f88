from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from newsroom.workflow import views as workflow_views

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("newsroom.public.urls_root")),
    # Preview links: one address handed out, leading to the reader's language.
    path("preview/<str:token>/", workflow_views.preview_in_reader_language, name="preview-link"),

]
if settings.DEBUG:  # in production the proxy serves uploads (docs/deploy.md)
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
urlpatterns += i18n_patterns(
    path("", include("newsroom.public.urls")),
    path("", include("newsroom.workflow.urls")),
)
