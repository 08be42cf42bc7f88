from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from taggit.models import Tag as TaggitTag

from newsroom.core.fields import RichTextField
from newsroom.core.languages import language_name
from newsroom.core.models import Tag, TranslationState
from newsroom.core.widgets import RichTextEditor
from newsroom.workflow.admin import WorkflowAdminMixin

_MARKS = {
    TranslationState.MISSING: "✗",
    TranslationState.COMPLETE: "✓",
    TranslationState.OUTDATED: "⟳",
}


class TranslationStatusMixin:
    """A change-list column: each language missing (✗), complete (✓) or outdated (⟳)."""

    @admin.display(description=_("translations"))
    def translations(self, obj):
        return format_html_join(
            " ",
            '<span class="translation translation-{}" title="{}">{} {}</span>',
            (
                (state, f"{language_name(code)}: {TranslationState(state).label}", code.upper(),
                 _MARKS[state])
                for code, state in obj.translation_states().items()
            ),
        )


class EditorialAdmin(WorkflowAdminMixin, TranslationStatusMixin, TabbedTranslationAdmin):
    """Base of the admins for what editors write (articles, statements): the workflow's
    buttons, review queue, history, optimistic locking and pending revisions of live items."""

    # The admin maps every TextField to its plain textarea; rich text keeps its editor.
    formfield_overrides = {RichTextField: {"widget": RichTextEditor}}


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "name_en", "name_ar", "name_ckb", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


# taggit registers its stock Tag (a model we do not use) with a merge action open to
# anyone with admin access: our own Tag above replaces it.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)
