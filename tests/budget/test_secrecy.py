"""The secret ballot: nothing in the schema, in any ORM query, in the database's hidden
columns (during the vote and after the count, dead row versions included) nor in the size of
the vote's pages ties a ballot to its voter. See docs/ballot-secrecy.md."""

import datetime
import itertools
import re
import uuid

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.ballots import RELEASE_BATCH, ballot_cast, ballots_shuffle, pending_ballots_release
from budget.models import Ballot, Campaign, Envelope, PendingBallot, VoterRecord
from budget.receipts import receipt_hash
from budget.results import results_publish
from tests.factories import CitizenFactory

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


# The attacks of issue 9, performed: each must fail -------------------------------------------

VOTERS = 25  # one batch of RELEASE_BATCH (20) released, 5 still pending


def _on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's hidden columns (xmin, ctid); SQLite has none of them")


def _distinct_ballots(city, count):
    """`count` different ballots, each in the city envelope and the north one."""
    city_sets = [
        [p.pk for p in combo]
        for n in (1, 2, 3)
        for combo in itertools.combinations(city.city_projects, n)
    ]
    north_sets = [[p.pk] for p in city.north_projects]
    return [
        {city.city.pk: city_sets[i % len(city_sets)], city.north.pk: north_sets[i % 3]}
        for i in range(count)
    ]


def _vote(city, make_voter, count=VOTERS):
    """`count` north voters cast different ballots online; {user pk: (choices, code)}."""
    truth = {}
    for choices in _distinct_ballots(city, count):
        voter = make_voter()
        truth[voter.pk] = (
            choices,
            ballot_cast(campaign=city.campaign, voter=voter, choices=choices),
        )
    return truth


def _records_xmin():
    with connection.cursor() as cursor:
        cursor.execute("SELECT user_id, xmin::text::bigint FROM budget_voterrecord")
        return dict(cursor.fetchall())


def _xmin_pairing(records, ballots):
    """The attack of issue 9, at its strongest: a ballot is written after its voter record, so
    pair each record with the ballots of each envelope bearing the first transaction id that
    follows the record's (issue 9 looked at xmin+1..3; this also covers a batch written later).
    `ballots` is [(xmin, envelope id, receipt hash)]; returns {(user, envelope): hashes}."""
    candidates = {}
    for user, xmin in records.items():
        for envelope_id in {envelope for _x, envelope, _h in ballots}:
            later = [b for b in ballots if b[1] == envelope_id and b[0] > xmin]
            if later:
                first = min(b[0] for b in later)
                candidates[(user, envelope_id)] = [h for x, _e, h in later if x == first]
    return candidates


def _odds(candidates, truth):
    """The attacker's odds of naming each voter's ballot in each envelope: 1 / candidates when
    the true ballot is among them (a uniform guess), 0 when it is not."""
    odds = {}
    for (user, envelope_id), found in candidates.items():
        true_hash = receipt_hash(truth[user][1], envelope_id)
        odds[(user, envelope_id)] = 1 / len(found) if true_hash in found else 0.0
    return odds


