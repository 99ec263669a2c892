"""Issue #8 point 23, in a browser: a huge picture chosen on the idea form is refused with a
clear message on the photo field, and nothing typed is lost; a phone photo goes through."""

import re

import pytest
from playwright.sync_api import expect

from proposals.models import Idea
from tests.browser.test_drafts import log_in, shoot
from tests.moderation.factories import ThemeFactory
from tests.photo_samples import phone_jpeg, png_bomb

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_huge_picture_is_refused_on_the_form_and_a_photo_accepted(
    live_server, browser_page, default_site, citizen, settings, tmp_path, axe_check
):
    settings.MEDIA_ROOT = tmp_path
    ThemeFactory(name="Mobilité", slug="mobilite")
    page = browser_page
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    page.get_by_label(re.compile("Titre")).fill("Un plan du parc")
    page.get_by_label(re.compile("Description")).fill("Le plan, en photo.")
    page.get_by_label(re.compile("Thème")).select_option(label="Mobilité")
    page.get_by_label("Choisir une photo").set_input_files(
        files=[{"name": "plan.png", "mimeType": "image/png", "buffer": png_bomb()}]
    )
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()

    expect(page.locator("#id_photo_error")).to_contain_text(
        "Cette image est trop grande : 6300 × 6300 pixels"
    )
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Un plan du parc")
    expect(page.locator("#id_body")).to_have_value("Le plan, en photo.")
    axe_check(page)
    shoot(page, "idea-form-photo-too-large")

    page.get_by_label("Choisir une photo").set_input_files(
        files=[{"name": "parc.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()}]
    )
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()
    page.get_by_role("button", name=re.compile("Envoyer mon idée")).click()
    expect(page.get_by_text(re.compile("Votre idée est bien reçue"))).to_be_visible()
    idea = Idea.objects.get()
    assert idea.photo.width == 1600 and idea.photo.height == 1200
