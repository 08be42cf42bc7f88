"""`manage.py import_pages PATH...`: import page dumps (.txt, .zip, or folders of them).

--dry-run parses only and writes nothing; with --format json it prints one
object per page (the keys are listed in newsroom.imports.services.summary).
Otherwise a batch is created and queued for the Celery worker. --wait shows
progress until it finishes; if no worker has claimed the batch after
--takeover seconds (e.g. the filesystem:// broker with no worker running),
the command claims it and runs it itself; so it does when the worker running
the batch has died (its heartbeat stalled, see services.batches.run_batch).
--sync runs it in-process at once.

--resume ID takes over a stalled batch (its worker stopped reporting for
NEWSROOM_IMPORT_STALE_AFTER seconds): only its pending pages are imported,
here with --sync or --wait, else by a worker.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from newsroom.core.languages import SOURCE
from newsroom.donors.models import Donor
from newsroom.imports import archives, services
from newsroom.imports.decoding import PageDecodeError, decode_page
from newsroom.imports.models import ImportBatch
from newsroom.imports.parser import parse_page
from newsroom.imports.services import batches, sources
from newsroom.imports.services.summary import error_summary, record_summary

_BAR = 30


class Command(BaseCommand):
    help = "Import page dumps (.txt files, .zip archives or folders of them) as drafts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--resume", type=int, metavar="ID", help="Take over a stalled batch.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--wait", action="store_true", help="Show progress until done.")
        parser.add_argument("--sync", action="store_true", help="Run the batch in this process.")
        parser.add_argument("--user", help="Username recorded as the importer.")
        parser.add_argument(
            "--takeover", type=float, default=15.0, metavar="SECONDS",
            help="With --wait: run the batch here if no worker started it within this time.",
        )

    def handle(self, *args, paths, dry_run, format, wait, sync, user, takeover, resume, **options):
        translation.activate(SOURCE)
        if resume is not None:
            return self._resume(resume, format, here=sync or wait)
        if not paths:
            raise CommandError("Give at least one PATH, or --resume ID.")
        try:
            uploads = list(sources.uploads_from_paths(paths))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        if not uploads:
            raise CommandError(_("No .txt or .zip files found."))
        if dry_run:
            return self._dry_run(uploads, format)
        batch = services.create_batch(uploads, user=self._user(user), queue=not sync)
        if sync:
            services.run_batch(batch.pk)
        elif wait:
            self._wait(batch.pk, takeover)
        batch.refresh_from_db()
        self._report(batch, format)

    def _resume(self, batch_id, format, *, here):
        batch = ImportBatch.objects.filter(pk=batch_id).first()
        if batch is None:
            raise CommandError(f"No import batch #{batch_id}.")
        if batch.is_finished:
            raise CommandError(f"Import batch #{batch_id} is already {batch.get_status_display()}.")
        if batch.status == ImportBatch.Status.RUNNING and not batch.is_stalled:
            raise CommandError(
                f"Import batch #{batch_id} is running and its worker reported recently; "
                f"it is stalled only after {batches.stale_after()} seconds without a report."
            )
        services.resume(batch_id, queue=not here)
        if here:
            self.stderr.write(f"Resuming import batch #{batch_id} here.")
            services.run_batch(batch_id)
        batch.refresh_from_db()
        self._report(batch, format)

    def _dry_run(self, uploads, format):
        aliases = Donor.objects.alias_map()
        results = (self._parse(upload, aliases) for upload in uploads)
        if format == "json":
            # One object at a time: the array never sits in memory whole.
            self.stdout.write("[", ending="")
            for n, summary in enumerate(_flatten(results)):
                self.stdout.write(("," if n else "") + "\n" + json.dumps(summary, ensure_ascii=False), ending="")
            self.stdout.write("\n]")
            return
        for summary in _flatten(results):
            what = summary["error"] or f"{summary['kind']}: {summary['title']}"
            self.stdout.write(f"{summary['source']}: {what}")

    def _parse(self, upload, aliases):
        limit = sources.max_bytes()
        if archives.is_archive(upload.name):
            yield from self._parse_archive(upload, aliases, limit)
            return
        if upload.size > limit:
            yield error_summary(upload.name, sources.too_large(upload.size, limit))
            return
        with upload.open() as handle:
            yield _summarise(upload.name, handle.read(), aliases, limit)

    def _parse_archive(self, upload, aliases, limit):
        path = upload.path
        try:
            pages = list(archives.pages(path))
        except archives.ArchiveRefused as exc:
            yield error_summary(upload.name, str(exc))
            return
        for page in pages:
            source = f"{upload.name}/{page.name}"
            try:
                data = archives.read_page(path, page.name, max_bytes=limit)
            except archives.ArchiveRefused as exc:
                yield error_summary(source, str(exc))
                continue
            yield _summarise(source, data, aliases, limit)

    def _user(self, username):
        if not username:
            return None
        from django.contrib.auth import get_user_model

        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No user named %(name)r.") % {"name": username}) from None

    def _wait(self, batch_id, takeover):
        started = time.monotonic()
        batch = ImportBatch.objects.get(pk=batch_id)
        while not batch.is_finished:
            if time.monotonic() - started > takeover and batches.claimable(batch):
                if batch.status == ImportBatch.Status.QUEUED:
                    self.stderr.write(_("No worker started the batch; running it here."))
                else:
                    self.stderr.write(_("The worker running the batch stopped; resuming it here."))
                services.run_batch(batch_id)
            self._bar(batch)
            time.sleep(0.5)
            batch.refresh_from_db()
        self._bar(batch)
        self.stderr.write("")

    def _bar(self, batch):
        done = batch.processed * _BAR // max(batch.total, 1)
        bar = "#" * done + "-" * (_BAR - done)
        self.stderr.write(f"\r[{bar}] {batch.processed} of {batch.total}", ending="")
        self.stderr.flush()

    def _report(self, batch, format):
        progress = batch.progress()
        if format == "json":
            self.stdout.write(json.dumps({"batch": batch.pk, **progress}))
            return
        counts = ", ".join(f"{n} {outcome}" for outcome, n in progress["counts"].items())
        self.stdout.write(_(
            "Import batch #%(id)s: %(status)s, %(processed)s of %(total)s processed (%(counts)s)."
        ) % {"id": batch.pk, "status": batch.get_status_display(), "processed": batch.processed,
             "total": batch.total, "counts": counts})


def _summarise(source, data, aliases, limit):
    try:
        text = decode_page(data, max_bytes=limit)
    except PageDecodeError as exc:
        return error_summary(source, str(exc))
    return record_summary(parse_page(text, source=source, donor_aliases=aliases))


def _flatten(groups):
    for group in groups:
        yield from group

