from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "newsroom.public"
    verbose_name = "Public"

    def ready(self):
        from newsroom.public import purging

        purging.connect()
