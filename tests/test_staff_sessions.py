"""Logins and sessions that hold, on SQLite and PostgreSQL: logout and idle
expiry end the session on the server (a saved cookie opens nothing), an
absolute lifetime, a form sent after a timeout comes back with its text,
login floods get 429s before any password is hashed, a stranger's guesses
lock out only the stranger's address, common passwords are refused, and an
optional TOTP second factor (required for admins with FAQBOT_REQUIRE_MFA)."""

from __future__ import annotations

import re
from datetime import UTC

import pyotp
import pytest
from click.testing import CliRunner

from faqbot import accounts, audit, review
from faqbot.app import create_app
from faqbot.cli import main
from faqbot.storage import staff_users

from .conftest import make_settings
from .staffkit import (
    ADMIN_EMAIL,
    PASSWORD,
    STAFF_EMAIL,
    csrf_token,
    login,
    post_form,
)


@pytest.fixture
def item(staff_app) -> int:
    ask = staff_app.extensions["faqbot"].assistant.ask
    return ask("i want to kill myself", "sms", contact="+13105550100").handoff_id


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str):
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def _flash(html: str) -> str:
    return " ".join(re.findall(r'class="flash[^"]*"[^>]*>([^<]+)<', html))


# --- sessions end on the server ------


def test_logout_ends_the_session_for_every_copy_of_the_cookie(
    staff_client, staff_app, item, staff_store
) -> None:
    saved = _cookie(staff_client)
    assert _replay(staff_app, saved).get("/staff/").status_code == 200
    post_form(staff_client, "/staff/", "/staff/logout")
    thief = _replay(staff_app, saved)
    resp = thief.get(f"/staff/item/{item}")
    assert resp.status_code == 302 and "/staff/login" in resp.headers["Location"]
    assert "logged out" in _flash(thief.get(resp.headers["Location"]).text)
    # Nor can the copy reveal a contact.
    token = csrf_token(thief.get("/staff/login").text)
    thief.set_cookie("session", saved)
    reveal = thief.post(f"/staff/item/{item}/reveal", data={"csrf_token": token})
    assert reveal.status_code in {302, 400} and "+13105550100" not in reveal.text
    rows, _ = audit.entries(staff_store, action="reveal_contact")
    assert rows == []


def test_an_idle_session_ends_on_the_server(
    staff_client, staff_app, staff_settings, clock
) -> None:
    saved = _cookie(staff_client)
    clock.advance(minutes=staff_settings.session_idle_minutes, seconds=1)
    resp = _replay(staff_app, saved).get("/staff/")
    assert resp.status_code == 302
    # Using the dead cookie does not restart its clock: it stays dead.
    clock.advance(minutes=1)
    assert staff_client.get("/staff/").status_code == 302
    page = staff_client.get("/staff/login").text
    assert f"after {staff_settings.session_idle_minutes} minutes" in page


def test_a_session_ends_after_its_lifetime_however_active(
    staff_client, staff_settings, clock
) -> None:
    for _ in range(staff_settings.session_max_hours * 3 - 1):
        clock.advance(minutes=20)
        assert staff_client.get("/staff/").status_code == 200
    clock.advance(minutes=20, seconds=1)
    resp = staff_client.get("/staff/")
    assert resp.status_code == 302
    page = staff_client.get(resp.headers["Location"]).text
    assert f"{staff_settings.session_max_hours}-hour limit" in page


