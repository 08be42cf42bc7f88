from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.core.admin import EditorialAdmin
from newsroom.core.admin_search import IndexedSearchMixin
from newsroom.statements.models import Statement


@admin.register(Statement)
class StatementAdmin(IndexedSearchMixin, EditorialAdmin):
    list_display = ["title", "speaker_name", "date", "status", "schedule", "translations"]
    list_filter = ["status", "source_language"]
    # One trigram-indexed text (core/admin_search.py, migration 0002): keep in step.
    search_fields = ["title_en", "title_ar", "title_ckb", "speaker_name", "slug"]
    # No unfiltered total beside the filtered one: a second COUNT(*) of the table.
    show_full_result_count = False
    readonly_fields = ["status", "publish_at", "expire_at", "published_at"]
    fieldsets = [
        (None, {"fields": ["source_language", "title", "slug", "summary", "body"]}),
        (_("Speaker"), {"fields": ["speaker_name", "speaker_title", "occasion", "date"]}),
        (_("Tags"), {"fields": ["tags"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "expire_at", "published_at"]}),
        (_("Source"), {"fields": ["source_url"], "classes": ["collapse"]}),
    ]
