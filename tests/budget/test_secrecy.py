"""The secret ballot: nothing in the schema or in any ORM query ties a ballot to its voter."""

import uuid

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models

from budget.ballots import ballot_cast, ballots_shuffle, pending_ballots_release
from budget.models import Ballot, Campaign, Envelope, VoterRecord
from budget.receipts import receipt_hash

User = get_user_model()


def test_a_ballot_has_no_relation_but_its_campaign_and_envelope():
    targets = {
        field.name: field.related_model for field in Ballot._meta.get_fields() if field.is_relation
    }
    assert targets == {"campaign": Campaign, "envelope": Envelope}


def test_no_model_points_to_a_ballot():
    pointing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and field.related_model is Ballot and not field.auto_created
    ]
    assert pointing == []


def test_a_ballot_carries_no_time_and_a_random_key():
    time_fields = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)
    assert not [f.name for f in Ballot._meta.concrete_fields if isinstance(f, time_fields)]
    pk = Ballot._meta.pk
    assert isinstance(pk, models.UUIDField) and pk.default is uuid.uuid4


@pytest.mark.django_db
def test_the_ballot_table_shares_no_column_with_voter_records_but_the_campaign():
    with connection.cursor() as cursor:
        ballot_columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "budget_ballot")
        }
        record_columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, "budget_voterrecord")
        }
        constraints = connection.introspection.get_constraints(cursor, "budget_ballot")
    # `id` is a random UUID for ballots, an integer sequence for voter records.
    assert ballot_columns & record_columns == {"id", "campaign_id"}
    foreign_tables = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert foreign_tables == {"budget_campaign", "budget_envelope"}


@pytest.fixture
def two_voters(city, make_voter):
    """Two neighbours who voted differently in the same envelopes."""
    first, second = make_voter(), make_voter()
    codes = {
        first: ballot_cast(
            campaign=city.campaign,
            voter=first,
            choices={
                city.city.pk: [city.city_projects[0].pk],
                city.north.pk: [city.north_projects[0].pk],
            },
        ),
        second: ballot_cast(
            campaign=city.campaign,
            voter=second,
            choices={
                city.city.pk: [city.city_projects[1].pk, city.city_projects[2].pk],
                city.north.pk: [city.north_projects[1].pk],
            },
        ),
    }
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    return first, second, codes


def relation_paths(start, target, depth=5):
    """Every ORM lookup path (`a__b__c`) from `start` to `target` of at most `depth` hops."""
    paths = []

    def walk(model, prefix, seen):
        if len(prefix) >= depth:
            return
        for field in model._meta.get_fields(include_hidden=False):
            related = field.related_model
            if not field.is_relation or related is None or isinstance(related, str):
                continue
            name = field.name
            if related is target:
                paths.append("__".join([*prefix, name]))
            elif related not in seen:
                walk(related, [*prefix, name], seen | {related})

    walk(start, [], {start})
    return paths


def test_no_orm_query_tells_one_voters_ballots_from_anothers(two_voters):
    first, second, _codes = two_voters
    paths = relation_paths(Ballot, User)
    # Every path goes through the campaign or the envelope, shared by all their ballots.
    assert paths and all(p.split("__")[0] in {"campaign", "envelope"} for p in paths)
    for path in paths:
        found = [
            set(Ballot.objects.filter(**{path: voter}).values_list("pk", flat=True))
            for voter in (first, second)
        ]
        assert found[0] == found[1], f"{path} tells voters apart"


def test_a_ballot_row_holds_nothing_of_its_voter_record(two_voters):
    first, _second, _codes = two_voters
    record = VoterRecord.objects.get(user=first)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM budget_ballot")
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    assert len(rows) == 4
    forbidden = {
        str(record.pk),
        str(first.pk),
        first.email,
        record.cast_at.isoformat(),
        record.cast_at.strftime("%Y-%m-%d %H:%M:%S"),
        record.cast_at.date().isoformat(),
    }
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            if column in {"choices", "campaign_id", "envelope_id"}:
                continue  # project ids, and what every ballot of the envelope shares
            assert str(value) not in forbidden, column
            assert not any(f in str(value) for f in forbidden if len(f) > 8), column
    assert all(
        uuid.UUID(str(pk)).version == 4 for pk in Ballot.objects.values_list("pk", flat=True)
    )


def test_mixing_the_box_keeps_every_receipt_valid_under_new_ids(city, two_voters):
    _first, _second, codes = two_voters
    before = dict(Ballot.objects.values_list("receipt_hash", "pk"))
    assert ballots_shuffle(campaign=city.campaign) == 4
    after = dict(Ballot.objects.values_list("receipt_hash", "pk"))
    assert set(after) == set(before)
    assert not set(after.values()) & set(before.values())
    for code in codes.values():
        assert Ballot.objects.filter(receipt_hash=receipt_hash(code, city.city.pk)).exists()
    # Mixed once: a second call has nothing to do until a new ballot arrives.
    assert ballots_shuffle(campaign=city.campaign) == 0


def test_after_mixing_no_transaction_id_ties_a_ballot_to_a_voter(city, two_voters):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's hidden xmin column; SQLite has none (it has rowids, mixed too)")
    ballots_shuffle(campaign=city.campaign)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM budget_ballot")
        ballot_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM budget_voterrecord")
        record_xmins = {row[0] for row in cursor.fetchall()}
    assert len(ballot_xmins) == 1
    assert not ballot_xmins & record_xmins
