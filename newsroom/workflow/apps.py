from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "newsroom.workflow"
    verbose_name = "Workflow"
