from modeltranslation.translator import TranslationOptions, register

from newsroom.statements.models import Statement


@register(Statement)
class StatementTranslationOptions(TranslationOptions):
    fields = Statement.translated_fields
    required_languages = ()
