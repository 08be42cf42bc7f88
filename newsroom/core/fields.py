from django.db import models

from newsroom.core.sanitize import clean_html, plain_text, strip_bidi_controls
from newsroom.core.widgets import RichTextEditor


class RichTextField(models.TextField):
    """HTML text sanitized on every path to the database.

    Sanitizing in get_prep_value covers save(), bulk_create() and
    QuerySet.update() alike; pre_save also cleans the instance so what the
    caller holds is what was stored. modeltranslation copies this class for
    body_en, body_ar and body_ckb, so they inherit both.
    """

    def pre_save(self, model_instance, add):
        # The instance's own slot, never getattr/setattr: on the original `body`
        # field modeltranslation's descriptor reads a fallback language and
        # writes the active one, which would copy text from one language into
        # another on every save.
        raw = model_instance.__dict__.get(self.attname)
        value = None if raw is None else clean_html(raw)
        model_instance.__dict__[self.attname] = value
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else clean_html(value)

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", RichTextEditor)
        return super().formfield(**kwargs)


class _CleanedOnSave:
    """Clean a text value on every path to the database (save, bulk_create, update).

    deconstruct() names the Django field it extends, so migrations see no change:
    the column is the same, only what is written to it is cleaned.
    """

    clean_value = staticmethod(lambda value: value)
    django_path = ""

    def pre_save(self, model_instance, add):
        # The instance's own slot, as RichTextField does (modeltranslation's descriptor).
        raw = model_instance.__dict__.get(self.attname)
        value = raw if raw is None else self.clean_value(raw)
        model_instance.__dict__[self.attname] = value
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else self.clean_value(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.django_path, args, kwargs


class NameField(_CleanedOnSave, models.CharField):
    """A title or a name: stored without bidi-override controls."""

    clean_value = staticmethod(strip_bidi_controls)
    django_path = "django.db.models.CharField"


class PlainTextField(_CleanedOnSave, models.TextField):
    """Plain text (a summary): stored without tags or bidi controls, escaped where shown."""

    clean_value = staticmethod(plain_text)
    django_path = "django.db.models.TextField"
