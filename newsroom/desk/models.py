from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """A person's secret address of the editorial calendar as iCalendar, until revoked.

    Only the token's digest is stored: the address is shown once, when made; a
    leaked database does not leak the calendars. Resetting makes a new token and
    the old address stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token_digest = models.CharField(max_length=64, unique=True)
    # The feed is read by a calendar application with no session: it speaks the
    # language its owner used when making it.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
