"""The workflow as data: which transition leads from which state, and who may take it."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.core.errors import PermissionDenied, TransitionNotAllowed
from newsroom.workflow.models import Status


class Role(models.TextChoices):
    EDITOR = "editor", gettext_lazy("editors")
    REVIEWER = "reviewer", gettext_lazy("reviewers")
    SYSTEM = "system", gettext_lazy("the scheduler")


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # lazily translated
    source: Status
    target: Status
    role: Role


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", gettext_lazy("Submit for review"), Status.DRAFT, Status.IN_REVIEW, Role.EDITOR),
    Transition("approve", gettext_lazy("Approve"), Status.IN_REVIEW, Status.APPROVED, Role.REVIEWER),
    Transition(
        "request_changes", gettext_lazy("Request changes"), Status.IN_REVIEW, Status.CHANGES_REQUESTED,
        Role.REVIEWER,
    ),
    Transition("reopen", gettext_lazy("Back to draft"), Status.CHANGES_REQUESTED, Status.DRAFT, Role.EDITOR),
    Transition("reopen", gettext_lazy("Back to draft"), Status.UNPUBLISHED, Status.DRAFT, Role.EDITOR),
    Transition("publish", gettext_lazy("Publish"), Status.APPROVED, Status.PUBLISHED, Role.SYSTEM),
    Transition("unpublish", gettext_lazy("Unpublish"), Status.PUBLISHED, Status.UNPUBLISHED, Role.REVIEWER),
    # Withdrawing an approval (scheduled, or due but not yet recorded).
    Transition("unpublish", gettext_lazy("Unpublish"), Status.APPROVED, Status.UNPUBLISHED, Role.REVIEWER),
    Transition("expire", gettext_lazy("Expire"), Status.PUBLISHED, Status.UNPUBLISHED, Role.SYSTEM),
    Transition("expire", gettext_lazy("Expire"), Status.APPROVED, Status.UNPUBLISHED, Role.SYSTEM),
    # An edit of an approved, not yet public item voids the approval (see services.edit).
    Transition("void_approval", gettext_lazy("Approval voided"), Status.APPROVED, Status.IN_REVIEW, Role.EDITOR),
)

# state -> action -> transition
FLOW: dict[str, dict[str, Transition]] = {}
for _t in TRANSITIONS:
    FLOW.setdefault(_t.source, {})[_t.action] = _t

PAST = {
    "submit": gettext_lazy("submitted for review"),
    "approve": gettext_lazy("approved"),
    "request_changes": gettext_lazy("sent back with changes requested"),
    "reopen": gettext_lazy("moved back to draft"),
    "publish": gettext_lazy("published"),
    "unpublish": gettext_lazy("unpublished"),
    "expire": gettext_lazy("expired"),
}

# What a person may press (the rest happen to them).
BUTTON_ACTIONS = ("submit", "approve", "request_changes", "reopen", "unpublish")


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
        _("%(action)s (%(role)s)") % {"action": t.label.lower(), "role": t.role.label}
        for t in FLOW.get(status, {}).values()
        if t.action in BUTTON_ACTIONS
    ]
    return _("; ").join(options) if options else _("nothing, it is final")


def label_of(action: str) -> str:
    """What a person calls an action ("request changes"), never its code name."""
    for transition in TRANSITIONS:
        if transition.action == action:
            return str(transition.label).lower()
    return _("do that")


def find(item, action: str) -> Transition:
    """The transition `action` from the item's state, or a TransitionNotAllowed naming options."""
    transition = FLOW.get(item.status, {}).get(action)
    if transition is None:
        name = item._meta.verbose_name
        state = Status(item.status).label
        raise TransitionNotAllowed(
            _("This %(name)s is %(state)s: it cannot be %(done)s now."
              " From %(state)s, possible: %(options)s.") % {
                "name": name, "state": state, "done": PAST.get(action, action),
                "options": describe_options(item.status),
            }
        )
    return transition


def check(item, action: str, user) -> Transition:
    """The transition, once the user may take it now; domain errors otherwise."""
    transition = find(item, action)
    if not has_role(user, type(item), transition.role):
        raise PermissionDenied(
            _("Only %(role)s may %(action)s this %(name)s.") % {
                "role": transition.role.label, "action": transition.label.lower(),
                "name": item._meta.verbose_name,
            }
        )
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
        raise PermissionDenied(_("Nobody approves their own submission: another reviewer must."))


def available(item, user) -> list[Transition]:
    """Buttons this user may press on this item now."""
    return [
        transition for action, transition in FLOW.get(item.status, {}).items()
        if action in BUTTON_ACTIONS and may(item, action, user)
    ]