def test_a_form_sent_after_the_timeout_comes_back_with_its_text(
    staff_client, staff_settings, staff_store, item, clock
) -> None:
    page = f"/staff/item/{item}"
    token = csrf_token(staff_client.get(page).text)
    clock.advance(minutes=staff_settings.session_idle_minutes + 5)
    note = "Called her twice, no answer; left a voicemail with the 988 number."
    resp = staff_client.post(
        page + "/resolve", data={"csrf_token": token, "note": note}
    )
    assert resp.status_code == 302
    assert resp.headers["Location"] == f"/staff/login?next={page}"
    login_page = staff_client.get(resp.headers["Location"]).text
    assert "What you typed was kept" in _flash(login_page)
    assert review.item(staff_store, item).status == "open"  # nothing was done
    token = csrf_token(login_page)
    back = staff_client.post(
        resp.headers["Location"],
        data={"csrf_token": token, "email": STAFF_EMAIL, "password": PASSWORD},
    )
    assert back.headers["Location"] == page
    form = staff_client.get(page).text
    assert re.search(r'<textarea[^>]*id="note"[^>]*>\s*' + re.escape(note), form)
    # The draft is used once and kept nowhere in the cookie.
    assert note not in staff_client.get_cookie("session").value
    assert note not in staff_client.get(page).text


