"""The console's pages: login, overview, questions, cases, reports, offers.

Every page sees only the networks of the logged-in coordinator (administrators see
all); anything else — also by a typed URL or a forged form — is "not found".
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from starlette.responses import RedirectResponse, Response

from bot.casework.messages import S_
from bot.casework.reports import as_csv
from bot.casework.review import ACTIONS
from bot.casework.service import CLOSED, OK, TAKEN
from bot.console import auth
from bot.console.web import FORM_EXPIRED, LANGUAGE_COOKIE, SESSION_COOKIE, Page
from bot.domain.cases import CLAIMED, OPEN, OUTCOMES, RESOLVED
from bot.domain.needs import NEED_IDS
from bot.i18n.catalogs import STAFF_LANGUAGES
from bot.storage import accounts_repo, stats_repo
from bot.storage.db import transaction

WRONG_LOGIN = S_("The user name or the password is wrong.")
LOCKED = S_("Too many wrong passwords. This account is locked for 15 minutes.")
TOO_MANY_ATTEMPTS = S_("Too many login attempts from this address. Please wait 15 minutes.")
NOT_FOUND = S_("Not found, or not one of your networks.")
DONE = S_("Done.")
ALREADY_TAKEN = S_("Someone else has already taken this case on.")
NEED_MISSING = S_("Please choose a need first.")
NOTHING_CHOSEN = S_("Please tick at least one question.")
SAVED = S_("Saved. Every worker uses the new data at once.")
STILL_VALID = S_("Marked as checked today.")
CASE_CLOSED = S_("This case is already closed.")
UNREACHABLE = S_("The family cannot be reached in the chat; nothing was sent.")
CASE_NOTICES = {OK: DONE, TAKEN: ALREADY_TAKEN, CLOSED: CASE_CLOSED, "unreachable": UNREACHABLE}
LOGIN_COOKIE = "lotse_login"


def _safe_next(target: str | None) -> str:
    """Only local paths after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def login(page: Page) -> Response:
    """The login form, and logging in."""
    chosen = page.request.query_params.get("lang")
    if chosen in STAFF_LANGUAGES:
        page.language = chosen
    target = _safe_next(page.request.query_params.get("next") or page.form.get("next"))
    if page.request.method != "POST":
        return _login_form(page, target, None, 200, chosen)
    if not auth.same_token(page.request.cookies.get(LOGIN_COOKIE) or "", page.form.get("csrf")):
        return _login_form(page, target, page._(FORM_EXPIRED), 403)
    now = page.console.clock()
    address = page.request.client.host if page.request.client else "unknown"
    if not page.console.login_limiter.allow(address, now):
        return _login_form(page, target, page._(TOO_MANY_ATTEMPTS), 429)
    username, password = page.form.get("username", ""), page.form.get("password", "")
    result = auth.log_in(page.console.engine, username, password, now)
    if result.account is None:
        return _login_form(page, target, page._(LOCKED if result.locked else WRONG_LOGIN), 401)
    lifetime = dt.timedelta(hours=page.console.config.session_hours)
    with transaction(page.console.engine) as db:
        token = accounts_repo.open_session(db, result.account.id, page.language, now, lifetime)
        accounts_repo.purge_sessions(db, now)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, max_age=page.console.config.session_hours * 3600, httponly=True,
        secure=page.console.config.secure_cookies, samesite="strict",
    )  # fmt: skip
    response.delete_cookie(LOGIN_COOKIE)
    return response


def _login_form(
    page: Page, target: str, error: str | None, status: int, chosen: str | None = None
) -> Response:
    """The login form with a fresh double-submit CSRF token (cookie and hidden field)."""
    token = secrets.token_urlsafe(24)
    response = page.render("login.html", status=status, next=target, error=error, login_csrf=token)
    secure = page.console.config.secure_cookies
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    if chosen in STAFF_LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, httponly=True, samesite="strict", secure=secure
        )
    return response


def logout(page: Page) -> Response:
    """Log out: the session ends in the database, the cookie goes."""
    if page.token:
        with transaction(page.console.engine) as db:
            accounts_repo.close_session(db, page.token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def language(page: Page) -> Response:
    """Switch the console language."""
    chosen = page.form.get("language", "de")
    if chosen in STAFF_LANGUAGES and page.token:
        with transaction(page.console.engine) as db:
            accounts_repo.set_session_language(db, page.token, chosen)
    return RedirectResponse(_safe_next(page.form.get("next")), status_code=303)


def overview(page: Page) -> Response:
    """What waits: open cases, new questions, offers to check."""
    actor = page.actor
    cases = page.console.casework.cases(actor)
    groups = page.console.review.groups(actor)
    stale = page.console.freshness.stale(actor, page.console.config.fresh_months)
    return page.render(
        "overview.html",
        open_cases=sum(1 for c in cases if c.status == OPEN),
        claimed_cases=sum(1 for c in cases if c.status == CLAIMED),
        questions=sum(g.size for g in groups),
        stale=len(stale),
    )


# --- questions ---------------------------------------------------------------------------


MAX_ROW_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL)
_ROW_ID = re.compile(r"[0-9]{1,10}")


def _row_ids(values: list[str]) -> list[int] | None:
    """Ids from a form (ASCII digits within the column's range), or None if one is not."""
    ids = []
    for value in values:
        if not _ROW_ID.fullmatch(value) or int(value) > MAX_ROW_ID:
            return None
        ids.append(int(value))
    return ids


