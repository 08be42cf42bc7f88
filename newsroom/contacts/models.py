from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from newsroom.core.fields import NameField
from newsroom.core.phones import display_phone, normalize_phone, validate_phone


class ContactQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def public(self):
        """What the public site may list: active, and confirmed by a person (an
        import only proposes a contact until an editor confirms it, or approves
        an item that names it)."""
        return self.filter(is_active=True, is_proposed=False)

    def proposals(self):
        return self.filter(is_proposed=True)

    def confirm(self) -> int:
        return self.filter(is_proposed=True).update(is_proposed=False)


class Contact(models.Model):
    """A person journalists can call about a release."""

    name = NameField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[validate_phone],
        help_text=_("Stored in international form, e.g. +9647501234567."),
    )
    email = models.EmailField(
        _("e-mail"), unique=True,
        error_messages={"unique": _("A contact with this e-mail already exists.")},
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_proposed = models.BooleanField(
        _("proposed by an import"), default=False,
        help_text=_("Found on an imported page and not yet confirmed: not shown to the public."),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        constraints = [models.UniqueConstraint(Lower("email"), name="contact_email_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Normalise on every save path, not only in forms.
        self.email = self.email.strip().lower()
        self.phone = normalize_phone(self.phone)
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone)
