from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from newsroom.articles.models import Article, RelatedDocument
from newsroom.core.admin import EditorialAdmin
from newsroom.workflow.forms import PendingDocumentsFormSet


class RelatedDocumentInline(TranslationTabularInline):
    model = RelatedDocument
    formset = PendingDocumentsFormSet
    extra = 1
    fields = ["title", "url", "kind", "position"]


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    list_display = ["title", "kind", "status", "schedule", "translations", "updated_at"]
    list_filter = ["kind", "status", "source_language", "donors"]
    search_fields = ["title_en", "title_ar", "title_ckb", "summary_en", "byline", "slug"]
    date_hierarchy = "created_at"
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
