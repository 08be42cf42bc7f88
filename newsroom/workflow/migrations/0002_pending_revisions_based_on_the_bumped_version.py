"""A pending revision's base_version is now the item's version once it was stored
(it was the version before the bump). Move the pending ones still current, so a
reviewer can approve them after the deploy; the others are stale and refused."""

from django.db import migrations


def forwards(apps, schema_editor):
    Revision = apps.get_model("workflow", "Revision")
    for revision in Revision.objects.filter(state="pending").select_related("content_type"):
        ct = revision.content_type
        try:
            model = apps.get_model(ct.app_label, ct.model)
        except LookupError:  # a fresh database, migrated before the item's app: no revisions
            continue
        version = model._base_manager.filter(pk=revision.object_id).values_list("version", flat=True).first()
        if version == revision.base_version + 1:
            Revision.objects.filter(pk=revision.pk).update(base_version=version)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
