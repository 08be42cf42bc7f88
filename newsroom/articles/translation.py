from modeltranslation.translator import TranslationOptions, register

from newsroom.articles.models import Article, RelatedDocument


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = Article.translated_fields
    # Any language may be the source; Article.clean() requires the source title.
    required_languages = ()


@register(RelatedDocument)
class RelatedDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ()
