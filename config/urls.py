from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from newsroom.public import media as public_media
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
# Uploads go through a check (the item may be seen), in development and production alike;
# nginx then sends the file itself (docs/deploy.md).
urlpatterns.append(path("media/<path:path>", public_media.media, name="media"))
urlpatterns += i18n_patterns(
    path("", include("newsroom.public.urls")),
    path("", include("newsroom.workflow.urls")),
)
