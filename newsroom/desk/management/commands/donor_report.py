"""`manage.py donor_report --since 2024-01-01 --until 2024-12-31 --format csv`.

One row per donor, month (YYYY-MM, office time), kind and language with at
least one published item crediting the donor. Bad input exits with status 2
and a message naming the parameter; nothing is printed that looks like a result.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from newsroom.core.languages import SOURCE
from newsroom.desk import donor_report
from newsroom.desk.periods import ReportInputError, period


class Command(BaseCommand):
    help = "Published items that credit each donor, per month, kind and language."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="First day, YYYY-MM-DD (default: 1 January).")
        parser.add_argument("--until", help="Last day, YYYY-MM-DD (default: 31 December).")
        parser.add_argument("--donor", help="Only this donor: name, short name, alias or id.")
        parser.add_argument("--format", choices=["csv", "text"], default="csv")

    def handle(self, *args, since, until, donor, format, **options):
        translation.activate(SOURCE)
        try:
            chosen = period(since, until, since_name="--since", until_name="--until")
            donors = [donor_report.find_donor(donor, "--donor")] if donor is not None else None
        except ReportInputError as error:
            raise CommandError(error.message, returncode=2) from None
        totals = donor_report.report(chosen, donors)
        if format == "csv":
            self.stdout.write(donor_report.to_csv(totals), ending="")
            return
        for total in totals:
            self.stdout.write(f"{donor_report.donor_name(total.donor)}: {total.items}")
            for row in total.rows:
                self.stdout.write(f"  {row.month}  {row.kind:<14} {row.language:<4} {row.items}")
