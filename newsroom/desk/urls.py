"""The desk's pages, mounted under /admin/desk/ (the admin's login and chrome)."""

from django.contrib import admin
from django.urls import path

from newsroom.desk.views import calendar, reports

app_name = "desk"
_page = admin.site.admin_view

urlpatterns = [
    path("calendar/", _page(calendar.month_or_week), name="calendar"),
    path("calendar/<str:model_name>/<int:pk>/reschedule/", _page(calendar.reschedule),
         name="reschedule"),
    path("calendar/feed/", _page(calendar.feed_issue), name="feed-issue"),
    path("calendar/feed/revoke/", _page(calendar.feed_revoke), name="feed-revoke"),
    path("donors/", _page(reports.donors), name="donors"),
    path("translations/", _page(reports.translations), name="translations"),
]
