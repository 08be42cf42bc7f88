from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from newsroom.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organization", "phone_display", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "email", "phone", "role_en", "role_ar"]

    @admin.display(description=_("phone"), ordering="phone")
    def phone_display(self, obj):
        return obj.phone_display
