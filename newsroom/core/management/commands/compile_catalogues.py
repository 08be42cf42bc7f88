from django.core.management.base import BaseCommand

from newsroom.core import catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo in pure Python (no GNU gettext needed)."

    def handle(self, *args, **options):
        for mo in catalogues.compile_all():
            if options["verbosity"]:
                self.stdout.write(f"compiled {mo}")
