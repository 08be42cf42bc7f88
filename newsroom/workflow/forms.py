"""Forms of the workflow: the versioned item form, and one form per transition."""

import json
from types import SimpleNamespace

from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags

from newsroom.workflow import content
from newsroom.workflow.models import Revision, schedule_errors


class LocalDateTimeInput(forms.DateTimeInput):
    """A browser date-time picker to the second; values are read and shown in the office's
    time zone, whatever the browser's own (datetime-local carries no zone)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__({"step": "1", **(attrs or {})}, format="%Y-%m-%dT%H:%M:%S")


# With or without seconds, with "T" (the picker) or a space (typed by hand).
TIME_FORMATS = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]


def office_zone() -> str:
    """The office's zone with its offset now, e.g. "Asia/Baghdad, UTC+03:00"."""
    now = timezone.localtime()
    offset = now.strftime("%z")
    return f"{timezone.get_current_timezone_name()}, UTC{offset[:3]}:{offset[3:]}"


def _zone_help():
    return _("Baghdad time (%(zone)s), to the second.") % {"zone": office_zone()}


def local_datetime_field(label, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=LocalDateTimeInput(), input_formats=TIME_FORMATS,
        help_text=lazy(_zone_help, str)(),
        error_messages={"invalid": format_lazy(
            _("{label}: this is not a date and time. Write it as 2026-03-01 14:30 or "
              "2026-03-01 14:30:05 (Baghdad time)."), label=label,
        )},
    )


class VersionedItemForm(forms.ModelForm):
    """Refuses a save made from a copy somebody else has saved over since (optimistic lock).

    The check runs under the row lock inside the admin's transaction; the
    refused form is shown again with everything the person typed.
    """

    loaded_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, label=gettext_lazy("loaded version")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            if not self.is_bound:
                self._start_from_pending_revision()

    def _start_from_pending_revision(self) -> None:
        # A live item's editor continues from the edit awaiting review, not the public text.
        revision = live_pending_revision(self.instance)
        if revision is None:
            return
        self.pending_revision = revision
        for name, value in revision.data.items():
            if name not in self.fields or name in ("image",):
                continue
            if name == "tags":
                value = edit_string_for_tags([SimpleNamespace(name=n) for n in value])
            self.initial[name] = value

    def clean(self):
        data = super().clean()
        self._keep_pending_image()
        if self.instance.pk:
            model = type(self.instance)
            current = (
                model._base_manager.select_for_update()
                .filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )
            loaded = data.get("loaded_version")
            if current is not None and loaded != current:
                raise forms.ValidationError(
                    _("Somebody else saved this %(name)s after you opened it, so your save was "
                    "refused to keep their work. Your text is still below: open the %(name)s "
                    "in a new tab, and bring your changes over to the current version."),
                    code="stale", params={"name": model._meta.verbose_name},
                )
        return data


    def _keep_pending_image(self) -> None:
        # The image input cannot start from a pending revision's file: it shows the live
        # one, and saving it untouched would silently undo the pending change.
        if "image" not in self.fields or "image" in self.changed_data or not self.instance.pk:
            return
        revision = live_pending_revision(self.instance)
        if revision is None or "image" not in revision.data:
            return
        if (getattr(self.initial.get("image"), "name", "") or "") != revision.data["image"]:
            self.add_error("image", _drops_pending("image", self.instance))


def live_pending_revision(item) -> Revision | None:
    """The edit of a live item its editor continues from (awaiting review, or sent back).
    A revision is an edit of live text: on an item that is not live it seeds nothing."""
    from newsroom.workflow.services.editing import revision_to_continue

    if not item.pk or not item.is_on_air:
        return None
    return revision_to_continue(item)


def _drops_pending(what: str, item) -> str:
    name = item._meta.verbose_name
    return _(
        "An edit awaiting review changes this %(name)s's %(what)s, and the form shows the live "
        "%(what)s: saving would drop that change. Ask a reviewer to approve or discard the "
        "edit awaiting review first, then edit the %(name)s again."
    ) % {"name": name, "what": {"image": _("image"), "documents": _("documents")}.get(what, what)}


class PendingDocumentsFormSet(BaseInlineFormSet):
    """The documents inline of a live item: shows the live documents, so a save whose
    documents differ from a pending revision's is refused (it would undo that edit)."""

    def clean(self):
        super().clean()
        revision = live_pending_revision(self.instance)
        if revision is None or "documents" not in revision.data or any(self.errors):
            return
        submitted = [
            content.document_row(form.instance) for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]
        if _as_set(submitted) != _as_set(revision.data["documents"]):
            raise forms.ValidationError(_drops_pending("documents", self.instance))


def _as_set(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


class SubmitForm(forms.Form):
    assigned_reviewer = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Reviewer (optional)")
    )
    review_due = forms.DateField(
        required=False, label=_("Review by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reviewers is not None:
            self.fields["assigned_reviewer"].queryset = reviewers


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 3}), required=True,
        error_messages={"required": _("Say what should change: a comment is required.")},
    )


class ApproveForm(forms.Form):
    """Approve now (no time) or for a time: the embargo, entered in Baghdad time."""

    publish_at = local_datetime_field(_("Publish at"))
    expire_at = local_datetime_field(_("Expire at (optional)"))
    schedule = forms.BooleanField(required=False, widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)

    def clean(self):
        data = super().clean()
        publish_at, expire_at = data.get("publish_at"), data.get("expire_at")
        now = timezone.now()
        if data.get("schedule"):
            if publish_at is None and "publish_at" not in self.errors:
                self.add_error("publish_at", _("Choose when it becomes public."))
            elif publish_at is not None and publish_at <= now:
                self.add_error("publish_at", _("A scheduled time must be in the future; "
                                               "to publish now, use “Approve now”."))
        elif publish_at is not None:
            self.add_error("publish_at", _("“Approve now” publishes at once; use "
                                           "“Approve for a time” to choose a time."))
        for name, error in schedule_errors(publish_at, expire_at, now=now).items():
            self.add_error(name, error)
        return data


class PreviewLinkForm(forms.Form):
    # Reads the time only; the service refuses one in the past (create_preview_link).
    expires_at = local_datetime_field(_("Link expires (optional)"))


def compare_choices(item) -> list[tuple[str, str]]:
    versions = Revision.for_item(item).exclude(state=Revision.State.DISCARDED)
    return [("current", _("Current (as stored)"))] + [(str(r.pk), str(r)) for r in versions]
