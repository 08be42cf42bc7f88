from modeltranslation.translator import TranslationOptions, register

from newsroom.contacts.models import Contact


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("role", "organization")
    required_languages = ()