def questions(page: Page) -> Response:
    """Unanswered questions grouped, with the four decisions."""
    actor = page.actor
    notice = None
    if page.request.method == "POST":
        action = page.form.get("action", "")
        need = page.form.get("need") or None
        ids = _row_ids(page.form_lists.get("question", []))
        if action not in ACTIONS or ids is None:
            return page.render("error.html", status=400, message=page._(NOT_FOUND))
        if not ids:
            notice = page._(NOTHING_CHOSEN)
        elif action in ("assigned", "unmet") and need not in NEED_IDS:
            notice = page._(NEED_MISSING)
        else:
            done = page.console.review.decide(actor, ids, action, need)
            if done == 0:
                return page.render("error.html", status=404, message=page._(NOT_FOUND))
            notice = page._(DONE)
    language = page.request.query_params.get("language") or None
    network = page.request.query_params.get("network") or None
    if network and network not in page.networks():
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    groups = page.console.review.groups(actor, language, network)
    return page.render(
        "questions.html", groups=groups, needs=NEED_IDS, notice=notice, language=language,
        network=network, networks=page.networks(),
    )  # fmt: skip


# --- cases -------------------------------------------------------------------------------


def cases(page: Page) -> Response:
    """The hand-off queue of the user's networks."""
    status = page.request.query_params.get("status") or "open"
    statuses = (RESOLVED,) if status == "resolved" else (OPEN, CLAIMED)
    network = page.request.query_params.get("network") or None
    if network and network not in page.networks():
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    found = page.console.casework.cases(page.actor, statuses)
    if network:
        found = [c for c in found if c.network == network]
    return page.render(
        "cases.html", cases=found, shown=status, network=network, networks=page.networks()
    )


def case(page: Page) -> Response:
    """One case: details (contact only while open), claim, resolve, note, message."""
    reference = page.request.path_params["reference"]
    work = page.console.casework
    actor = page.actor
    notice = None
    if page.request.method == "POST":
        action = page.form.get("action")
        if action == "claim":
            answer = work.claim(reference, actor)
        elif action == "resolve" and page.form.get("outcome") in OUTCOMES:
            answer = work.resolve(reference, actor, page.form["outcome"], page.form.get("note"))
        elif action == "note" and page.form.get("note", "").strip():
            answer = work.add_note(reference, actor, page.form["note"].strip()[:2000])
        elif action == "message" and page.form.get("message", "").strip():
            answer = work.relay(reference, actor, page.form["message"].strip()[:2000])
        else:
            answer = work.find(reference, actor)
        if answer.status in ("not_found", "forbidden"):
            return page.render("error.html", status=404, message=page._(NOT_FOUND))
        notice = page._(CASE_NOTICES.get(answer.status, DONE))
    found = work.find(reference, actor)
    if not found.ok or found.case is None:
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    shown = found.case if found.case.is_open else found.case.without_contact()
    return page.render("case.html", case=shown, outcomes=OUTCOMES, notice=notice)


# --- reports -----------------------------------------------------------------------------


def _report_of(page: Page) -> tuple[str | None, str, object]:
    networks = page.networks()
    network = page.request.query_params.get("network") or next(iter(networks), None)
    month = page.request.query_params.get("month") or stats_repo.month_of(page.console.clock())
    if network is None or network not in networks:
        return network, month, None
    return network, month, page.console.reports.report(page.actor, network, month)


def report(page: Page) -> Response:
    """One network's month as a page with bars."""
    network, month, found = _report_of(page)
    if found is None:
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    months = page.console.reports.months(page.actor, network or "")
    return page.render(
        "report.html", report=found, network=network, month=month, months=months,
        networks=page.networks(),
    )  # fmt: skip


def report_csv(page: Page) -> Response:
    """The same figures as CSV."""
    network, month, found = _report_of(page)
    if found is None:
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    name = f"lotse-{network}-{month}.csv"
    return Response(
        as_csv(found),  # type: ignore[arg-type]
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


# --- offers ------------------------------------------------------------------------------


def offers(page: Page) -> Response:
    """Offers not checked for longer than the limit; "still valid" in one click."""
    notice = None
    if page.request.method == "POST":
        offer_id = page.form.get("offer", "")
        if page.console.freshness.confirm(page.actor, offer_id) is None:
            return page.render("error.html", status=404, message=page._(NOT_FOUND))
        notice = page._(STILL_VALID)
    months = page.console.config.fresh_months
    stale = page.console.freshness.stale(page.actor, months)
    return page.render("offers.html", stale=stale, months=months, notice=notice)


def offer(page: Page) -> Response:
    """Edit one offer, validated like an import; the record of changes."""
    offer_id = page.request.path_params["offer"]
    fresh = page.console.freshness
    found = fresh.offer(page.actor, offer_id)
    if found is None:
        return page.render("error.html", status=404, message=page._(NOT_FOUND))
    problems: dict[str, str] = {}
    notice = None
    values: dict[str, object] = {}
    if page.request.method == "POST":
        values = {
            "name": page.form.get("name", ""),
            "description": page.form.get("description", ""),
            "needs": page.form_lists.get("needs", []),
            "languages": page.form.get("languages", ""),
            "phones": page.form.get("phones", ""),
            "email": page.form.get("email", ""),
            "website": page.form.get("website", ""),
            "ask": page.form.get("ask", ""),
            **{f: page.form.get(f) == "on" for f in ("free_of_charge", "no_application",
                                                     "home_visits", "anonymous")},
        }  # fmt: skip
        result = fresh.edit(page.actor, offer_id, values)
        problems = result.problems
        if result.offer is not None:
            found, notice = result.offer, page._(SAVED)
    return page.render(
        "offer.html", offer=found, needs=NEED_IDS, problems=problems, notice=notice,
        values=values, changes=fresh.changes(page.actor, offer_id),
        status=400 if problems else 200,
    )  # fmt: skip
