from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from newsroom.articles.models import Article, RelatedDocument
from newsroom.core.admin import EditorialAdmin
from newsroom.core.admin_search import IndexedSearchMixin
from newsroom.workflow.forms import PendingDocumentsFormSet


class RelatedDocumentInline(TranslationTabularInline):
    model = RelatedDocument
    formset = PendingDocumentsFormSet
    extra = 1
    fields = ["title", "url", "kind", "position"]


@admin.register(Article)
class ArticleAdmin(IndexedSearchMixin, EditorialAdmin):
    list_display = ["title", "kind", "status", "schedule", "translations", "updated_at"]
    list_filter = ["kind", "status", "source_language", "donors"]
    # One trigram-indexed text (core/admin_search.py, migration 0003): keep in step.
    search_fields = ["title_en", "title_ar", "title_ckb", "summary_en", "byline", "slug"]
    # No date_hierarchy: its links cost a DISTINCT and MIN/MAX over every row per page.
    # No unfiltered total beside the filtered one: a second COUNT(*) of the table.
    show_full_result_count = False
    autocomplete_fields = ["donors", "contacts"]
    readonly_fields = ["status", "publish_at", "expire_at", "published_at"]
    inlines = [RelatedDocumentInline]
    fieldsets = [
        (None, {"fields": ["kind", "source_language", "title", "slug", "summary", "body"]}),
        (_("Dateline and byline"), {"fields": ["dateline", "byline"]}),
        (_("Credits and contacts"), {"fields": ["donors", "contacts", "tags"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_caption"], "classes": ["collapse"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "expire_at", "published_at"]}),
        (_("Source"), {"fields": ["source_url"], "classes": ["collapse"]}),
    ]
