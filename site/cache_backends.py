"""The shared cache's backends: Django's Redis cache without the memcached key check, and one
for caches that are only a shortcut to the database (Wagtail's renditions, sessions)."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from .cache import CACHE_UNAVAILABLE

logger = logging.getLogger(__name__)


class RedisCache(DjangoRedisCache):
    """Django's ``RedisCache``, minus the warning about keys memcached could not store.

    Django checks every key on every call for memcached's limits (250 characters, no spaces
    or control characters), walking it one character at a time in Python: some 3 µs a key.
    Redis takes any key, and a page asks for many (a hit three, a signed-in article dozens),
    so the check only cost time: about 8 µs of a hit, and more on a signed-in page.
    """

    def validate_key(self, key):
        pass


class ShortcutRedisCache(RedisCache):
    """A Redis cache whose every answer the database also has: an unreachable Redis counts
    as a miss, and what would be kept or forgotten is let go, with a warning.

    For Wagtail's renditions (which file holds which size of a picture): Wagtail reads them
    from its cache before the database and does not expect that cache to fail, so without
    this every page with a picture answered with an error while Redis was away. For Django's
    ``cached_db`` sessions too: they raise when keeping a session just read from the database
    (every signed-in request), checking that a new key is free (every sign-in) and forgetting
    one (every sign-out). Not for the page cache, whose purges must fail loudly
    (``vakgenoten.cache``).

    What a partition leaves behind (Redis kept running, this node could not reach it): what
    was forgotten meanwhile may be read once more after it is back, for as long as Redis keeps
    it: a rendition of a changed focal point, an ended session. A Redis that restarts keeps
    nothing (it writes nothing to disk).
    """

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return list(data)  # Django's way of saying these were not kept

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except CACHE_UNAVAILABLE as error:
            _warn(error)
            return False


def _warn(error):
    logger.warning("cache unavailable, reading the database instead: %s", error)
