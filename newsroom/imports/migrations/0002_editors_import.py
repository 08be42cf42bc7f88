from django.db import migrations

from newsroom.core.roles import EDITORS, REVIEWERS, grant

# Editors import legacy pages; reviewers may look at what an import did.
EDITOR_PERMISSIONS = {"imports": ["add_importbatch", "view_importbatch", "view_importitem"]}
REVIEWER_PERMISSIONS = {"imports": ["view_importbatch", "view_importitem"]}


def grant_import_permissions(apps, schema_editor):
    grant(apps, EDITORS, EDITOR_PERMISSIONS)
    grant(apps, REVIEWERS, REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("core", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_import_permissions, migrations.RunPython.noop)]
