from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from newsroom.core.views import set_language
from newsroom.public import media as public_media
from newsroom.workflow import views as workflow_views

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
