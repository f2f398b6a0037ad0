"""Login throttling that cannot be turned against others: per (account, address) pair, per
account from unknown devices, per address with a high limit, in sliding windows; a known
device is not locked out by attempts from elsewhere. Time moves through ``now``, no sleeping."""

from __future__ import annotations

from datetime import timedelta

from planner.auth import devices, services, throttling
from planner.auth.models import LoginFailure
from planner.extensions import db
from planner.models import utcnow
from tests.factories import PASSWORD, commit, make_user
from tests.html import field_error, text

LOCKED = "För många misslyckade försök"
HOSPITAL = {"REMOTE_ADDR": "192.0.2.10"}  # everyone behind the hospital's NAT


def post_login(client, email, password, environ=HOSPITAL):
    return client.post(
        "/logga-in", data={"email": email, "password": password}, environ_base=environ
    )


def test_failures_with_many_emails_do_not_lock_out_a_colleague_at_the_same_address(app):
    make_user("bertil@test.se")
    commit()
    careless, colleague = app.test_client(), app.test_client()
    # Far more than the old five-per-address, with a handful of e-mail addresses.
    for n in range(3 * throttling.PAIR.failures):
        post_login(careless, f"person{n % 8}@test.se", "fel")
    response = post_login(colleague, "bertil@test.se", PASSWORD)
    assert response.status_code == 302, text(response)
    assert colleague.get("/", environ_base=HOSPITAL).status_code == 200


def test_the_pair_locks_but_the_same_account_from_another_address_does_not(app):
    make_user("anna@test.se")
    commit()
    client = app.test_client()
    for _ in range(throttling.PAIR.failures):
        assert LOCKED not in text(post_login(client, "anna@test.se", "fel"))
    assert LOCKED in text(post_login(client, "anna@test.se", PASSWORD))
    elsewhere = post_login(app.test_client(), "anna@test.se", PASSWORD, {"REMOTE_ADDR": "10.9.9.9"})
    assert elsewhere.status_code == 302


def test_the_address_limit_is_high_and_decays(app):
    make_user("anna@test.se")
    now = utcnow()
    address = "198.51.100.7"
    for n in range(throttling.ADDRESS.failures):  # a spray over many accounts
        moment = now + timedelta(seconds=n)
        assert not services.authenticate(f"x{n}@test.se", "fel", address, now=moment).locked
    later = now + timedelta(minutes=2)
    assert services.authenticate("anna@test.se", PASSWORD, address, now=later).locked
    # a sliding window: an hour after the spray the address may log in again
    after_window = now + throttling.ADDRESS.window + timedelta(minutes=2)
    assert services.authenticate("anna@test.se", PASSWORD, address, now=after_window).user


def test_counters_expire_and_a_success_clears_the_pair(app):
    make_user("anna@test.se")
    now = utcnow()
    for _ in range(throttling.PAIR.failures):
        services.authenticate("anna@test.se", "fel", "10.0.0.1", now=now)
    assert services.authenticate("anna@test.se", PASSWORD, "10.0.0.1", now=now).locked
    almost = now + throttling.PAIR.window - timedelta(minutes=1)
    assert services.authenticate("anna@test.se", PASSWORD, "10.0.0.1", now=almost).locked
    expired = now + throttling.PAIR.window + timedelta(minutes=1)
    assert services.authenticate("anna@test.se", PASSWORD, "10.0.0.1", now=expired).user
    # the success cleared the pair: four new typos do not add up with the old five
    for _ in range(throttling.PAIR.failures - 1):
        services.authenticate("anna@test.se", "fel", "10.0.0.1", now=expired)
    assert services.authenticate("anna@test.se", PASSWORD, "10.0.0.1", now=expired).user
    keys = set(db.session.scalars(db.select(LoginFailure.key)))
    assert throttling.pair_key("anna@test.se", "10.0.0.1") not in keys
    # old counters are purged at a later successful login
    much_later = expired + throttling.LONGEST_WINDOW + timedelta(minutes=1)
    assert services.authenticate("anna@test.se", PASSWORD, "10.0.0.2", now=much_later).user
    assert db.session.scalars(db.select(LoginFailure)).all() == []


