"""Supports hold under concurrent double clicks. Real threads, real transactions: this only
means something on PostgreSQL (SQLite serialises every write), so it runs in CI's PostgreSQL
pass and is skipped on SQLite."""

import threading

import pytest
from django.db import connection, connections

from proposals import services
from proposals.models import Support
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency of supports is only meaningful on PostgreSQL (run with DATABASE_URL)",
    ),
]

THREADS = 10


def run_at_once(action, count=THREADS):
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            action()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_ten_simultaneous_adds_leave_exactly_one_support():
    citizen, idea = CitizenFactory(), IdeaFactory()

    errors = run_at_once(lambda: services.support_add(user=citizen, idea=idea))

    assert errors == []
    assert Support.objects.filter(user=citizen, idea=idea).count() == 1


def test_simultaneous_toggles_are_serialised():
    citizen, idea = CitizenFactory(), IdeaFactory()

    errors = run_at_once(lambda: services.support_toggle(user=citizen, idea=idea), count=9)

    assert errors == []
    # nine toggles in a row from "not supporting": supporting
    assert Support.objects.filter(user=citizen, idea=idea).count() == 1
