import io

import pytest
from allauth.account.models import EmailAddress

from civic.accounts import demo, roles
from civic.accounts.models import District, DistrictAgeBracket, Profile, User


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    """The accounts demo, seeded once for the module."""
    with django_db_blocker.unblock():
        demo.seed(stdout=io.StringIO(), size="small")


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_adds_up_to_ingeville(seeded):
    counts = (
        District.objects.count(),
        DistrictAgeBracket.objects.count(),
        User.objects.count(),
        Profile.objects.count(),
        EmailAddress.objects.count(),
    )
    demo.seed(stdout=io.StringIO(), size="small")
    assert (
        District.objects.count(),
        DistrictAgeBracket.objects.count(),
        User.objects.count(),
        Profile.objects.count(),
        EmailAddress.objects.count(),
    ) == counts

    assert District.objects.count() == 6
    assert sum(District.objects.values_list("population", flat=True)) == 40_000
    for district in District.objects.all():
        brackets = dict(district.age_brackets.values_list("bracket", "population"))
        assert len(brackets) == 8
        assert sum(brackets.values()) == district.population
    assert demo.demo_citizens().count() == 60
    districts_used = set(
        Profile.objects.filter(user__in=demo.demo_citizens()).values_list("district", flat=True)
    )
    assert len(districts_used - {None}) == 6


@pytest.mark.django_db
def test_demo_accounts_can_log_in_with_their_role(seeded, client):
    expected = {
        "admin@ingeville.fr": roles.ADMINISTRATORS,
        "elu@ingeville.fr": roles.ELECTED,
        "agent@ingeville.fr": roles.STAFF,
        "moderateur@ingeville.fr": roles.MODERATORS,
        "citoyen@ingeville.fr": roles.CITIZENS,
    }
    assert {email for _label, email, _password in demo.DEMO_ACCOUNTS} == set(expected)
    for _label, email, password in demo.DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == [expected[email]]
        assert user.check_password(password)
        assert EmailAddress.objects.get(user=user, email=email).verified
        assert user.profile.display_name
    assert User.objects.get(email="admin@ingeville.fr").is_superuser
    response = client.post(
        "/compte/login/", {"login": "elu@ingeville.fr", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_age_pyramid_sums_exactly():
    pyramid = demo.age_pyramid(9_999, [95, 45, 20, 230, 215, 170, 140, 85])
    assert sum(pyramid.values()) == 9_999
    assert list(pyramid) == ["0-10", "11-15", "16-17", "18-29", "30-44", "45-59", "60-74", "75+"]
