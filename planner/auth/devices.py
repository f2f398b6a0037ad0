"""Known devices (OWASP "device cookies"): after a successful login the browser gets a signed,
long-lived cookie naming the account and a random device id. A login to that account from that
browser is counted on its own, so failures from elsewhere cannot lock it out."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "planner_device"
LIFETIME = timedelta(days=365)


@dataclass(frozen=True)
class Device:
    user_id: int
    device_id: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="planner-known-device")


def presented() -> Device | None:
    """The valid device cookie this request carries, if any."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 500:
        return None
    try:
        data = _serializer().loads(raw, max_age=int(LIFETIME.total_seconds()))
        return Device(int(data["u"]), str(data["d"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


def remember(response: Response, user_id: int) -> None:
    """Name ``user_id`` in this browser's device cookie (keeping its id if it already named
    that account)."""
    device = presented()
    device_id = device.device_id if device and device.user_id == user_id else None
    value = _serializer().dumps({"u": user_id, "d": device_id or secrets.token_urlsafe(16)})
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
