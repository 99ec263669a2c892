"""The shared role fixtures give each role what it needs to work on the platform."""

import pytest
from allauth.account.models import EmailAddress

from civic.accounts import roles

# Declared so pytest-django runs these tests with the database tests, before the
# transactional ones flush Wagtail's root page (one test looks its fixture up by name).
pytestmark = pytest.mark.django_db


def test_citizen_can_participate(citizen):
    assert EmailAddress.objects.filter(user=citizen, verified=True, primary=True).exists()
    assert citizen.profile.district is not None
    assert citizen.public_name == "Camille D."
    assert list(citizen.groups.values_list("name", flat=True)) == [roles.CITIZENS]
    assert not citizen.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize(
    ("fixture", "group"),
    [
        ("moderator", roles.MODERATORS),
        ("elected", roles.ELECTED),
        ("agent", roles.STAFF),
        ("administrator", roles.ADMINISTRATORS),
    ],
)
def test_admin_roles_reach_the_wagtail_admin(request, client, fixture, group):
    person = request.getfixturevalue(fixture)
    assert person.groups.filter(name=group).exists()
    assert person.has_perm("wagtailadmin.access_admin")
    client.force_login(person)
    assert client.get("/admin/").status_code == 200


def test_administrator_is_superuser(administrator):
    assert administrator.is_superuser
