from django.urls import path

from newsroom.workflow import views

app_name = "workflow"

urlpatterns = [
    path("preview/<str:token>/", views.preview, name="preview"),
]
