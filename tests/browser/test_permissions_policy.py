"""The browser applies the Permissions-Policy: the idea form may still locate the citizen
(geolocation is allowed for the site itself), nothing may use the camera, the microphone,
payments or USB."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_browser_applies_the_permissions_policy(live_server, browser_page):
    response = browser_page.goto(f"{live_server.url}/idees/")

    assert "geolocation=(self)" in response.headers["permissions-policy"]
    allowed = browser_page.evaluate(
        "() => ['geolocation', 'camera', 'microphone', 'payment', 'usb']"
        ".map((f) => document.featurePolicy.allowsFeature(f))"
    )
    assert allowed == [True, False, False, False, False]
