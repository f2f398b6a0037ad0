"""Password hashing with argon2id (argon2-cffi's defaults), rehashed when parameters change."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified when no account matches, so a wrong e-mail costs as much time as a wrong password.
_DUMMY = _hasher.hash("planner-dummy-password")

MIN_LENGTH = 10


def configure(hasher: PasswordHasher) -> None:
    """Use other argon2 parameters (the tests use cheap ones; production keeps the defaults)."""
    global _hasher, _DUMMY
    _hasher = hasher
    _DUMMY = hasher.hash("planner-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
