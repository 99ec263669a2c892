"""Issue #8 point 23: a photo's dimensions are checked on its header, before any pixel is
decoded, so a small file announcing a huge picture costs neither memory nor time; a phone's
photo still passes and is stored small; the admin's own image uploads get the same caps."""

import io
import re
import time
from unittest import mock

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from civic.forms import StagedPhotoForm
from civic.photos import photo_process, photo_validate
from tests.photo_samples import phone_jpeg, png_bomb


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png_bomb()


def upload(content: bytes, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class PhotoForm(StagedPhotoForm):
    title = forms.CharField()


def never_decoded():
    """Patches Pillow so that decoding or verifying any picture fails the test."""
    refuse = mock.Mock(side_effect=AssertionError("pixels decoded"))
    return mock.patch.multiple(ImageFile.ImageFile, load=refuse, verify=refuse)


def test_a_6300_px_png_bomb_is_refused_on_its_header_without_decoding(bomb):
    assert len(bomb) < 120 * 1024  # the 115 KB file of the issue
    with never_decoded():
        started = time.perf_counter()
        form = PhotoForm(
            {"title": "Des bancs au parc"}, {"photo": upload(bomb, "plan.png")}, kept_photo_name=""
        )
        assert not form.is_valid()
        elapsed = time.perf_counter() - started

    (message,) = form.errors["photo"]
    assert "trop grande : 6300 × 6300 pixels" in message
    assert "au plus 6000 pixels de côté et 24 mégapixels" in message
    assert form["title"].value() == "Des bancs au parc"  # what was typed is kept
    assert elapsed < 1  # decoding it takes seconds


def test_pillow_itself_refuses_a_bomb_above_the_pixel_cap(settings):
    # Even with our own limits raised, Pillow's bomb check (Image.MAX_IMAGE_PIXELS, set by
    # the settings to the same 24 MP; it raises at twice that) refuses the picture on open.
    assert Image.MAX_IMAGE_PIXELS == settings.CIVIC_PHOTO_MAX_PIXELS == 24_000_000
    settings.CIVIC_PHOTO_MAX_SIDE = 10_000
    settings.CIVIC_PHOTO_MAX_PIXELS = 100_000_000
    with never_decoded(), pytest.raises(forms.ValidationError) as error:
        photo_validate(upload(png_bomb(7000, 7000)))
    assert "trop grande" in error.value.messages[0]
    assert error.value.code == "photo_dimensions"


@pytest.mark.parametrize(
    ("size", "refused"),
    [((6000, 4000), False), ((6001, 100), True), ((5000, 5000), True), ((100, 6001), True)],
)
def test_the_side_and_pixel_caps(size, refused):
    if refused:
        with never_decoded(), pytest.raises(forms.ValidationError) as error:
            photo_validate(upload(png_bomb(*size)))
        assert error.value.code == "photo_dimensions"
    else:
        photo_validate(upload(png_bomb(*size)))  # 24 MP, 6000 a side: a photo may be that


def test_a_phone_photo_is_accepted_and_stored_at_1600_px():
    original = phone_jpeg(4000, 3000)
    photo_validate(upload(original, "photo.jpg", "image/jpeg"))
    cleaned = photo_process(upload(original, "photo.jpg", "image/jpeg"))
    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.size == (1600, 1200)
        assert stored.format == "JPEG"


def test_a_jpeg_is_decoded_at_a_reduced_scale():
    original = phone_jpeg(4000, 3000)
    seen = []
    real_load = ImageFile.ImageFile.load

    def load(image):
        seen.append(image.size)
        return real_load(image)

    with mock.patch.object(ImageFile.ImageFile, "load", load):
        photo_process(upload(original, "photo.jpg", "image/jpeg"))
    # Image.draft: the 4000 x 3000 pixels are decoded at half scale, never in full.
    assert seen and all(size[0] <= 2000 for size in seen)


def test_a_file_over_the_byte_limit_gets_a_clear_message_and_keeps_the_text(settings):
    settings.CIVIC_PHOTO_MAX_BYTES = 1024 * 1024
    form = PhotoForm(
        {"title": "Un banc"},
        {"photo": upload(phone_jpeg() + b"\0" * (1024 * 1024), "photo.jpg", "image/jpeg")},
    )
    assert not form.is_valid()
    assert re.match(r"La photo pèse 1,3 Mo : 1 Mo au plus\.", form.errors["photo"][0])
    assert form["title"].value() == "Un banc"


def test_the_help_text_says_the_limits(settings):
    settings.CIVIC_PHOTO_MAX_BYTES = 5 * 1024 * 1024
    assert "5 Mo et 6000 pixels de côté au plus" in str(PhotoForm().fields["photo"].help_text)


# Through the pages: a 400 on the form with the message, never a 500 ------------------------


@pytest.mark.django_db
def test_an_idea_with_a_bomb_photo_is_a_400_that_keeps_the_text(
    client, citizen, settings, tmp_path, bomb
):
    from tests.proposals.factories import ThemeFactory

    settings.MEDIA_ROOT = tmp_path
    theme = ThemeFactory()
    client.force_login(citizen)
    response = client.post(
        "/idees/nouvelle/",
        {
            "title": "Des arceaux <vélo>",
            "body": "Devant la médiathèque.",
            "theme": theme.pk,
            "action": "preview",
            "photo": upload(bomb, "plan.png"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "trop grande : 6300 × 6300 pixels" in html
    assert 'value="Des arceaux &lt;vélo&gt;"' in html
    assert not list(tmp_path.rglob("*.*"))  # nothing staged


@pytest.mark.django_db
# Wagtail reads the size itself, letting Pillow warn (24 to 48 MP) before it refuses.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_the_admin_image_upload_refuses_the_bomb(client, administrator, settings, tmp_path, bomb):
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    client.force_login(administrator)
    response = client.post(
        "/admin/images/add/", {"title": "Plan", "file": upload(bomb, "plan.png")}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "trop grand nombre de pixels (39690000)" in html
    assert "24000000" in html
    assert not get_image_model().objects.filter(title="Plan").exists()
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 24_000_000
