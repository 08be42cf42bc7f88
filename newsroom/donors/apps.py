from django.apps import AppConfig


class DonorsConfig(AppConfig):
    name = "newsroom.donors"
    verbose_name = "Donors"
