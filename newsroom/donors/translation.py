from modeltranslation.translator import TranslationOptions, register

from newsroom.donors.models import Donor


@register(Donor)
class DonorTranslationOptions(TranslationOptions):
    fields = ("name", "acknowledgement")
    required_languages = ("en",)
