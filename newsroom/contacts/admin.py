from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from newsroom.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organization", "phone_display", "email", "is_active", "is_proposed"]
    # "proposed by an import: Yes" is the list of proposals awaiting a person.
    list_filter = ["is_proposed", "is_active"]
    search_fields = ["name", "email", "phone", "role_en", "role_ar"]
    actions = ["confirm_proposals"]

    @admin.display(description=_("phone"), ordering="phone")
    def phone_display(self, obj):
        return obj.phone_display

    @admin.action(description=_("Confirm the selected proposals (shown to the public)"))
    def confirm_proposals(self, request, queryset):
        n = queryset.confirm()
        self.message_user(request, ngettext("%d contact confirmed.", "%d contacts confirmed.", n) % n)
