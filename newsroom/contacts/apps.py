from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "newsroom.contacts"
    verbose_name = _("Press and media")  # what editors read on the index
