from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "newsroom.contacts"
    verbose_name = "Contacts"
