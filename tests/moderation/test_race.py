"""Two moderators deciding the same review at once, on MariaDB, each on its own connection (thread).

The first moderator's decision holds the review's row lock until it commits; the test waits until
MariaDB reports the second moderator's transaction waiting for that lock, then lets the first commit.
So the race is really run, every time, without timing assumptions.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from moderation.public import AlreadyDecided, Status, decide, history, review_for, submit
from tests.moderation.conftest import CONTRIBUTION
from tests.services import missing, test_database_url

pytestmark = pytest.mark.django_db(transaction=True)  # each thread commits on its own connection


@pytest.fixture(autouse=True)
def mariadb():
    if not (test_database_url() or "").startswith("mysql"):
        missing("MariaDB", "set PPTA_TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/NAME (row locks need it)")


def statements_waiting_for_a_row_lock() -> int:
    """Locking reads still running on this test database (MariaDB lists the waiting one as a running query;
    its INNODB_TRX does not always show it as LOCK WAIT)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                       " WHERE db = DATABASE() AND command = 'Query' AND info LIKE '%%FOR UPDATE'")
        return cursor.fetchone()[0]


def wait_until(condition, what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting until {what}")
        time.sleep(0.02)


def race(review, first: tuple, second: tuple) -> dict:
    """Run two ``decide`` calls, ``second`` starting while ``first`` holds the lock; their outcomes by name."""
    outcomes: dict = {}
    first_holds_the_lock = threading.Event()
    release_first = threading.Event()

    def moderator(name, user, to, note, hold):
        try:
            with transaction.atomic():
                outcomes[name] = decide(review, by=user, to=to, note=note)
                if hold:
                    first_holds_the_lock.set()
                    release_first.wait(30)
        except Exception as error:  # noqa: BLE001 (the outcome is what the test looks at)
            outcomes[name] = error
        finally:
            first_holds_the_lock.set()
            connections.close_all()

    threads = [
        threading.Thread(target=moderator, args=("first", *first, True)),
        threading.Thread(target=moderator, args=("second", *second, False)),
    ]
    threads[0].start()
    first_holds_the_lock.wait(30)
    threads[1].start()
    try:
        wait_until(lambda: statements_waiting_for_a_row_lock() > 0 or not threads[1].is_alive(),
                   "the second moderator waits for the first one's lock")
        assert threads[1].is_alive(), f"the second decision did not wait: {outcomes.get('second')!r}"
    finally:
        release_first.set()
        for thread in threads:
            thread.join(60)
    return outcomes


def test_of_two_different_decisions_at_once_exactly_one_wins(people, announcements):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    announcements.clear()
    outcomes = race(review, (people["moderator"], Status.APPROVED, ""),
                    (people["other_moderator"], Status.REJECTED, "Out of scope."))
    assert outcomes["first"].status == Status.APPROVED
    assert isinstance(outcomes["second"], AlreadyDecided), outcomes["second"]
    assert "moderator" in str(outcomes["second"]) and "approved" in str(outcomes["second"])
    assert review_for(CONTRIBUTION, "m-1").status == Status.APPROVED
    assert [(t.actor.username, t.to_status) for t in history(review)][1:] == [("moderator", "approved")]
    assert announcements == [(CONTRIBUTION, "approved", "pending", "approved", "")]


def test_two_approvals_at_once_are_one_transition(people, announcements):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    announcements.clear()
    outcomes = race(review, (people["moderator"], Status.APPROVED, ""),
                    (people["secretary"], Status.APPROVED, ""))
    assert outcomes["first"].status == outcomes["second"].status == Status.APPROVED
    assert [(t.actor.username, t.to_status) for t in history(review)][1:] == [("moderator", "approved")]
    assert len(announcements) == 1
