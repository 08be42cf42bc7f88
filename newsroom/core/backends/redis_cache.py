"""Django's Redis cache, reusing one redis-py client per server.

Django's RedisCacheClient builds a new redis.Redis around its connection pool
for every cache call; building one fills a table of ~160 response callbacks,
~0.2 ms, more than the GET itself on this machine (every public page reads the
purge generation). A redis.Redis holds no connection of its own (it borrows
one from the pool per command) and is safe to share between threads; the pool
reopens its connections after a fork.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
