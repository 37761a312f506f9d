"""Sessions in the database, read through the shared cache, that outlive a Redis outage.

Django's ``cached_db`` store already reads past a cache that fails, but three of its steps
still raise when Redis is unreachable: keeping a session it just read from the database,
checking that a new session key is free (every sign-in), and forgetting a session (every
sign-out). Each would turn a member's request into a server error while visitors are still
served (``vakgenoten.cache``). Here the database alone answers then, as it does without Redis.

What a partition leaves behind: a session changed or ended while this node could not reach a
Redis that kept running may be read from the cache in its older state once Redis is back, for
as long as the cache keeps it. A Redis that restarts keeps nothing (it writes nothing to disk).
"""

import logging

from django.contrib.sessions.backends import cached_db

from .cache import CACHE_UNAVAILABLE

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except CACHE_UNAVAILABLE as error:
            # Read from the database already; only keeping it in the cache failed.
            _warn(error)
            session = self._get_session_from_db()
            return self.decode(session.session_data) if session else {}

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return cached_db.DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except CACHE_UNAVAILABLE as error:
            # The database row is gone already: the session no longer signs anyone in there.
            _warn(error)


def _warn(error):
    logger.warning("session cache unavailable, using the database alone: %s", error)
