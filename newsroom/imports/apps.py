from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "newsroom.imports"
    verbose_name = "Imports"

    def ready(self):
        from newsroom.imports import proposals

        proposals.connect()
