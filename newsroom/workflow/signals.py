from django.dispatch import Signal

# Sent after commit whenever what the public sees of an item may have changed:
# it was published, unpublished or expired, or an approved revision of a live
# item was applied. Receivers (the public site's cache) purge every page the
# item appears on. Keyword arguments: instance, reason (one of "published",
# "unpublished", "expired", "revised").
public_content_changed = Signal()
