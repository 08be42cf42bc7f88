from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.core.fields import NameField
from newsroom.core.slugs import unique_slug


def normalize_alias(text: str) -> str:
    """Case- and space-insensitive key; a leading “the” does not count."""
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class DonorQuerySet(models.QuerySet):
    def public(self):
        """What the public site may show or offer as a filter: active, and confirmed
        by a person (an import only proposes a donor until an editor confirms it,
        or approves an item that credits it)."""
        return self.filter(is_active=True, is_proposed=False)

    def proposals(self):
        return self.filter(is_proposed=True)

    def confirm(self) -> int:
        return self.filter(is_proposed=True).update(is_proposed=False)

    def alias_map(self) -> dict[str, str]:
        """Every way a donor is written → its canonical (English) name, for the importer."""
        mapping: dict[str, str] = {}
        for donor in self.prefetch_related("aliases"):
            canonical = donor.name_en or donor.name
            names = [donor.name_en, donor.name_ar, donor.name_ckb, donor.short_name]
            names += [a.alias for a in donor.aliases.all()]
            for name in names:
                if name:
                    mapping[normalize_alias(name)] = canonical
        return mapping


class Donor(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        MULTILATERAL = "multilateral", _("multilateral")
        FOUNDATION = "foundation", _("foundation")
        PRIVATE = "private", _("private sector")

    name = NameField(_("name"), max_length=200)
    short_name = NameField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(max_length=200, unique=True, blank=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(
        _("country"), max_length=2, blank=True,
        help_text=_("ISO 3166 two-letter code, e.g. JP; empty for multilaterals."),
    )
    website = models.URLField(_("website"), blank=True)
    acknowledgement = models.TextField(
        _("acknowledgement"), blank=True,
        help_text=_("The sentence that credits this donor at the end of a release."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_proposed = models.BooleanField(
        _("proposed by an import"), default=False,
        help_text=_("Found on an imported page and not yet confirmed: not shown to the public."),
    )

    objects = DonorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.name or self.name_en or ""

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.country and not (len(self.country) == 2 and self.country.isalpha()):
            raise ValidationError({"country": _("Use a two-letter country code, e.g. JP.")})

    def save(self, *args, **kwargs):
        self.country = (self.country or "").upper()
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name_en or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public:donor-detail", kwargs={"slug": self.slug})


class DonorAlias(models.Model):
    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(
        _("alias"), max_length=200,
        help_text=_("Another way pages name this donor, e.g. “Japanese Government”."),
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(Lower("alias"), name="donor_alias_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.alias = " ".join(self.alias.split())
        super().save(*args, **kwargs)
