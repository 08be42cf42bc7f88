from django.db import migrations

from newsroom.core import roles


def create_roles(apps, schema_editor):
    roles.grant(apps, roles.EDITORS, roles.EDITOR_PERMISSIONS)
    roles.grant(apps, roles.REVIEWERS, roles.REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_initial"),
        ("statements", "0001_initial"),
        ("contacts", "0001_initial"),
        ("donors", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
