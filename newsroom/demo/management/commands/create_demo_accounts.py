import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from newsroom.core import roles

ACCOUNTS = [
    # username, group, superuser
    ("editor", roles.EDITORS, False),
    ("reviewer", roles.REVIEWERS, False),
    ("admin", None, True),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts editor, reviewer and admin, and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Use this password for all three instead of fresh random ones.",
        )

    def handle(self, *args, password=None, **options):
        User = get_user_model()
        self.stdout.write("Demo accounts (log in at /admin/):")
        for username, group_name, superuser in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@newsroom.example.org"}
            )
            secret = password or secrets.token_urlsafe(12)
            user.set_password(secret)
            user.is_staff = True
            user.is_superuser = superuser
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            state = "created" if created else "password reset"
            self.stdout.write(f"  {username:<9} {secret}  ({state})")
