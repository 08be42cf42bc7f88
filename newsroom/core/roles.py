"""The newsroom's two roles, as Django groups; migrations grant them permissions."""

EDITORS = "Editors"
REVIEWERS = "Reviewers"

EDITOR_PERMISSIONS = {
    "articles": [
        "add_article", "change_article", "view_article",
        "add_relateddocument", "change_relateddocument", "delete_relateddocument",
        "view_relateddocument",
    ],
    "statements": ["add_statement", "change_statement", "view_statement"],
    "contacts": ["add_contact", "change_contact", "view_contact"],
    "donors": [
        "add_donor", "change_donor", "view_donor",
        "add_donoralias", "change_donoralias", "delete_donoralias", "view_donoralias",
    ],
    "core": ["add_tag", "change_tag", "view_tag"],
}
REVIEWER_PERMISSIONS = {
    "articles": ["view_article", "review_article", "view_relateddocument"],
    "statements": ["view_statement", "review_statement"],
    "contacts": ["view_contact"],
    "donors": ["view_donor", "view_donoralias"],
    "core": ["view_tag"],
}


def grant(apps, group_name: str, permissions: dict[str, list[str]]) -> None:
    """Give a group permissions from a data migration.

    Permissions are normally created after all migrations (post_migrate), so a
    fresh database has none yet: create them first.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in permissions.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(found.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*found)
