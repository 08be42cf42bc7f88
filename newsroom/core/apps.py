from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsroom.core"
    verbose_name = "Core"
