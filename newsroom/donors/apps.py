from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonorsConfig(AppConfig):
    name = "newsroom.donors"
    verbose_name = _("Funding")  # what editors read on the index
