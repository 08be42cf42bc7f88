"""Secret calendar addresses: made, reset and revoked by their owner."""

import hashlib
import secrets

from django.utils import timezone

from newsroom.desk.models import CalendarFeed


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user, language: str) -> str:
    """A new token for the user's feed (the old one, if any, stops working). Shown once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_digest": digest(token), "language": language,
                  "created_at": timezone.now(), "last_read_at": None},
    )
    return token


def revoke(user) -> bool:
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def owner(token: str):
    """The active user the token belongs to, or None."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_digest=digest(token)).first()
    if feed is None or not feed.user.is_active or not feed.user.is_staff:
        return None
    return feed
