"""The workflow in the admin: a base for item admins, with buttons that call the services.

Every state change goes through a service (which checks permission again);
the views here are POST-only and only translate between forms and services.
"""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsroom.core.errors import NewsroomError, PermissionDenied, StaleEdit, TransitionNotAllowed
from newsroom.workflow import comments, content, forms, services
from newsroom.workflow import transitions as flow
from newsroom.workflow.models import AuditEntry, PreviewLink, Revision, Status
from newsroom.workflow.queue import ReviewQueueFilter
from newsroom.workflow.services import previews
from newsroom.workflow.services.notifications import reviewers
from newsroom.workflow.services.publication import WORKFLOW_MODELS
from newsroom.workflow.templatetags.workflow_time import office_time

WORKFLOW_READONLY = ["status", "publish_at", "expire_at", "published_at"]
TIME_DISPLAYS = {
    "publish_at": "publish_at_local", "expire_at": "expire_at_local",
    "published_at": "published_at_local",
}


def error_status(error: NewsroomError) -> int:
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, TransitionNotAllowed | StaleEdit):
        return 409
    return 400


class WorkflowAdminMixin:
    """Mix into a ModelAdmin of a Publishable model."""

    form = forms.VersionedItemForm
    change_form_template = "workflow/change_form.html"
    # No bulk approval: an approval is bound to the content the reviewer saw (its
    # fingerprint), and a change-list row shows none of it.
    actions = ["submit_selected", "unpublish_selected"]
    # Who may take each bulk action: the others never see it offered.
    ACTION_ROLES = {"submit_selected": flow.Role.EDITOR, "unpublish_selected": flow.Role.REVIEWER}

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, role in self.ACTION_ROLES.items():
            if name in actions and not flow.has_role(request.user, self.model, role):
                del actions[name]
        return actions

    # --- the ordinary form ---------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(opts)) for name, opts in super().get_fieldsets(request, obj)]
        first = dict(fieldsets[0][1])
        first["fields"] = [*first["fields"], "loaded_version"]
        fieldsets[0] = (fieldsets[0][0], first)
        fieldsets.append((_("Review"), {"fields": ["assigned_reviewer", "review_due"]}))
        # Times read in Baghdad time with the offset, to the second (see office_time).
        for _name, opts in fieldsets:
            opts["fields"] = [TIME_DISPLAYS.get(f, f) if isinstance(f, str) else f
                              for f in opts["fields"]]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        names = [*super().get_readonly_fields(request, obj), *WORKFLOW_READONLY]
        return [*dict.fromkeys(TIME_DISPLAYS.get(name, name) for name in names)]

    @admin.display(description=_("publish at"))
    def publish_at_local(self, obj):
        return office_time(obj.publish_at)

    @admin.display(description=_("expire at"))
    def expire_at_local(self, obj):
        return office_time(obj.expire_at)

    @admin.display(description=_("first published"))
    def published_at_local(self, obj):
        return office_time(obj.published_at)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "review_comment"]

    def get_queryset(self, request):
        return comments.with_latest_request(super().get_queryset(request))

    @admin.display(description=_("reviewer's comment"))
    def review_comment(self, obj):
        if getattr(obj, "last_review_action", None) not in comments.ASKING:
            return ""
        text = obj.last_review_comment or ""
        return format_html('<span class="review-comment" title="{}">{}</span>', text,
                           Truncator(text).chars(90))

    def get_list_filter(self, request):
        return [ReviewQueueFilter, *super().get_list_filter(request)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_reviewer":
            kwargs["queryset"] = reviewers(self.model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            return
        locked = services.base.lock(obj)
        # The copy edited was loaded before the lock: the workflow's columns are the row's.
        for name in ("status", "publish_at", "expire_at", "published_at", "approved_fingerprint",
                     "approved_by_id", "approved_at", "submitted_by_id", "submitted_at"):
            setattr(obj, name, getattr(locked, name))
        if locked.is_on_air:
            request._workflow_savepoint = transaction.savepoint()
            obj.version = locked.version
        else:
            obj.version = locked.version + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        savepoint = getattr(request, "_workflow_savepoint", None)
        if savepoint is not None:
            revision = services.store_pending(form.instance, request.user, savepoint)
            review = self._save_review_fields(form)
            if revision is not None:
                messages.warning(request, _("This item is live: your edit awaits a reviewer's "
                                 "approval. The public keeps reading the approved text.") + review)
            else:
                messages.info(request, _("Nothing readers see changed.") + review)
        elif change and services.after_direct_edit(form.instance, request.user):
            messages.warning(request, _("Your edit voided the approval: it is back in review."))

    REVIEW_FIELDS = ("assigned_reviewer", "review_due")

    def _save_review_fields(self, form) -> str:
        """Who reviews and by when are not content: on a live item they are saved at once,
        outside the revision (store_pending rolled the whole save back)."""
        changed = [name for name in self.REVIEW_FIELDS if name in form.changed_data]
        if not changed:
            return ""
        obj = form.instance
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{name: getattr(obj, name) for name in changed}
        )
        return " " + _("Reviewer and review date saved.")

    # --- the change page -----------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        extra_context = {**(extra_context or {}), **(self.workflow_context(request, obj) if obj else {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, obj) -> dict:
        user = request.user
        available = {t.action: t for t in flow.available(obj, user)}
        pending = services.pending_revision(obj)
        may_share = previews.may_share(user, self.model)
        fingerprint = content.item_fingerprint(obj)
        previous = comments.previous_reviewer(obj)
        return {
            "wf": {
                "status": Status(obj.status),
                "available": available,
                "request": comments.latest_request(obj),
                "submit_form": forms.SubmitForm(
                    reviewers=reviewers(self.model),
                    initial={"assigned_reviewer": previous.pk if previous else None},
                    auto_id="wf-%s",  # the item's own form has an assigned_reviewer too
                ),
                "approve_form": forms.ApproveForm(
                    initial={"schedule": True, "fingerprint": fingerprint}, auto_id="wf-%s"
                ),
                "fingerprint": fingerprint,
                "options": flow.describe_options(obj.status),
                "pending": pending,
                "may_review": flow.has_role(user, self.model, flow.Role.REVIEWER),
                "entries": AuditEntry.for_item(obj).select_related("actor")[:50],
                "links": [
                    (link, request.build_absolute_uri(link.get_absolute_url()),
                     self._url("revoke", obj, link.pk))
                    for link in PreviewLink.for_item(obj).filter(
                        revoked_at__isnull=True, expires_at__gt=timezone.now()
                    )
                ] if may_share else [],
                "may_share": may_share and obj.status == Status.APPROVED
                and obj.publish_at and obj.publish_at > timezone.now(),
                "missed": self.model.objects.missed().filter(pk=obj.pk).exists(),
                "urls": {
                    **{action: self._url("transition", obj, action) for action in self.FORMS},
                    "versions": self._url("versions", obj),
                    "link": self._url("link", obj),
                    "pending": self._url("revision", obj, pending.pk) if pending else "",
                },
            }
        }

    def _url(self, name, obj, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_wf_{name}", args=[obj.pk, *args])

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_wf_"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/workflow/<str:action>/", wrap(self.transition_view),
                 name=prefix + "transition"),
            path("<path:object_id>/revisions/<int:revision_id>/", wrap(self.revision_view),
                 name=prefix + "revision"),
            path("<path:object_id>/revisions/<int:revision_id>/<str:decision>/",
                 wrap(self.decide_revision_view), name=prefix + "decide"),
            path("<path:object_id>/versions/", wrap(self.versions_view), name=prefix + "versions"),
            path("<path:object_id>/preview-links/", wrap(self.create_link_view),
                 name=prefix + "link"),
            path("<path:object_id>/preview-links/<int:link_id>/revoke/",
                 wrap(self.revoke_link_view), name=prefix + "revoke"),
            *super().get_urls(),
        ]

    def _item(self, request, object_id):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        if not self.has_view_or_change_permission(request, obj):
            raise DjangoPermissionDenied
        return obj

    def _back(self, obj):
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    def _refuse(self, request, obj, *, error=None, form=None, action="", status=400):
        """A refusal page. The form comes back (to correct and send again) only when the
        input was wrong; what can never succeed offers no "try again"."""
        asked = flow.ASKED.get(action)
        title = gettext("Could not %(asked)s") % {"asked": asked} if asked else gettext("Not done")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": obj, "title": title,
            "error": error, "form": form, "action": action,
            "retry": form is not None and bool(action),
            "action_url": self._url("transition", obj, action) if action else "",
            "options": flow.describe_options(obj.status), "status": Status(obj.status),
        }
        return TemplateResponse(request, "workflow/refused.html", context, status=status)

    # --- transitions -----------------------------------------------------------

    FORMS = {
        "submit": forms.SubmitForm,
        "approve": forms.ApproveForm,
        "request_changes": forms.RequestChangesForm,
        "reopen": forms.CommentForm,
        "unpublish": forms.CommentForm,
    }

    @staticmethod
    def _call(action, obj, user, data):
        comment = data.get("comment", "")
        if action == "submit":
            services.submit(obj, user, comment=comment,
                            assigned_reviewer=data.get("assigned_reviewer"),
                            review_due=data.get("review_due"))
        elif action == "approve":
            services.approve(obj, user, data.get("publish_at"), data.get("expire_at"),
                             comment=comment, expected_fingerprint=data.get("fingerprint") or None)
        elif action == "request_changes":
            services.request_changes(obj, user, comment)
        elif action == "reopen":
            services.reopen(obj, user, comment=comment)
        elif action == "unpublish":
            services.unpublish(obj, user, comment=comment)

    def transition_view(self, request, object_id, action):
        return require_POST(self._transition)(request, object_id, action)

    def _transition(self, request, object_id, action):
        obj = self._item(request, object_id)
        if action not in self.FORMS:
            raise Http404("No such transition.")
        form_class = self.FORMS[action]
        kwargs = {"reviewers": reviewers(self.model)} if action == "submit" else {}
        form = form_class(request.POST, **kwargs)
        if not form.is_valid():
            return self._refuse(request, obj, form=form, action=action, status=400)
        try:
            self._call(action, obj, request.user, form.cleaned_data)
        except NewsroomError as error:
            # A schedule the service refused can be corrected; a refusal cannot.
            retry = form if isinstance(error, services.InvalidInput) else None
            if retry is not None:
                retry.add_error(None, str(error))
            return self._refuse(request, obj, error=None if retry else str(error), form=retry,
                                action=action, status=error_status(error))
        messages.success(request, gettext("“%(item)s” was %(past)s: it is now %(state)s.") % {
            "item": obj, "past": flow.PAST.get(action, action), "state": Status(obj.status).label,
        })
        return self._back(obj)

    # --- revisions and versions ------------------------------------------------

    def revision_view(self, request, object_id, revision_id):
        obj = self._item(request, object_id)
        revision = Revision.for_item(obj).filter(pk=revision_id).first()
        if revision is None:
            raise Http404("No such revision.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": obj, "revision": revision,
            "title": gettext("Edit awaiting review: %(item)s") % {"item": obj},
            "changes": content.diff(self.model, content.snapshot(obj), revision.data),
            "may_review": flow.has_role(request.user, self.model, flow.Role.REVIEWER),
            "approve_url": self._url("decide", obj, revision.pk, "approve"),
            "discard_url": self._url("decide", obj, revision.pk, "discard"),
            "send_back_url": self._url("decide", obj, revision.pk, "send_back"),
        }
        return TemplateResponse(request, "workflow/revision.html", context)

    DECISIONS = {
        "approve": (services.approve_revision, _("The edit is live.")),
        "send_back": (services.send_back_revision,
                      _("The edit was sent back to its author with your comment; the public "
                        "keeps reading the approved text.")),
        "discard": (services.discard_revision, _("Edit discarded.")),
    }

    def decide_revision_view(self, request, object_id, revision_id, decision):
        return require_POST(self._decide)(request, object_id, revision_id, decision)

    def _decide(self, request, object_id, revision_id, decision):
        obj = self._item(request, object_id)
        revision = Revision.for_item(obj).filter(pk=revision_id).first()
        if revision is None or decision not in self.DECISIONS:
            raise Http404("No such revision.")
        comment = request.POST.get("comment", "")
        try:
            self.DECISIONS[decision][0](revision, request.user, comment=comment)
        except NewsroomError as error:
            return self._refuse(request, obj, error=str(error), status=error_status(error))
        messages.success(request, str(self.DECISIONS[decision][1]))
        return self._back(obj)

    def versions_view(self, request, object_id):
        """Compare any two versions (read-only, so a GET)."""
        obj = self._item(request, object_id)
        versions = {str(r.pk): r for r in Revision.for_item(obj).exclude(state="discarded")}
        choices = forms.compare_choices(obj)
        old_key = request.GET.get("a") or (choices[1][0] if len(choices) > 1 else "current")
        new_key = request.GET.get("b") or "current"

        def data(key):
            return content.snapshot(obj) if key not in versions else versions[key].data

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": obj,
            "title": gettext("Versions of %(item)s") % {"item": obj},
            "choices": choices, "a": old_key, "b": new_key,
            "changes": content.diff(self.model, data(old_key), data(new_key)),
        }
        return TemplateResponse(request, "workflow/versions.html", context)

    # --- preview links -----------------------------------------------------------

    def create_link_view(self, request, object_id):
        return require_POST(self._create_link)(request, object_id)

    def _create_link(self, request, object_id):
        obj = self._item(request, object_id)
        form = forms.PreviewLinkForm(request.POST)
        if not form.is_valid():
            return self._refuse(request, obj, form=form, status=400)
        try:
            link = services.create_preview_link(
                obj, request.user, expires_at=form.cleaned_data.get("expires_at")
            )
        except NewsroomError as error:
            return self._refuse(request, obj, error=str(error), status=error_status(error))
        messages.success(request, format_html(
            _("Preview link (until {}): <code>{}</code>"),
            timezone.localtime(link.expires_at).strftime("%Y-%m-%d %H:%M %Z"),
            request.build_absolute_uri(link.get_absolute_url()),
        ))
        return self._back(obj)

    def revoke_link_view(self, request, object_id, link_id):
        return require_POST(self._revoke_link)(request, object_id, link_id)

    def _revoke_link(self, request, object_id, link_id):
        obj = self._item(request, object_id)
        link = PreviewLink.for_item(obj).filter(pk=link_id).first()
        if link is None:
            raise Http404("No such link.")
        try:
            services.revoke_preview_link(link, request.user)
        except NewsroomError as error:
            return self._refuse(request, obj, error=str(error), status=error_status(error))
        messages.success(request, _("Preview link revoked."))
        return self._back(obj)

    # --- bulk actions (each item through the same service) ------------------------

    def _bulk(self, request, queryset, call, done: str):
        ok, failed = 0, []
        for obj in queryset:
            try:
                call(obj, request.user)
                ok += 1
            except NewsroomError as error:
                failed.append(f"“{obj}”: {error}")
        if ok:
            messages.success(request, f"{done}: {ok}.")  # done is translated by the caller
        for message in failed:
            messages.error(request, message)

    @admin.action(description=_("Submit selected for review"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, services.submit, gettext("Submitted"))

    @admin.action(description=_("Unpublish selected"))
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, services.unpublish, gettext("Unpublished"))

    @admin.display(description=_("schedule"), ordering="publish_at")
    def schedule(self, obj):
        if obj.publish_at is None:
            return "—"
        local = timezone.localtime(obj.publish_at).strftime("%Y-%m-%d %H:%M")
        if obj.status == Status.APPROVED and obj.publish_at > timezone.now():
            return format_html("<span title='{}'>⏳ {}</span>", gettext("embargoed"), local)
        return local


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at", "action", "item_link", "actor", "from_status", "to_status", "comment",
    ]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The items of a page in one query per model, not one per row (a generic FK).
        items = [apps.get_model(label)._base_manager.all() for label in WORKFLOW_MODELS]
        return super().get_queryset(request).prefetch_related(GenericPrefetch("item", items))

    @admin.display(description=gettext_lazy("item"))
    def item_link(self, entry):
        item = entry.item
        if item is None:
            return _("%(kind)s #%(id)s (deleted)") % {"kind": entry.content_type.name, "id": entry.object_id}
        opts = item._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        return format_html('<a href="{}">{}</a>', url, item)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

# The in-admin notifications (registered from their own module to keep this one small).
from newsroom.workflow import notices_admin  # noqa: E402,F401
