import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from civic.accounts import services
from civic.accounts.models import District
from tests.factories import CitizenFactory, DistrictFactory, UserFactory


@pytest.mark.django_db
def test_profile_get_or_create_is_idempotent():
    user = UserFactory()
    first = services.profile_get_or_create(user=user)
    assert services.profile_get_or_create(user=user) == first
    assert first.display_name == ""


@pytest.mark.django_db
def test_only_the_owner_changes_a_profile(citizen):
    other = CitizenFactory()
    with pytest.raises(PermissionDenied):
        services.profile_update(actor=other, profile=citizen.profile, display_name="Pirate")
    citizen.profile.refresh_from_db()
    assert citizen.profile.display_name == "Camille D."


@pytest.mark.django_db
def test_profile_update_logs_which_fields_changed_not_their_values(citizen):
    services.profile_update(actor=citizen, profile=citizen.profile, display_name="Camille")
    entry = ModelLogEntry.objects.get(action="accounts.profile.update")
    assert entry.user == citizen
    assert entry.data == {"fields": ["display_name"]}


@pytest.mark.django_db
def test_district_save_refuses_a_pyramid_that_does_not_add_up():
    district = District(name="Test", slug="test", population=100)
    with pytest.raises(ValidationError) as error:
        services.district_save(actor=None, district=district, age_pyramid={"0-10": 40, "18-29": 50})
    assert "population" in error.value.message_dict
    assert not District.objects.exists()


@pytest.mark.django_db
def test_district_save_replaces_the_pyramid(administrator):
    district = DistrictFactory(population=100)
    services.district_save(actor=administrator, district=district, age_pyramid={"0-10": 100})
    services.district_save(
        actor=administrator, district=district, age_pyramid={"18-29": 60, "30-44": 40}
    )
    assert dict(district.age_brackets.values_list("bracket", "population")) == {
        "18-29": 60,
        "30-44": 40,
    }


@pytest.mark.django_db
def test_district_save_needs_the_permission(citizen):
    with pytest.raises(PermissionDenied):
        services.district_save(actor=citizen, district=DistrictFactory(), age_pyramid={})
