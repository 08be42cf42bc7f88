"""Django's PostgreSQL backend, with a health check that needs no round trip.

With CONN_HEALTH_CHECKS, Django checks a persistent connection before the
first query of every request (and of every Celery task) by running SELECT 1:
one more round trip on every page, as long as the page's own query on an
article detail. Here the check asks libpq instead: PQconsumeInput reads,
without waiting, whatever the server sent while the connection was idle. A
server that restarted or ended the session (pg_terminate_backend, an idle
timeout, a fast shutdown) has sent its FATAL message and closed the socket;
reading both, libpq marks the connection bad, and Django opens a new one before the
query, as it does after a failed SELECT 1.

Between the server's last message and the close of its socket (a moment, at
the end of the server process) the connection still looks open here; a query
in that moment fails where SELECT 1 would have reconnected first.

What neither check sees quickly is a peer that vanished without a word (a
cable pulled): SELECT 1 waits for the TCP timeout and then reconnects; here
the request's own query waits as long and fails (the next request reconnects).

Prepared statements: Django sets psycopg's prepare_threshold to None (off, for
transaction-pooling pgbouncers), and psycopg then ignores even an explicit
prepare=True. Unless OPTIONS names a threshold or PUBLIC_PREPARED_DETAIL is
off, the threshold here is one no query reaches: nothing is prepared
automatically, and the article detail's one statement (newsroom/public/
loading.py) is prepared because it asks.
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import pq

# psycopg prepares a query it has seen this many times; none is seen so often (it
# forgets all but the last 100 queries).
NEVER = 2**62


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if "prepare_threshold" not in self.settings_dict["OPTIONS"] and getattr(
            settings, "PUBLIC_PREPARED_DETAIL", True
        ):
            params["prepare_threshold"] = NEVER
        return params

    def is_usable(self):
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        try:
            # The first read may take the server's last message (FATAL: terminating
            # connection...), the second then meets the closed socket. On a live
            # connection each returns at once with nothing read.
            pgconn.consume_input()
            pgconn.consume_input()
        except base.Database.OperationalError:
            return False
        # As SELECT 1 would: usable when open and not inside a failed transaction.
        return pgconn.status == pq.ConnStatus.OK and pgconn.transaction_status in (
            pq.TransactionStatus.IDLE,
            pq.TransactionStatus.INTRANS,
        )
