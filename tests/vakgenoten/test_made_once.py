"""A part that takes seconds to make (the public calendar feeds) is made by one worker at a
time: the others wait for it and get what it made (``vakgenoten.cache.made_once``).

Each thread stands for a gunicorn worker: Django gives each its own connection to a real
Redis server (``pages_in_redis``), as separate processes would have.
"""

import threading

from vakgenoten import cache as page_cache_module
from vakgenoten.cache import made_once


class SlowMaker(threading.Thread):
    """Worker A: asks for the part and makes it, taking until ``finish`` is set."""

    def __init__(self, fails=False):
        super().__init__(daemon=True)
        self.started_making = threading.Event()
        self.finish = threading.Event()
        self.fails = fails
        self.result = None

    def make(self):
        self.started_making.set()
        assert self.finish.wait(10)
        if self.fails:
            raise RuntimeError("de database viel weg")
        return "gemaakt door A"

    def run(self):
        try:
            self.result = made_once("calendar-agenda", self.make, page_id=3)
        except RuntimeError as error:
            self.result = error


def ask_as_worker_b(made):
    """Worker B asks for the same part in a thread of its own; returns the thread and where
    its answer lands."""
    answer = {}

    def make():
        made.append("B")
        return "gemaakt door B"

    def ask():
        answer["value"] = made_once("calendar-agenda", make, page_id=3)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, answer


def test_one_worker_makes_the_part_while_the_other_waits_for_it(pages_in_redis):
    worker_a = SlowMaker()
    worker_a.start()
    assert worker_a.started_making.wait(10)
    made_by_b = []
    worker_b, answer = ask_as_worker_b(made_by_b)
    worker_b.join(0.5)
    assert worker_b.is_alive(), "worker B waits while A is making the part"

    worker_a.finish.set()
    worker_a.join(10)
    worker_b.join(10)
    assert worker_a.result == "gemaakt door A"
    assert answer["value"] == "gemaakt door A"
    assert made_by_b == []
    # Kept for everyone after them, as any part is.
    assert made_once("calendar-agenda", lambda: "opnieuw gemaakt", page_id=3) == "gemaakt door A"


def test_when_the_maker_fails_a_waiting_worker_makes_the_part(pages_in_redis):
    worker_a = SlowMaker(fails=True)
    worker_a.start()
    assert worker_a.started_making.wait(10)
    made_by_b = []
    worker_b, answer = ask_as_worker_b(made_by_b)
    worker_a.finish.set()
    worker_a.join(10)
    worker_b.join(10)
    assert isinstance(worker_a.result, RuntimeError)
    assert answer["value"] == "gemaakt door B"
    assert made_by_b == ["B"]


def test_a_waiting_worker_makes_the_part_itself_when_the_maker_hangs(pages_in_redis, monkeypatch):
    monkeypatch.setattr(page_cache_module, "MAKER_SECONDS", 0.3)
    worker_a = SlowMaker()
    worker_a.start()
    assert worker_a.started_making.wait(10)
    made_by_b = []
    worker_b, answer = ask_as_worker_b(made_by_b)
    worker_b.join(10)
    assert answer["value"] == "gemaakt door B"
    assert made_by_b == ["B"]
    worker_a.finish.set()
    worker_a.join(10)


def test_without_the_page_cache_every_request_makes_the_part(settings):
    settings.PAGE_CACHE_SECONDS = 0
    made = []
    for number in range(2):
        assert made_once("calendar-agenda", lambda n=number: made.append(n) or n) == number
    assert made == [0, 1]
