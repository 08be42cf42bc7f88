from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """What the office looks at: dashboard, calendar, donor and translation reports."""

    name = "newsroom.desk"
    verbose_name = _("Desk")
