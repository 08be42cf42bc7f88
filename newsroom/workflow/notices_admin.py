"""Each person's notifications in the admin: theirs only, read when opened."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsroom.workflow.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["when", "what", "item_link", "comment", "read"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["entry__actor", "alert", "content_type"]
    actions = None

    # Every staff member has notifications of their own; nobody sees another's.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    @admin.display(description=_("when"), ordering="created_at")
    def when(self, note):
        from newsroom.workflow.templatetags.workflow_time import office_time

        return office_time(note.created_at)

    @admin.display(description=_("what"))
    def what(self, note):
        return note.action_name

    @admin.display(description=_("item"))
    def item_link(self, note):
        url = reverse("admin:workflow_notification_open", args=[note.pk])
        return format_html('<a href="{}">{}</a>', url, note.item or "—")

    @admin.display(description=_("comment"))
    def comment(self, note):
        return note.entry.comment if note.entry_id else ""

    @admin.display(description=_("read"), boolean=True)
    def read(self, note):
        return note.read_at is not None

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", wrap(self.open_view), name="workflow_notification_open"),
            path("read-all/", wrap(require_POST(self.read_all_view)),
                 name="workflow_notification_read_all"),
            *super().get_urls(),
        ]

    def open_view(self, request, pk):
        """Mark read and go to the item (a GET: opening a link is looking)."""
        note = get_object_or_404(Notification, pk=pk, user=request.user)
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
        item = note.item
        if item is None:
            return HttpResponseRedirect(reverse("admin:workflow_notification_changelist"))
        opts = item._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        )

    def read_all_view(self, request):
        Notification.objects.unread().filter(user=request.user).update(read_at=timezone.now())
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("admin:index")
        return HttpResponseRedirect(back)
