"""Two moderators deciding the same review at once (and two submits of one subject), on MariaDB, each on
its own connection (thread).

The first one's work holds the review's row (or unique key) lock until it commits; the test waits until
MariaDB reports the second one's statement waiting for that lock, then lets the first commit.
So the race is really run, every time, without timing assumptions.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from moderation.public import AlreadyDecided, Status, decide, history, queue, review_for, submit
from tests.moderation.conftest import CONTRIBUTION
from tests.services import missing, test_database_url

pytestmark = pytest.mark.django_db(transaction=True)  # each thread commits on its own connection


@pytest.fixture(autouse=True)
def mariadb():
    if not (test_database_url() or "").startswith("mysql"):
        missing("MariaDB", "set PPTA_TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/NAME (row locks need it)")


def statements_waiting_for_a_lock() -> int:
    """Statements still running on this test database, apart from this query (MariaDB lists one waiting
    for a row or key lock as a running query; its INNODB_TRX does not always show it as LOCK WAIT)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                       " WHERE db = DATABASE() AND command = 'Query' AND id <> CONNECTION_ID()")
        return cursor.fetchone()[0]


def wait_until(condition, what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting until {what}")
        time.sleep(0.02)


def race(first, second) -> dict:
    """Run ``first()`` and ``second()`` each in a transaction on its own connection, ``second`` starting while
    ``first`` has done its work but not committed; returns their outcomes (result or exception) by name."""
    outcomes: dict = {}
    first_has_not_committed = threading.Event()
    release_first = threading.Event()

    def run(name, action, hold):
        try:
            with transaction.atomic():
                outcomes[name] = action()
                if hold:
                    first_has_not_committed.set()
                    release_first.wait(30)
        except Exception as error:  # noqa: BLE001 (the outcome is what the test looks at)
            outcomes[name] = error
        finally:
            first_has_not_committed.set()
            connections.close_all()

    threads = [threading.Thread(target=run, args=("first", first, True)),
               threading.Thread(target=run, args=("second", second, False))]
    threads[0].start()
    first_has_not_committed.wait(30)
    threads[1].start()
    try:
        wait_until(lambda: statements_waiting_for_a_lock() > 0 or not threads[1].is_alive(),
                   "the second one waits for the first one's lock")
        assert threads[1].is_alive(), f"the second one did not wait: {outcomes.get('second')!r}"
    finally:
        release_first.set()
        for thread in threads:
            thread.join(60)
    return outcomes


def deciding(review, user, to, note=""):
    return lambda: decide(review, by=user, to=to, note=note)


def test_of_two_different_decisions_at_once_exactly_one_wins(people, announcements):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    announcements.clear()
    outcomes = race(deciding(review, people["moderator"], Status.APPROVED),
                    deciding(review, people["other_moderator"], Status.REJECTED, "Out of scope."))
    assert outcomes["first"].status == Status.APPROVED
    assert isinstance(outcomes["second"], AlreadyDecided), outcomes["second"]
    assert "moderator" in str(outcomes["second"]) and "approved" in str(outcomes["second"])
    assert review_for(CONTRIBUTION, "m-1").status == Status.APPROVED
    assert [(t.actor.username, t.to_status) for t in history(review)][1:] == [("moderator", "approved")]
    assert announcements == [(CONTRIBUTION, "approved", "pending", "approved", "")]


def test_two_approvals_at_once_are_one_transition(people, announcements):
    review = submit(CONTRIBUTION, "m-1", by=people["author"])
    announcements.clear()
    outcomes = race(deciding(review, people["moderator"], Status.APPROVED),
                    deciding(review, people["secretary"], Status.APPROVED))
    assert outcomes["first"].status == outcomes["second"].status == Status.APPROVED
    assert [(t.actor.username, t.to_status) for t in history(review)][1:] == [("moderator", "approved")]
    assert len(announcements) == 1


def test_two_submissions_of_one_subject_at_once_open_one_review(people, announcements):
    submitting = lambda: submit(CONTRIBUTION, "m-1", by=people["author"])  # noqa: E731
    outcomes = race(submitting, submitting)
    assert outcomes["first"] == outcomes["second"], outcomes
    assert queue(CONTRIBUTION).count() == 1 and len(history(outcomes["first"])) == 1
    assert len(announcements) == 1