@pytest.mark.django_db(transaction=True)
def test_pairing_transaction_ids_during_the_vote_links_no_ballot_to_its_voter(city, make_voter):
    _on_postgresql()
    truth = _vote(city, make_voter)
    records = _records_xmin()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text::bigint, envelope_id, receipt_hash, ctid, choices FROM budget_ballot"
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT xmin::text::bigint, octet_length(sealed) FROM budget_pendingballot")
        pending = cursor.fetchall()
    ballots = [row[:3] for row in rows]

    # 1. The pairing of issue 9 (each record with the ballots written just after it): on main
    # it names every voter's ballot. Here a released voter's ballot is one of k at best.
    odds = _odds(_xmin_pairing(records, ballots), truth)
    k = RELEASE_BATCH
    linked = sum(p == 1 for p in odds.values())
    assert max(odds.values()) <= 1 / k, f"{linked} ballots named for certain, odds {odds}"
    assert len([p for p in odds.values() if p]) == 2 * k  # the released voters, both envelopes

    # 2. A stronger attacker: a ballot's batch (its xmin) follows the record of every voter it
    # holds, so the voters whose record precedes a batch and no earlier batch are its
    # candidates. Still at least k of them for each ballot.
    batches = sorted({xmin for xmin, _e, _c in ballots})
    assert len(ballots) == 2 * RELEASE_BATCH and len(batches) == 1
    for batch in batches:
        earlier = max([b for b in batches if b < batch], default=0)
        voters = [u for u, xmin in records.items() if earlier < xmin < batch]
        assert len(voters) >= k

    # 3. Within the batch, the physical order (ctid) does not follow the order of voting:
    # pairing the n-th ballot with the n-th voter gets about one right, as chance does.
    voting_order = [u for u, _x in sorted(records.items(), key=lambda item: item[1])][:k]
    by_ctid = sorted(
        (row for row in rows if row[1] == city.city.pk),
        key=lambda row: tuple(int(x) for x in row[3].strip("()").split(",")),
    )
    hits = sum(
        row[2] == receipt_hash(truth[user][1], city.city.pk)
        for row, user in zip(by_ctid, voting_order, strict=True)
    )
    assert hits <= 5  # a random permutation of 20 has 6+ fixed points with odds < 0.1 %

    # 4. The 5 voters after the batch: their ballots are sealed, all of one length, and hold
    # no receipt hash in clear (the hashes of released ballots included).
    assert len(pending) == 2 * (VOTERS - RELEASE_BATCH)
    assert len({length for _x, length in pending}) == 1
    sealed = b"".join(bytes(s) for s in PendingBallot.objects.values_list("sealed", flat=True))
    for _user, (_choices, code) in truth.items():
        for envelope_id in (city.city.pk, city.north.pk):
            assert receipt_hash(code, envelope_id).encode() not in sealed


