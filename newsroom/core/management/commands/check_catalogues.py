from django.core.management.base import BaseCommand, CommandError

from newsroom.core import catalogues


class Command(BaseCommand):
    help = (
        "List every msgid of the ar and ckb catalogues that is untranslated, fuzzy, or whose "
        "placeholders differ from the English, and every .mo that disagrees with its .po."
    )

    def handle(self, *args, **options):
        count = 0
        for po in catalogues.catalogues():
            for problem in catalogues.problems(po):
                self.stdout.write(str(problem))
                count += 1
            if catalogues.compiled_differs(po):
                self.stdout.write(f"{po}: the .mo is stale: run `manage.py compile_catalogues`")
                count += 1
        if count:
            raise CommandError(f"{count} catalogue problem(s) to fix.")
        self.stdout.write("Catalogues complete: every message is translated in ar and ckb.")
