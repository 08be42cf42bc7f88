"""Domain errors: raised by services, shown to people as they are."""


class NewsroomError(Exception):
    """Base of the errors a person can act on; the message is written for them."""


class TransitionNotAllowed(NewsroomError):
    pass


class PermissionDenied(NewsroomError):
    pass


class StaleEdit(NewsroomError):
    """Somebody else saved the item since this copy was loaded."""
