"""The workflow as data: which transition leads from which state, and who may take it.

Refusals are sentences written for the person refused, in their language: the
item's state, what they asked, and who may do it, never an action's code name.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.core.errors import PermissionDenied, TransitionNotAllowed
from newsroom.workflow.models import Status


class Role(models.TextChoices):
    EDITOR = "editor", _("editors")
    REVIEWER = "reviewer", _("reviewers")
    SYSTEM = "system", _("the scheduler")


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # lazily translated
    source: Status
    target: Status
    role: Role


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", _("Submit for review"), Status.DRAFT, Status.IN_REVIEW, Role.EDITOR),
    # An editor answers a reviewer's comment by resubmitting: no "back to draft" step first.
    Transition(
        "submit", _("Submit for review again"), Status.CHANGES_REQUESTED, Status.IN_REVIEW,
        Role.EDITOR,
    ),
    Transition("approve", _("Approve"), Status.IN_REVIEW, Status.APPROVED, Role.REVIEWER),
    Transition(
        "request_changes", _("Request changes"), Status.IN_REVIEW, Status.CHANGES_REQUESTED,
        Role.REVIEWER,
    ),
    Transition("reopen", _("Back to draft"), Status.CHANGES_REQUESTED, Status.DRAFT, Role.EDITOR),
    Transition("reopen", _("Back to draft"), Status.UNPUBLISHED, Status.DRAFT, Role.EDITOR),
    Transition("publish", _("Publish"), Status.APPROVED, Status.PUBLISHED, Role.SYSTEM),
    Transition("unpublish", _("Unpublish"), Status.PUBLISHED, Status.UNPUBLISHED, Role.REVIEWER),
    # Withdrawing an approval (scheduled, or due but not yet recorded).
    Transition("unpublish", _("Unpublish"), Status.APPROVED, Status.UNPUBLISHED, Role.REVIEWER),
    Transition("expire", _("Expire"), Status.PUBLISHED, Status.UNPUBLISHED, Role.SYSTEM),
    Transition("expire", _("Expire"), Status.APPROVED, Status.UNPUBLISHED, Role.SYSTEM),
    # An edit of an approved, not yet public item voids the approval (see services.edit).
    Transition("void_approval", _("Approval voided"), Status.APPROVED, Status.IN_REVIEW,
               Role.EDITOR),
)

# state -> action -> transition
FLOW: dict[str, dict[str, Transition]] = {}
for _t in TRANSITIONS:
    FLOW.setdefault(_t.source, {})[_t.action] = _t

PAST = {
    "submit": _("submitted for review"),
    "approve": _("approved"),
    "request_changes": _("sent back with changes requested"),
    "reopen": _("moved back to draft"),
    "publish": _("published"),
    "unpublish": _("unpublished"),
    "expire": _("expired"),
}

# What each audit row records, as the history and notifications name it.
ACTION_NAMES = {
    "submit": _("Submitted for review"),
    "approve": _("Approved"),
    "request_changes": _("Changes requested"),
    "reopen": _("Moved back to draft"),
    "publish": _("Published"),
    "unpublish": _("Unpublished"),
    "expire": _("Expired"),
    "void_approval": _("Approval voided by an edit"),
    "revision_submitted": _("Edit of live content submitted"),
    "revision_approved": _("Edit of live content approved"),
    "revision_discarded": _("Edit of live content discarded"),
    "revision_superseded": _("Edit carried into a newer one"),
    "revision_sent_back": _("Edit of live content sent back"),
    "missed_schedule": _("Schedule failed"),
}

# "Only reviewers may approve it": one whole sentence per action, for translators.
ONLY_ROLE = {
    "submit": _("This %(name)s is %(state)s: only editors may submit it for review."),
    "approve": _("This %(name)s is %(state)s: only reviewers may approve it."),
    "request_changes": _("This %(name)s is %(state)s: only reviewers may request changes."),
    "reopen": _("This %(name)s is %(state)s: only editors may move it back to draft."),
    "unpublish": _("This %(name)s is %(state)s: only reviewers may unpublish it."),
}
# What a person asked for, as a refusal's title says it.
ASKED = {
    "submit": _("submit it for review"),
    "approve": _("approve it"),
    "request_changes": _("request changes"),
    "reopen": _("move it back to draft"),
    "unpublish": _("unpublish it"),
}

# What a person may press (the rest happen to them).
BUTTON_ACTIONS = ("submit", "approve", "request_changes", "reopen", "unpublish")


def action_name(action: str) -> str:
    return str(ACTION_NAMES.get(action, action.replace("_", " ")))


def permission(model, role: Role) -> str:
    opts = model._meta
    verb = "review" if role == Role.REVIEWER else "change"
    return f"{opts.app_label}.{verb}_{opts.model_name}"


def has_role(user, model, role: Role) -> bool:
    if role == Role.SYSTEM:
        return False
    return bool(user and user.is_active and user.has_perm(permission(model, role)))


def describe_options(status: str) -> str:
    options = [
        gettext("%(action)s (%(role)s)") % {"action": str(t.label).lower(), "role": t.role.label}
        for t in FLOW.get(status, {}).values()
        if t.action in BUTTON_ACTIONS
    ]
    return gettext("; ").join(options) if options else gettext("nothing, it is final")


def _names(item) -> dict:
    return {"name": item._meta.verbose_name, "state": Status(item.status).label}



def find(item, action: str) -> Transition:
    """The transition `action` from the item's state, or a TransitionNotAllowed naming options."""
    transition = FLOW.get(item.status, {}).get(action)
    if transition is None:
        names = {**_names(item), "past": PAST.get(action, action.replace("_", " ")),
                 "options": describe_options(item.status)}
        raise TransitionNotAllowed(
            gettext("This %(name)s is %(state)s: it cannot be %(past)s now. "
               "What can happen next: %(options)s.") % names
        )
    return transition


def check(item, action: str, user) -> Transition:
    """The transition, once the user may take it now; domain errors otherwise."""
    transition = find(item, action)
    if not has_role(user, type(item), transition.role):
        sentence = ONLY_ROLE.get(action) or _("This %(name)s is %(state)s: only %(role)s may do that.")
        raise PermissionDenied(str(sentence) % {**_names(item), "role": transition.role.label})
    if action == "approve":
        check_not_own(item.submitted_by_id, user)
    return transition


def may(item, action: str, user) -> bool:
    try:
        check(item, action, user)
    except (PermissionDenied, TransitionNotAllowed):
        return False
    return True


def check_not_own(author_id, user) -> None:
    if author_id is not None and author_id == user.pk and not settings.NEWSROOM_ALLOW_SELF_APPROVAL:
        raise PermissionDenied(
            gettext("You submitted this yourself, and nobody approves their own submission: "
               "another reviewer must.")
        )


def available(item, user) -> list[Transition]:
    """Buttons this user may press on this item now."""
    return [
        transition for action, transition in FLOW.get(item.status, {}).items()
        if action in BUTTON_ACTIONS and may(item, action, user)
    ]
