"""Messages of Django's admin that its own Kurdish (ckb) catalogue leaves untranslated.

Marked here so that `make messages` keeps them in our catalogue, which comes
first (LOCALE_PATHS) and so fills the gaps an editor would read in English.
Nothing imports this module: makemessages only reads it.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN_GAPS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)
