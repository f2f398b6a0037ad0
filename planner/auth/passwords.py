"""Password hashing with argon2id, rehashed on login when the parameters change.

The cost is a setting, ``PASSWORD_HASH`` (environment ``PLANNER_PASSWORD_HASH``):
``argon2id`` (the default, argon2-cffi's own: RFC 9106's low-memory profile, about 0.2-0.4 s
per hash here) or ``cheapest`` (argon2-cffi's profile for tests, microseconds: the test suite
sets it). A hash made at another cost is rehashed at the app's cost on the next login.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, has_app_context

MIN_LENGTH = 10
# Stored for accounts that log in only through single sign-on: no password matches it (it is
# no hash), so the password form refuses them until an administrator sets one.
NO_PASSWORD = "!single-sign-on-only"  # noqa: S105 - a marker, never a password

PRODUCTION = "argon2id"
COSTS = {PRODUCTION: profiles.RFC_9106_LOW_MEMORY, "cheapest": profiles.CHEAPEST}
_KEY = "planner.password_hash"


@dataclass(frozen=True)
class _Hashing:
    hasher: PasswordHasher
    # Verified when no account matches, so a wrong e-mail costs as much time as a wrong
    # password: hashed with the same parameters as real accounts.
    dummy: str


@cache
def _hashing(cost: str) -> _Hashing:
    hasher = PasswordHasher.from_parameters(COSTS[cost])
    return _Hashing(hasher, hasher.hash("planner-dummy-password"))


def init_app(app: Flask) -> None:
    """Check the configured cost and make its dummy hash now, not on the first login."""
    cost = app.config["PASSWORD_HASH"]
    if cost not in COSTS:
        raise ValueError(f"PASSWORD_HASH must be one of {sorted(COSTS)}, not {cost!r}")
    if cost != PRODUCTION and not app.testing:
        logging.getLogger(__name__).warning("PASSWORD_HASH=%s is meant for tests only", cost)
    app.extensions[_KEY] = _hashing(cost)


def _current() -> _Hashing:
    # Outside an app (the benchmark's data generator) the production cost applies.
    if has_app_context() and _KEY in current_app.extensions:
        return current_app.extensions[_KEY]
    return _hashing(PRODUCTION)


def hash_password(password: str) -> str:
    return _current().hasher.hash(password)


def verify(stored: str | None, password: str) -> bool:
    hashing = _current()
    try:
        return hashing.hasher.verify(stored or hashing.dummy, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _current().hasher.check_needs_rehash(stored)
