"""Login throttling as OWASP recommends, with every counter in the database (all processes).

A failure from an unknown device counts for the (account, address) pair, for the account and
for the address. The pair locks after a few failures, so one client cannot guess; the account
locks after more, so many addresses together cannot guess either; the address locks only after
many failures, so one person behind a hospital's NAT cannot lock out everyone else there.
A known device (a signed cookie from an earlier successful login to that account, see
planner/auth/devices.py) is counted on its own and is not locked out by failures elsewhere.
Every count is over a sliding window of minutes: old failures stop counting by themselves.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from planner.auth.models import LoginFailure
from planner.extensions import db


@dataclass(frozen=True)
class Limit:
    failures: int  # this many failures within the window lock the key
    window: timedelta


PAIR = Limit(5, timedelta(minutes=15))  # one account from one address
DEVICE = Limit(5, timedelta(minutes=15))  # a known device; past it the device is unknown
ACCOUNT = Limit(20, timedelta(hours=1))  # one account from unknown devices anywhere
ADDRESS = Limit(100, timedelta(hours=1))  # one address, whatever the accounts
LONGEST_WINDOW = max(PAIR.window, DEVICE.window, ACCOUNT.window, ADDRESS.window)


def _minute(moment: datetime) -> int:
    return int(moment.timestamp() // 60)


def address_key(address: str) -> str:
    """An IPv6 client is free to pick any address in its /64, so that is the unit counted."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return f"address:{address[:250]}"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return f"address:{parsed.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{parsed}/64', strict=False)}"
    return f"address:{parsed}"


def pair_key(email: str, address: str) -> str:
    return f"pair:{email[:120]}|{address_key(address)}"[:300]


def account_key(email: str) -> str:
    return f"account:{email[:250]}"


def device_key(device_id: str) -> str:
    return f"device:{device_id[:250]}"


def failures(keys: list[str], now: datetime) -> dict[str, int]:
    """How many failures each key has within the longest window (per key: see ``locked``)."""
    rows = db.session.execute(
        select(LoginFailure.key, LoginFailure.minute, LoginFailure.count).where(
            LoginFailure.key.in_(keys), LoginFailure.minute > _minute(now - LONGEST_WINDOW)
        )
    )
    return {key: 0 for key in keys} | _sum_per_key(rows, now)


def _sum_per_key(rows, now: datetime) -> dict[str, int]:
    totals: dict[str, int] = {}
    for key, minute, count in rows:
        if minute > _minute(now - limit_of(key).window):
            totals[key] = totals.get(key, 0) + count
    return totals


def limit_of(key: str) -> Limit:
    return {"pair": PAIR, "device": DEVICE, "account": ACCOUNT, "address": ADDRESS}[
        key.split(":", 1)[0]
    ]


def over_limit(key: str, count: int) -> bool:
    return count >= limit_of(key).failures


def locked(keys: list[str], now: datetime) -> bool:
    return any(over_limit(key, count) for key, count in failures(keys, now).items())


def record_failure(keys: list[str], now: datetime) -> None:
    """One atomic upsert per key, so parallel attempts in several processes neither lose
    increments nor collide on the first insert."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    for key in keys:
        statement = insert(LoginFailure).values(key=key, minute=_minute(now), count=1)
        db.session.execute(
            statement.on_conflict_do_update(
                index_elements=[LoginFailure.key, LoginFailure.minute],
                set_={"count": LoginFailure.count + 1},
            )
        )


def clear(keys: list[str]) -> None:
    """Forget the failures of keys a successful login has proved to be the owner's."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.key.in_(keys)))


def purge(now: datetime) -> int:
    """Delete counters too old to count; returns how many rows went."""
    result = db.session.execute(
        delete(LoginFailure).where(LoginFailure.minute <= _minute(now - LONGEST_WINDOW))
    )
    return result.rowcount or 0
