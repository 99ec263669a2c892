from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from civic.accounts.selectors import user_has_verified_email
from tests.factories import UserFactory


def test_only_a_signed_in_user_with_a_confirmed_address_has_a_verified_email(citizen):
    assert user_has_verified_email(citizen)  # CitizenFactory confirms the address

    EmailAddress.objects.filter(user=citizen).update(verified=False)
    assert not user_has_verified_email(citizen)

    assert not user_has_verified_email(UserFactory())
    assert not user_has_verified_email(AnonymousUser())
    assert not user_has_verified_email(None)
