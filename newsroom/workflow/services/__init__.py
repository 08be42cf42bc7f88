"""The workflow's writes. Every transition: atomic, row locked, one audit row, effects on commit."""

from newsroom.workflow.services.base import InvalidInput, InvalidSchedule
from newsroom.workflow.services.editing import (
    after_direct_edit,
    approve_revision,
    discard_revision,
    edit,
    pending_revision,
    send_back_revision,
    store_pending,
)
from newsroom.workflow.services.previews import create_preview_link, revoke_preview_link
from newsroom.workflow.services.publication import (
    alert_missed,
    record_due_publications,
    record_expiry,
    record_publication,
    sweep,
)
from newsroom.workflow.services.rescheduling import reschedule
from newsroom.workflow.services.transitions import (
    approve,
    reopen,
    request_changes,
    schedule_errors,
    submit,
    unpublish,
)

__all__ = [
    "InvalidInput", "InvalidSchedule", "after_direct_edit", "alert_missed", "approve",
    "approve_revision", "create_preview_link", "discard_revision", "edit", "pending_revision",
    "record_due_publications", "record_expiry", "record_publication", "reopen", "request_changes", "revoke_preview_link",
    "reschedule",
    "schedule_errors", "send_back_revision", "store_pending", "submit", "sweep", "unpublish",
]
