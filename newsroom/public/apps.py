from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "newsroom.public"
    verbose_name = _("Public")

    def ready(self):
        from newsroom.public import purging

        purging.connect()