def test_an_account_under_attack_from_many_addresses_stays_locked_for_unknown_devices(app):
    make_user("admin@test.se", system_admin=True)
    now = utcnow()
    for n in range(throttling.ACCOUNT.failures):
        services.authenticate("admin@test.se", f"gissning {n}", f"203.0.113.{n}", now=now)
    # the right password from yet another unknown device is refused: the attacker cannot guess
    assert services.authenticate("admin@test.se", PASSWORD, "203.0.113.250", now=now).locked


def test_the_known_device_logs_in_while_the_account_is_under_attack(app):
    make_user("admin@test.se", system_admin=True)
    commit()
    laptop = app.test_client()
    home = {"REMOTE_ADDR": "192.0.2.44"}
    assert post_login(laptop, "admin@test.se", PASSWORD, home).status_code == 302
    cookie = laptop.get_cookie(devices.COOKIE)
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert cookie.expires is not None  # long-lived, unlike the session cookie
    laptop.post("/logga-ut")
    attacker = app.test_client()
    for n in range(throttling.ACCOUNT.failures + throttling.PAIR.failures):
        post_login(attacker, "admin@test.se", f"gissning {n}", {"REMOTE_ADDR": f"203.0.113.{n}"})
    # also from the attacker's own address and the admin's: locked for unknown devices
    stranger = app.test_client()
    assert LOCKED in text(post_login(stranger, "admin@test.se", PASSWORD, home))
    response = post_login(laptop, "admin@test.se", PASSWORD, home)
    assert response.status_code == 302, text(response)
    assert laptop.get("/", environ_base=home).status_code == 200


def test_a_device_cookie_for_another_account_or_forged_is_not_trusted(app):
    make_user("anna@test.se")
    make_user("bertil@test.se")
    commit()
    client = app.test_client()
    assert post_login(client, "bertil@test.se", PASSWORD).status_code == 302
    client.post("/logga-ut")
    now = utcnow()
    for n in range(throttling.ACCOUNT.failures):
        services.authenticate("anna@test.se", "fel", f"203.0.113.{n}", now=now)
    commit()
    # Bertil's device cookie says nothing about Anna's account
    assert LOCKED in text(post_login(client, "anna@test.se", PASSWORD))
    forged = app.test_client()
    forged.set_cookie(devices.COOKIE, "eyJ1IjoxLCJkIjoieCJ9.forged.signature")
    assert LOCKED in text(post_login(forged, "anna@test.se", PASSWORD))


def test_a_known_device_has_its_own_limit(app):
    make_user("anna@test.se")
    commit()
    client = app.test_client()
    post_login(client, "anna@test.se", PASSWORD)
    client.post("/logga-ut")
    for _ in range(throttling.DEVICE.failures):
        assert LOCKED not in text(post_login(client, "anna@test.se", "fel"))
    # past its own limit the device counts as unknown: the pair (same address) now applies
    for _ in range(throttling.PAIR.failures):
        post_login(client, "anna@test.se", "fel")
    assert LOCKED in text(post_login(client, "anna@test.se", PASSWORD))


def test_the_current_password_check_is_throttled(app):
    make_user("anna@test.se")
    commit()
    client = app.test_client()
    client.login("anna@test.se")
    data = {"new": "ett helt nytt lösenord", "repeat": "ett helt nytt lösenord"}
    for _ in range(throttling.DEVICE.failures + throttling.PAIR.failures):
        wrong = client.post("/konto/losenord", data={**data, "current": "gissning"})
        assert "stämmer inte" in field_error(wrong, "current")
    locked = client.post("/konto/losenord", data={**data, "current": PASSWORD})
    assert LOCKED in field_error(locked, "current")
    db.session.expire_all()
    assert services.authenticate("anna@test.se", PASSWORD, "10.1.1.1").user is not None


def test_ipv6_clients_are_counted_per_64(app):
    assert throttling.address_key("2001:db8:1:2::1") == throttling.address_key(
        "2001:db8:1:2:ffff::9"
    )
    assert throttling.address_key("2001:db8:1:3::1") != throttling.address_key("2001:db8:1:2::1")
    assert throttling.address_key("::ffff:192.0.2.1") == throttling.address_key("192.0.2.1")
