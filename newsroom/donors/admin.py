from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from newsroom.desk import donor_block
from newsroom.donors.models import Donor, DonorAlias


class DonorAliasInline(admin.TabularInline):
    model = DonorAlias
    extra = 1


@admin.register(Donor)
class DonorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "is_active", "is_proposed"]
    # "proposed by an import: Yes" is the list of proposals awaiting a person.
    list_filter = ["is_proposed", "kind", "is_active"]
    search_fields = ["name_en", "name_ar", "name_ckb", "short_name", "aliases__alias"]
    inlines = [DonorAliasInline]
    prepopulated_fields = {"slug": ["short_name"]}
    actions = ["confirm_proposals"]

    @admin.action(description=_("Confirm the selected proposals (shown to the public)"))
    def confirm_proposals(self, request, queryset):
        n = queryset.confirm()
        self.message_user(request, ngettext("%d donor confirmed.", "%d donors confirmed.", n) % n)

    readonly_fields = ["visibility"]

    @admin.display(description=_("visibility"))
    def visibility(self, obj):
        return donor_block.visibility(obj)  # this year's chart and the full report
