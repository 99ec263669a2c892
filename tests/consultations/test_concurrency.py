"""Simultaneous submits (PostgreSQL only): one person sending the questionnaire from many
tabs at once gets exactly one response, the others a clear message; many people at once
each get theirs."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from consultations import services
from consultations.models import Answer, Response
from tests.factories import CitizenFactory

from .factories import Data, consultation, full_answers

THREADS = 20

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent submits need PostgreSQL (SQLite serialises writers with a file lock); "
            "run with DATABASE_URL=postgres://... — CI does"
        )


def _race(page, people):
    barrier = threading.Barrier(len(people))
    saved, refusals, crashes = [], [], []
    data = Data(full_answers(page))

    def submit(person):
        try:
            barrier.wait()
            saved.append(services.response_submit(actor=person, consultation=page, data=data))
        except ValidationError as error:
            refusals.append(error.messages[0])
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test
            crashes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return saved, refusals, crashes


def test_simultaneous_submits_by_one_citizen_make_one_response(default_site):
    page = consultation(default_site)
    citizen = CitizenFactory()
    saved, refusals, crashes = _race(page, [citizen] * THREADS)
    assert crashes == []
    assert Response.objects.filter(consultation=page, user=citizen).count() == 1
    assert len(saved) + len(refusals) == THREADS
    assert all("vient d'être enregistrée" in message for message in refusals)
    response = Response.objects.get(consultation=page, user=citizen)
    # Its answers are one complete set, not several mixed.
    assert Answer.objects.filter(response=response).count() == 9


def test_simultaneous_citizens_each_get_their_response(default_site):
    page = consultation(default_site)
    people = [CitizenFactory() for _ in range(THREADS)]
    saved, refusals, crashes = _race(page, people)
    assert crashes == [] and refusals == []
    assert Response.objects.filter(consultation=page).count() == THREADS