def _heap_tuples(table):
    """Every tuple version in `table`'s heap, dead ones included (pageinspect):
    [(xmin, xmax, data bytes)]."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        found = []
        for page in range(pages):
            cursor.execute(
                "SELECT t_xmin::text::bigint, t_xmax::text::bigint, t_data "
                "FROM heap_page_items(get_raw_page(%s, %s)) WHERE lp_flags = 1",
                [table, page],
            )
            found += [(xmin, xmax, bytes(data or b"")) for xmin, xmax, data in cursor.fetchall()]
    return found


HASH = re.compile(rb"[0-9a-f]{64}")


@pytest.mark.django_db(transaction=True)
def test_after_publication_no_row_version_links_a_ballot_to_its_voter(city, make_voter, agent):
    _on_postgresql()
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        except DatabaseError as error:
            pytest.skip(f"pageinspect is not available here ({error}): cannot read dead tuples")
    truth = _vote(city, make_voter)
    with (
        time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        results_publish(actor=agent, campaign=city.campaign)
    records = _records_xmin()
    current = dict(Ballot.objects.values_list("receipt_hash", "choices"))
    envelope_of = dict(Ballot.objects.values_list("receipt_hash", "envelope_id"))
    assert len(current) == 2 * VOTERS

    # Every row version of the ballot box, live or dead: a dead one still shows its receipt
    # hash, which leads to the live row and its choices (the attack that re-linked 9 of 12).
    # VACUUM FULL removes them, unless a transaction still running elsewhere holds them back:
    # then they are what the attacker pairs, and the pairing still names no ballot.
    versions = _heap_tuples("budget_ballot")
    ballots = []
    for xmin, _xmax, data in versions:
        match = HASH.search(data)
        assert match and match.group(0).decode() in current
        h = match.group(0).decode()
        ballots.append((xmin, envelope_of[h], h))
    odds = _odds(_xmin_pairing(records, ballots), truth)
    linked = sum(p == 1 for p in odds.values())
    assert max(odds.values()) <= 1 / RELEASE_BATCH, f"{linked} ballots named for certain"
    assert len(odds) == 2 * VOTERS
    # The count rewrote the ballot tables, once committed (outside any transaction block).
    assert any(q["sql"].startswith("VACUUM FULL budget_ballot") for q in queries.captured_queries)
    # The pending ballots' old versions (the rows that sat beside the voter records) are
    # sealed: no receipt hash, no choice in clear.
    for _xmin, _xmax, data in _heap_tuples("budget_pendingballot"):
        assert not HASH.search(data)
    # And every receipt still verifies.
    for _user, (choices, code) in truth.items():
        assert current[receipt_hash(code, city.city.pk)] == sorted(choices[city.city.pk])


CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.mark.parametrize("shared_cache", [False, True], ids=["probe each time", "probe kept"])
def test_the_size_of_each_vote_page_does_not_depend_on_the_choices(
    client, city, agent, settings, shared_cache
):
    """Five neighbours (names of equal length, as in issue 9) vote differently: at each step
    the responses have one size, which is also the `Content-Length` a log would record, and
    no proxy may compress them. With JavaScript the browser sends the same requests (the
    script only computes the totals live), so the same sizes hold. With production's shared
    cache, the size of a page without choices is kept per process and shared by neighbours
    (`BallotView.page_key`): the same sizes hold."""
    from django.core.cache import cache

    settings.CIVIC_PAGE_CACHE = shared_cache
    cache.clear()
    url = reverse("budget:ballot", args=[city.campaign.slug])
    field_city, field_north = f"enveloppe-{city.city.pk}", f"enveloppe-{city.north.pk}"
    ballots = [
        {field_city: [city.city_projects[0].pk], field_north: []},
        {field_city: [p.pk for p in city.city_projects[:3]], field_north: []},
        {field_city: [], field_north: [city.north_projects[3].pk]},
        {
            field_city: [city.city_projects[4].pk, city.city_projects[1].pk],
            field_north: [p.pk for p in city.north_projects[:2]],
        },
        {field_city: [city.city_projects[2].pk], field_north: [city.north_projects[1].pk]},
    ]
    too_many = [
        {field_city: [p.pk for p in city.city_projects[:4]]},
        {
            field_city: [p.pk for p in city.city_projects[1:]],
            field_north: [p.pk for p in city.north_projects],
        },
    ]
    sizes: dict[str, set] = {}
    codes = []

    headers = []

    def measure(step, response, status=200):
        assert response.status_code == status, step
        headers.append((int(response["Content-Length"]), response.get("Cache-Control", "")))
        sizes.setdefault(step, set()).add(len(response.content))

    for i, choices in enumerate(ballots):
        voter = CitizenFactory(
            email=f"votant{i}@example.org",
            first_name="Votant",
            last_name=f"N{i}",
            profile__display_name=f"Votant {i}",
            profile__district=city.north.district,
        )
        client.force_login(voter)
        measure("ballot as it opens", client.get(url))
        preselected = (city.city_projects + city.north_projects)[i]
        measure("ballot with a project ticked", client.get(url, {"projet": preselected.pk}))
        measure("update", client.post(url, {**choices, "action": "update"}))
        if i < len(too_many):
            measure("refused", client.post(url, {**too_many[i], "action": "review"}), 400)
        measure("confirmation", client.post(url, {**choices, "action": "review"}))
        measure("back to the choices", client.post(url, {**choices, "action": "edit"}))
        receipt = client.post(url, {**choices, "action": "confirm"})
        measure("receipt", receipt)
        codes.append(CODE.search(receipt.content.decode()).group(0))
    client.logout()
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)
    check = reverse("budget:receipt_check", args=[city.campaign.slug])
    for code in codes:
        response = client.post(check, {"code": code})
        assert "comptés" in response.content.decode() or "compté" in response.content.decode()
        measure("receipt check", response)
    measure("receipt check", client.post(check, {"code": "AAAA-AAAA-AAAA-AAAA"}))
    assert {step: len(found) for step, found in sizes.items()} == dict.fromkeys(sizes, 1), sizes
    # What a log records is that size; and no proxy may compress these pages.
    assert all(length in set().union(*sizes.values()) for length, _cache in headers)
    assert all("no-transform" in cache for _length, cache in headers)
    assert "django.middleware.gzip.GZipMiddleware" not in settings.MIDDLEWARE
