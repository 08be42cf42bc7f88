from django.urls import path

from newsroom.public import views

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("statements/<str:slug>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("donors/<str:slug>/", views.DonorDetailView.as_view(), name="donor-detail"),
]
