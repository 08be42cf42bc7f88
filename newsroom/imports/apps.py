from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "newsroom.imports"
    verbose_name = _("Imports")

    def ready(self):
        from newsroom.imports import proposals

        proposals.connect()