def test_a_form_whose_cookie_is_gone_also_keeps_its_text(
    staff_app, accounts_made, item
) -> None:
    browser = staff_app.test_client()
    login(browser)
    page = f"/staff/item/{item}"
    csrf_token(browser.get(page).text)
    browser.delete_cookie("session")  # the browser dropped it: no CSRF token
    resp = browser.post(page + "/note", data={"text": "patient's mother called"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(page)
    login(browser)
    # login() posts without ?next=, so open the item by hand.
    assert "patient&#39;s mother called" in browser.get(page).text


# --- login floods and lockouts ------


@pytest.fixture
def staff_settings(tmp_path, db_url, faq_path):
    return make_settings(
        tmp_path,
        database_url=db_url,
        faq_path=faq_path,
        login_rate_limit="8 per minute",
        login_account_rate_limit="8 per hour",
    )


def _from(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _guesses(client, email: str, n: int) -> list[int]:
    """A script's guesses: one form fetched, then wrong passwords posted."""
    token = csrf_token(client.get("/staff/login").text)
    return [
        client.post(
            "/staff/login",
            data={"csrf_token": token, "email": email, "password": f"guess {i}"},
        ).status_code
        for i in range(n)
    ]


def test_a_login_flood_gets_429s_before_any_password_is_checked(
    staff_app, accounts_made, staff_store
) -> None:
    flood = _from(staff_app, "203.0.113.7")
    codes = _guesses(flood, ADMIN_EMAIL, 10)
    assert codes[:8] == [401] * 8 and codes[8:] == [429] * 2
    # Only the attempts let through were checked (and audited).
    rows, _ = audit.entries(staff_store, action="login_failed")
    assert len(rows) == 8
    # The front desk, at its own address, logs in as usual.
    assert login(_from(staff_app, "198.51.100.20")).status_code == 302


def test_an_address_over_its_limit_is_told_to_wait_before_any_form_or_session(
    staff_app, accounts_made
) -> None:
    flood = _from(staff_app, "203.0.113.7")
    _guesses(flood, ADMIN_EMAIL, 8)
    for resp in (
        flood.get("/staff/login"),
        _from(staff_app, "203.0.113.7").get("/staff/login"),
    ):
        assert resp.status_code == 429
        assert 0 < int(resp.headers["Retry-After"]) <= 60
        assert "Too many login attempts right now. Please wait" in resp.text
        assert "csrf_token" not in resp.text and "Set-Cookie" not in resp.headers
        assert "href='/staff/login'" in resp.text  # a way back once the wait is over
    # Posting a password (even the right one) is refused the same way.
    fresh = _from(staff_app, "203.0.113.7")
    resp = fresh.post("/staff/login", data={"email": STAFF_EMAIL, "password": PASSWORD})
    assert resp.status_code == 429 and "Retry-After" in resp.headers
    assert _from(staff_app, "198.51.100.20").get("/staff/login").status_code == 200


def test_behind_a_proxy_each_client_address_has_its_own_login_limit(
    staff_settings, accounts_made
) -> None:
    app = create_app(staff_settings.replace(proxy_hops=1))
    app.config["TESTING"] = True

    def via_proxy(client_address: str):
        client = _from(app, "10.0.0.2")  # the proxy's own address
        client.environ_base["HTTP_X_FORWARDED_FOR"] = client_address
        return client

    try:
        codes = _guesses(via_proxy("203.0.113.7"), ADMIN_EMAIL, 9)
        assert codes[-1] == 429
        assert via_proxy("203.0.113.7").get("/staff/login").status_code == 429
        # Another client behind the same proxy is not refused.
        assert login(via_proxy("198.51.100.20")).status_code == 302
    finally:
        app.extensions["faqbot"].store.dispose()


def test_an_ipv6_client_cannot_rotate_past_the_login_limit(
    staff_app, accounts_made
) -> None:
    # One subscriber holds a whole /64: a new address in it for every guess
    # still counts against the same limit, as the patients' limits count it.
    refused_at = None
    for i in range(1, 40):
        client = _from(staff_app, f"2001:db8:1:2::{i:x}")
        page = client.get("/staff/login")
        if page.status_code == 429:
            refused_at = i
            break
        token = csrf_token(page.text)
        client.post(
            "/staff/login",
            data={"csrf_token": token, "email": ADMIN_EMAIL, "password": f"guess {i}"},
        )
    assert refused_at is not None and refused_at < 20
    # Another /64 is another client.
    assert _from(staff_app, "2001:db8:9:9::1").get("/staff/login").status_code == 200


def test_a_strangers_guesses_lock_out_only_the_strangers_address(
    staff_app, accounts_made, staff_settings, staff_store, clock
) -> None:
    stranger = _from(staff_app, "203.0.113.9")
    for i in range(staff_settings.lockout_attempts):
        assert login(stranger, STAFF_EMAIL, f"wrong guess {i}").status_code == 401
    # Locked from there, even with the right password...
    assert login(_from(staff_app, "203.0.113.9")).status_code == 401
    # ...but the staff member at the desk is not locked out.
    assert login(_from(staff_app, "198.51.100.20")).status_code == 302
    out = CliRunner().invoke(main, ["staff", "list"], obj=staff_settings)
    line = next(x for x in out.output.splitlines() if x.startswith(STAFF_EMAIL))
    assert "locked from 1 address until" in line
    assert re.search(r"P[SD]T", line)  # in the clinic's time zone
    clock.advance(minutes=staff_settings.lockout_minutes, seconds=1)
    assert login(_from(staff_app, "203.0.113.9")).status_code == 302


def test_many_addresses_run_out_the_accounts_budget(staff_app, accounts_made) -> None:
    codes = [
        login(
            _from(staff_app, f"203.0.113.{i}"), STAFF_EMAIL, "wrong guess"
        ).status_code
        for i in range(10)
    ]
    assert codes[:8] == [401] * 8 and codes[8:] == [429, 429]


def test_a_login_finding_every_password_check_slot_busy_gets_a_429_at_once(
    staff_app, accounts_made
) -> None:
    guard = staff_app.extensions["faqbot_staff"].guard
    assert guard.slots.acquire(blocking=False)
    try:
        resp = login(_from(staff_app, "198.51.100.30"))
    finally:
        guard.slots.release()
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "2"
    assert "Please wait 2 seconds" in resp.text
    assert login(_from(staff_app, "198.51.100.30")).status_code == 302


# --- passwords ------


@pytest.mark.parametrize(
    "password",
    ["password1234", "Password123!", "qwertyuiop12", "welcome2024!!", "111111111111"],
)
def test_common_and_breached_passwords_are_refused(staff_store, password) -> None:
    with pytest.raises(accounts.AccountError, match="common and breached"):
        accounts.add(staff_store, "new@clinic.example", password)


def test_a_password_may_not_contain_the_email(staff_store) -> None:
    with pytest.raises(accounts.AccountError, match="email"):
        accounts.add(staff_store, "maria.lopez@clinic.example", "maria.lopez is here")


def test_the_cli_refuses_a_common_password(staff_settings, staff_store) -> None:
    out = CliRunner().invoke(
        main,
        ["staff", "add", "new@clinic.example"],
        obj=staff_settings,
        input="password1234\n",
    )
    assert out.exit_code == 1 and "common and breached" in out.output


# --- a second factor ------


def _enroll(settings, email: str) -> pyotp.TOTP:
    out = CliRunner().invoke(main, ["staff", "mfa", email], obj=settings)
    assert out.exit_code == 0, out.output
    return pyotp.TOTP(re.search(r"key: (\w+)", out.output).group(1))


def test_an_account_with_an_authenticator_needs_its_code(
    staff_app, accounts_made, staff_settings, staff_store, clock
) -> None:
    totp = _enroll(staff_settings, STAFF_EMAIL)
    client = staff_app.test_client()
    first = login(client)
    assert first.status_code == 302 and "/staff/login/code" in first.headers["Location"]
    assert client.get("/staff/").status_code == 302  # not logged in yet
    page = client.get(first.headers["Location"]).text
    wrong = client.post(
        "/staff/login/code", data={"csrf_token": csrf_token(page), "code": "000000"}
    )
    assert wrong.status_code == 401 and "code did not work" in wrong.text
    code = totp.at(clock.now.replace(tzinfo=UTC))
    ok = client.post(
        "/staff/login/code", data={"csrf_token": csrf_token(page), "code": code}
    )
    assert ok.status_code == 302 and ok.headers["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    # The same code cannot be used again (someone saw it over a shoulder).
    other = staff_app.test_client()
    page = other.get(login(other).headers["Location"]).text
    replay = other.post(
        "/staff/login/code", data={"csrf_token": csrf_token(page), "code": code}
    )
    assert replay.status_code == 401
    listed = CliRunner().invoke(main, ["staff", "list"], obj=staff_settings).output
    assert re.search(re.escape(STAFF_EMAIL) + r"\s+staff\s+2-step", listed)


def test_admins_must_use_a_second_factor_when_required(tmp_path, db_url, clock) -> None:
    from faqbot.app import create_app

    settings = make_settings(tmp_path, database_url=db_url, require_mfa=True)
    app = create_app(settings)
    app.config["TESTING"] = True
    app.extensions["faqbot_staff"].clock = clock
    store = app.extensions["faqbot"].store
    accounts.add(store, STAFF_EMAIL, PASSWORD)
    accounts.add(store, ADMIN_EMAIL, PASSWORD, admin=True)
    admin = app.test_client()
    resp = login(admin, ADMIN_EMAIL)
    assert resp.status_code == 401 and "faqbot staff mfa" in resp.text
    assert login(app.test_client()).status_code == 302  # staff may use a password
    totp = _enroll(settings, ADMIN_EMAIL)
    first = login(admin, ADMIN_EMAIL)
    page = admin.get(first.headers["Location"]).text
    code = totp.at(clock.now.replace(tzinfo=UTC))
    done = admin.post(
        "/staff/login/code", data={"csrf_token": csrf_token(page), "code": code}
    )
    assert done.status_code == 302 and admin.get("/staff/audit").status_code == 200
    with store.engine.connect() as conn:
        secrets_ = conn.execute(staff_users.select()).all()
    assert all(PASSWORD not in str(r) for r in secrets_)
    store.dispose()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"login_rate_limit": "lots"}, "FAQBOT_LOGIN_RATE_LIMIT"),
        ({"login_account_rate_limit": "9 per fortnight"}, "FAQBOT_LOGIN_ACCOUNT"),
        ({"timezone": "America/Springfield"}, "FAQBOT_TIMEZONE"),
    ],
)
def test_bad_login_or_time_settings_stop_start_up(tmp_path, changes, words) -> None:
    from faqbot.app import create_app
    from faqbot.config import SettingsError

    with pytest.raises(SettingsError, match=words):
        create_app(make_settings(tmp_path, **changes))
