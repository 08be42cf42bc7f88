"""Messages of Django's admin, django-celery-beat and django-taggit that their own
Arabic or Kurdish (ckb) catalogues leave untranslated, though an editor reads them.

Marked here so that `make messages` keeps them in our catalogue, which comes
first (LOCALE_PATHS) and so fills the gaps. Nothing imports this module:
makemessages only reads it.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)

# django-celery-beat ships neither ar nor ckb; a superuser's sidebar lists its models.
CELERY_BEAT = (
    gettext_noop("Periodic Tasks"),
    gettext_noop("solar event"),
    gettext_noop("solar events"),
    gettext_noop("interval"),
    gettext_noop("intervals"),
    gettext_noop("clocked"),
    gettext_noop("crontab"),
    gettext_noop("crontabs"),
    gettext_noop("periodic task"),
    gettext_noop("periodic tasks"),
)

# django-taggit has Arabic but no Kurdish: the tags field's help and its error.
TAGGIT = (
    gettext_noop("A comma-separated list of tags."),
    gettext_noop("Please provide a comma-separated list of tags."),
    gettext_noop("Tags"),
)
