"""The secret calendar address: outside the admin, so a calendar application can read it."""

from django.urls import path

from newsroom.desk.views import feed

app_name = "desk-feed"

urlpatterns = [
    path("calendar/<str:token>.ics", feed.calendar_feed, name="calendar"),
]
