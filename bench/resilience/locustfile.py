"""The load of the resilience run: four readers for every writer.

Readers (anonymous) open the home page, listings, articles, events and search. Writers sign in
with a test account and take turns to comment on an article (preview, then post) and to register
for one of the test events. Every comment and registration the site acknowledges (the redirect
it answers on success) is appended to the acks file with its unique marker, so the run can count
afterwards whether each one is in the database.

Configured by environment variables that bench/resilience/run.py sets:
VKP_PLAN (plan JSON from dbtool.py prepare), VKP_RUN, VKP_PHASE, VKP_ACKS, VKP_REPORT and
VKP_ACCOUNT_OFFSET (the first test account this phase may use).
"""

import itertools
import json
import os
import random
import time
import uuid
from collections import Counter
from http.cookiejar import DefaultCookiePolicy

from locust import HttpUser, between, events, task

with open(os.environ["VKP_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
RUN = os.environ["VKP_RUN"]
PHASE = os.environ["VKP_PHASE"]
ACKS_PATH = os.environ["VKP_ACKS"]
REPORT_PATH = os.environ["VKP_REPORT"]
ACCOUNTS = PLAN["accounts"][int(os.environ.get("VKP_ACCOUNT_OFFSET", "0")) :]
READ = PLAN["read_urls"]

_next_account = itertools.count()
_statuses = Counter()
_by_kind = Counter()
_server_errors = []
_started = time.time()


def send_secure_cookies_over_loopback(policy, cookie, request):
    """Send the site's Secure cookies over plain loopback HTTP.

    In production a proxy terminates TLS; here the load talks to gunicorn directly, and the
    cookie jar of requests would drop the session and CSRF cookies (it builds a fresh jar with
    the default policy for every request, so the policy is changed for this process).
    """
    return True


DefaultCookiePolicy.return_ok_secure = send_secure_cookies_over_loopback


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None,
           start_time=None, url=None, **kwargs):  # fmt: skip
    status = getattr(response, "status_code", 0) if response is not None else 0
    _statuses[status] += 1
    _by_kind[f"{request_type} {name} {status}"] += 1
    if status >= 500 or status == 0:
        body = getattr(response, "text", "") or ""
        _server_errors.append(
            {
                "at": start_time or time.time(),
                "status": status,
                "url": url,
                "friendly": "template-503" in body,
                "retry_after": (
                    response.headers.get("Retry-After") if response is not None else None
                ),
                "error": repr(exception)[:200] if exception else "",
            }
        )


def write_report(**_kwargs):
    report = {
        "phase": PHASE,
        "started": _started,
        "finished": time.time(),
        "statuses": {str(code): count for code, count in sorted(_statuses.items())},
        "requests": sum(_statuses.values()),
        "by_kind": dict(sorted(_by_kind.items())),
        "server_errors": _server_errors,
    }
    with open(REPORT_PATH, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)


events.test_stop.add_listener(write_report)
events.quitting.add_listener(write_report)


def acknowledge(kind, marker, location):
    with open(ACKS_PATH, "a", encoding="utf-8") as acks:
        line = {"phase": PHASE, "kind": kind, "marker": marker, "at": time.time(), "to": location}
        acks.write(json.dumps(line) + "\n")


def new_marker():
    return f"VKP-{RUN}-{PHASE}-{uuid.uuid4().hex[:16]}"


class Reader(HttpUser):
    """A visitor who reads without signing in."""

    weight = 4
    wait_time = between(1, 4)

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def listing(self):
        self.client.get(random.choice(READ["listings"]), name="listing")

    @task(4)
    def article(self):
        self.client.get(random.choice(READ["articles"]), name="article")

    @task(2)
    def event(self):
        self.client.get(random.choice(READ["events"]), name="event")

    @task(1)
    def search(self):
        term = random.choice(READ["search_terms"])
        self.client.get("/zoeken/", params={"q": term}, name="search")


class Writer(HttpUser):
    """A member who comments and registers, each acknowledged write recorded with its marker."""

    weight = 1
    wait_time = between(2, 6)

    def on_start(self):
        self.account = None
        self.events_left = []
        self.switch_account()

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def switch_account(self):
        """Sign in with the next unused test account (each registers once per event)."""
        self.client.cookies.clear()
        self.account_number = next(_next_account)
        self.account = ACCOUNTS[self.account_number % len(ACCOUNTS)]
        self.events_left = list(PLAN["events"])
        random.shuffle(self.events_left)
        self.signed_in = False
        self.sign_in()

    def sign_in(self):
        if self.client.get("/accounts/login/", name="login form").status_code != 200:
            return  # no form, no CSRF token: a person would not submit either; try again later
        response = self.client.post(
            "/accounts/login/",
            data={
                "login": self.account,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.csrf(),
            },
            allow_redirects=False,
            name="login",
        )
        self.signed_in = response.status_code == 302 and "/accounts/" not in response.headers.get(
            "Location", "/accounts/"
        )

    @task
    def comment(self):
        if not self.signed_in:
            self.sign_in()
            return
        articles = PLAN["articles"]
        # Each account keeps to one article, as members follow their own conversations.
        article = articles[self.account_number % len(articles)]
        self.client.get(article["url"], name="article (member)")
        marker = new_marker()
        body = f"{marker} Bij ons werkte dit ook: eerst klein beginnen en daarna opschalen."
        write_url = f"/reacties/pagina/{article['id']}/"
        data = {"body": body, "csrfmiddlewaretoken": self.csrf()}
        preview = self.client.post(write_url, data=data, name="comment preview")
        if preview.status_code != 200 or marker not in preview.text:
            return
        response = self.client.post(
            write_url, data={**data, "post": "1"}, allow_redirects=False, name="comment post"
        )
        location = response.headers.get("Location", "")
        if response.status_code == 302 and "#reactie-" in location:
            acknowledge("comment", marker, location)

    @task
    def register(self):
        if not self.signed_in:
            self.sign_in()
            return
        if not self.events_left:
            self.switch_account()
            return
        event = self.events_left.pop()
        self.client.get(event["url"], name="event (member)")
        marker = new_marker()
        response = self.client.post(
            f"/evenementen/{event['id']}/aanmelden/",
            data={"remark": marker, "csrfmiddlewaretoken": self.csrf()},
            allow_redirects=False,
            name="register",
        )
        location = response.headers.get("Location", "")
        if response.status_code == 302 and location.rstrip("/").endswith(event["url"].rstrip("/")):
            acknowledge("registration", marker, location)
        elif response.status_code >= 500:
            self.events_left.append(event)  # try this event again later
