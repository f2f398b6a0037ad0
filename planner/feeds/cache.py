"""Finished feed bodies kept in each process, keyed by the feed's validator.

Why a per-process cache is correct here: the key is the ETag the feed already answers 304
with (it changes whenever a row behind the feed, the subscription, its organisation's name or
the day changes) together with the address root and language the body was built for. A stale
body could only be served for the same key, and then a calendar already holding the old body
would be told "unchanged" by the 304 as well. Several processes each keep their own copy and
each builds a changed feed once; nothing is shared, so nothing needs invalidating. The size is
bounded in bytes (PLANNER_FEED_CACHE_BYTES, 0 turns it off); the least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class BodyCache:
    """Finished things by a key that changes whenever their data does, least recently used
    dropped first beyond ``limit`` (in bytes, or in what ``size`` measures)."""

    def __init__(self, size: Callable[[Any], int] = len) -> None:
        self._bodies: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = 0
        self._measure = size
        self._lock = threading.Lock()  # gthread workers share a process

    def get_or_build(self, key: Hashable, limit: int, build: Callable[[], Any]) -> Any:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                return body
        body = build()  # outside the lock: two threads may both build, both get the same
        if 0 < self._measure(body) <= limit:
            with self._lock:
                if key not in self._bodies:
                    self._bodies[key] = body
                    self._size += self._measure(body)
                while self._size > limit:
                    _old, dropped = self._bodies.popitem(last=False)
                    self._size -= self._measure(dropped)
        return body

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._size = 0


bodies = BodyCache()
