from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "newsroom.statements"
    verbose_name = _("Official statements")  # what editors read on the index
