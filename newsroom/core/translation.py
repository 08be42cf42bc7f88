from modeltranslation.translator import TranslationOptions, register

from newsroom.core.models import Tag


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ()
