from django.db import models

from newsroom.core.sanitize import clean_html
from newsroom.core.widgets import RichTextEditor


class RichTextField(models.TextField):
    """HTML text sanitized on every path to the database.

    Sanitizing in get_prep_value covers save(), bulk_create() and
    QuerySet.update() alike; pre_save also cleans the instance so what the
    caller holds is what was stored. modeltranslation copies this class for
    body_en, body_ar and body_ckb, so they inherit both.
    """

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else clean_html(value)

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", RichTextEditor)
        return super().formfield(**kwargs)
