from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo composition (`load_demo`, `create_demo_accounts`): it knows every
    newsroom noun, so it lives here rather than in core, which knows none."""

    name = "newsroom.demo"
    verbose_name = "Demo"
