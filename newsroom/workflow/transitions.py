"""The workflow as data: which transition leads from which state, and who may take it."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models

from newsroom.core.errors import PermissionDenied, TransitionNotAllowed
from newsroom.workflow.models import Status


class Role(models.TextChoices):
    EDITOR = "editor", "editors"
    REVIEWER = "reviewer", "reviewers"
    SYSTEM = "system", "the scheduler"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: Status
    target: Status
    role: Role


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", "Submit for review", Status.DRAFT, Status.IN_REVIEW, Role.EDITOR),
    Transition("approve", "Approve", Status.IN_REVIEW, Status.APPROVED, Role.REVIEWER),
    Transition(
        "request_changes", "Request changes", Status.IN_REVIEW, Status.CHANGES_REQUESTED,
        Role.REVIEWER,
    ),
    Transition("reopen", "Back to draft", Status.CHANGES_REQUESTED, Status.DRAFT, Role.EDITOR),
    Transition("reopen", "Back to draft", Status.UNPUBLISHED, Status.DRAFT, Role.EDITOR),
    Transition("publish", "Publish", Status.APPROVED, Status.PUBLISHED, Role.SYSTEM),
    Transition("unpublish", "Unpublish", Status.PUBLISHED, Status.UNPUBLISHED, Role.REVIEWER),
    # Withdrawing an approval (scheduled, or due but not yet recorded).
    Transition("unpublish", "Unpublish", Status.APPROVED, Status.UNPUBLISHED, Role.REVIEWER),
    Transition("expire", "Expire", Status.PUBLISHED, Status.UNPUBLISHED, Role.SYSTEM),
    Transition("expire", "Expire", Status.APPROVED, Status.UNPUBLISHED, Role.SYSTEM),
    # An edit of an approved, not yet public item voids the approval (see services.edit).
    Transition("void_approval", "Approval voided", Status.APPROVED, Status.IN_REVIEW, Role.EDITOR),
)

# state -> action -> transition
FLOW: dict[str, dict[str, Transition]] = {}
for _t in TRANSITIONS:
    FLOW.setdefault(_t.source, {})[_t.action] = _t

PAST = {
    "submit": "submitted for review",
    "approve": "approved",
    "request_changes": "sent back with changes requested",
    "reopen": "moved back to draft",
    "publish": "published",
    "unpublish": "unpublished",
    "expire": "expired",
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
        f"{t.label.lower()} ({t.role.label})"
        for t in FLOW.get(status, {}).values()
        if t.action in BUTTON_ACTIONS
    ]
    return "; ".join(options) if options else "nothing, it is final"


def find(item, action: str) -> Transition:
    """The transition `action` from the item's state, or a TransitionNotAllowed naming options."""
    transition = FLOW.get(item.status, {}).get(action)
    if transition is None:
        name = item._meta.verbose_name
        state = Status(item.status).label
        raise TransitionNotAllowed(
            f"This {name} is {state}: it cannot be {PAST.get(action, action)} now."
            f" From {state}, possible: {describe_options(item.status)}."
        )
    return transition


def check(item, action: str, user) -> Transition:
    """The transition, once the user may take it now; domain errors otherwise."""
    transition = find(item, action)
    if not has_role(user, type(item), transition.role):
        raise PermissionDenied(
            f"Only {transition.role.label} may {transition.label.lower()} this "
            f"{item._meta.verbose_name}."
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
        raise PermissionDenied("Nobody approves their own submission: another reviewer must.")


def available(item, user) -> list[Transition]:
    """Buttons this user may press on this item now."""
    return [
        transition for action, transition in FLOW.get(item.status, {}).items()
        if action in BUTTON_ACTIONS and may(item, action, user)
    ]
