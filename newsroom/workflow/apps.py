from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "newsroom.workflow"
    verbose_name = _("Review and notifications")  # what editors read on the index
