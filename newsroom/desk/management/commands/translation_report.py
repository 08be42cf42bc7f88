"""`manage.py translation_report --language ar --format csv`.

Every item whose translation into the language is missing or outdated, newest
published first (items not public yet follow). Bad input exits with status 2.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from newsroom.core.languages import SOURCE
from newsroom.desk import translation_report
from newsroom.desk.periods import ReportInputError


class Command(BaseCommand):
    help = "Items whose translation into a language is missing or outdated."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="en, ar or ckb.")
        parser.add_argument("--kind", help="news, press_release, story or statement.")
        parser.add_argument("--published", action="store_true", help="Only items public now.")
        parser.add_argument("--format", choices=["csv"], default="csv")

    def handle(self, *args, language, kind, published, format, **options):
        translation.activate(SOURCE)
        try:
            language = translation_report.check_language(language, "--language", required=True)
            kind = translation_report.check_kind(kind, "--kind")
        except ReportInputError as error:
            raise CommandError(error.message, returncode=2) from None
        found = translation_report.lines(language=language, kind=kind, published_only=published)
        self.stdout.write(translation_report.to_csv(found, language), ending="")
