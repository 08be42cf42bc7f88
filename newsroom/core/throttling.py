"""Login throttling (django-axes): a username tried from one address is locked after a few
wrong passwords, so one attacker cannot lock everyone out, nor guess on."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottle(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    Only a login form has a request; authenticate() without one (the test client's
    login(), a shell script) is nobody typing at the door, and axes cannot count it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The reader's address: the proxy's header when one is trusted (CLIENT_IP_HEADER), else
    the socket's. Behind nginx every REMOTE_ADDR is 127.0.0.1, one address for everyone."""
    header = settings.NEWSROOM_CLIENT_IP_HEADER
    if header:
        # The right-most entry is the one our own proxy wrote; the rest came from the client.
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")
