from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from newsroom.core.errors import NewsroomError
from newsroom.imports import services
from newsroom.imports.forms import ImportUploadForm
from newsroom.imports.models import ImportBatch, ImportItem
from newsroom.imports.services import conflicts

# The batch page lists this many items; the rest are in the item list.
_ITEMS_SHOWN = 300


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "__str__", "status_label", "created_count", "updated_count", "unchanged_count",
        "conflict_count", "skipped_count", "failed_count", "created_by", "created_at",
    ]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    readonly_fields = [
        "status", "total", "processed", "created_count", "updated_count", "unchanged_count",
        "conflict_count", "skipped_count", "failed_count", "error", "created_by", "created_at",
        "started_at", "heartbeat_at", "finished_at",
    ]
    fields = readonly_fields
    change_form_template = "admin/imports/importbatch/change_form.html"
    actions = ["resume_batches"]

    def has_change_permission(self, request, obj=None):
        return False  # a batch is a record of what happened

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, batch):
        # "stalled": running, but its worker stopped reporting (see ImportBatch.is_stalled).
        return batch.get_status_label()

    @admin.action(description=gettext_lazy("Resume the selected stalled batches"))
    def resume_batches(self, request, queryset):
        resumed = [batch.pk for batch in queryset if batch.is_stalled and services.resume(batch.pk)]
        self.message_user(request, ngettext(
            "%d stalled batch queued again.", "%d stalled batches queued again.", len(resumed)
        ) % len(resumed))

    def get_urls(self):
        progress = self.admin_site.admin_view(self.progress_view)
        resume = self.admin_site.admin_view(require_POST(self.resume_view))
        return [
            path("<int:pk>/progress/", progress, name="imports_importbatch_progress"),
            path("<int:pk>/resume/", resume, name="imports_importbatch_resume"),
            *super().get_urls(),
        ]

    def progress_view(self, request, pk):
        batch = get_object_or_404(ImportBatch, pk=pk)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        return JsonResponse(batch.progress())

    def resume_view(self, request, pk):
        batch = get_object_or_404(ImportBatch, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            resumed = batch.is_stalled and services.resume(batch.pk)
        if resumed:
            messages.success(request, _("The batch is queued again; a worker imports its pending pages."))
        else:
            messages.warning(request, _("The batch is not stalled: nothing to resume."))
        return redirect("admin:imports_importbatch_change", batch.pk)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            batch = services.create_batch(form.uploads(), user=request.user)
            messages.success(request, ngettext(
                "%(count)s page queued for import.", "%(count)s pages queued for import.",
                batch.total,
            ) % {"count": batch.total})
            return redirect("admin:imports_importbatch_change", batch.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import page dumps"),
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/imports/importbatch/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if batch is not None:
            items = list(batch.items.defer("data").select_related("content_type")[:_ITEMS_SHOWN])
            extra |= {
                "batch": batch,
                "items": items,
                "items_more": max(batch.total - len(items), 0),
                "items_url": reverse("admin:imports_importitem_changelist") + f"?batch__id__exact={batch.pk}",
                "progress_url": reverse("admin:imports_importbatch_progress", args=[batch.pk]),
                "resume_url": reverse("admin:imports_importbatch_resume", args=[batch.pk]),
            }
        return super().change_view(request, object_id, form_url, extra)


@admin.register(ImportItem)
class ImportItemAdmin(admin.ModelAdmin):
    list_display = ["source", "outcome", "title", "title_derived", "evidence", "reason", "draft_link", "batch"]
    list_filter = ["outcome", "batch"]
    search_fields = ["source", "reason"]
    list_select_related = ["batch", "content_type"]
    readonly_fields = [
        "batch", "source", "outcome", "evidence", "reason", "draft_link", "summary", "checksum",
        "processed_at", "resolved_at",
    ]
    fields = readonly_fields
    change_form_template = "admin/imports/importitem/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data", "sketch", "written")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        resolve = self.admin_site.admin_view(require_POST(self.resolve_view))
        return [path("<int:pk>/resolve/", resolve, name="imports_importitem_resolve"), *super().get_urls()]

    def resolve_view(self, request, pk):
        item = get_object_or_404(ImportItem, pk=pk)
        draft = item.draft
        if draft is None or not request.user.has_perm(
            f"{draft._meta.app_label}.change_{draft._meta.model_name}"
        ):
            raise PermissionDenied
        take = "imported" if request.POST.get("take") == "imported" else "current"
        try:
            result = conflicts.resolve(item, take=take, user=request.user)
        except NewsroomError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, {
                "applied": _("The imported version is in the draft."),
                "pending": _("The imported version waits as a revision for review."),
            }.get(result, _("The draft is kept as it is.")))
        return redirect("admin:imports_importitem_change", item.pk)

    @admin.display(description=gettext_lazy("title"))
    def title(self, item):
        return (item.summary or {}).get("title") or "—"

    @admin.display(description=gettext_lazy("derived title"), boolean=True)
    def title_derived(self, item):
        # The page had no headline: the title was made from its first sentence.
        return item.title_derived

    @admin.display(description=gettext_lazy("draft"))
    def draft_link(self, item):
        url = item.draft_admin_url()
        return format_html('<a href="{}">{}</a>', url, _("open the draft")) if url else "—"
