import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from civic.forms import StagedPhotoForm
from civic.photos import (
    photo_form_bind,
    photo_process,
    photo_staged,
    photo_staged_open,
    photo_validate,
)


def jpeg_with_gps(size=(2400, 1200)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0112] = 1  # Orientation
    exif[0x8825] = {1: "N", 2: (47.0, 4.0, 48.0), 3: "E", 4: (2.0, 24.0, 1.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_exif_and_gps_are_stripped_and_the_photo_downsized():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the fixture really carries a position

    cleaned = photo_process(upload(original))

    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == "JPEG"
        assert not result.getexif()
        assert "exif" not in result.info
        assert max(result.size) == 1600
    assert cleaned.name.endswith(".jpg") and cleaned.name != "photo.jpg"


def test_png_with_transparency_stays_png():
    image = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    cleaned = photo_process(upload(buffer.getvalue(), "logo.png", "image/png"))
    assert cleaned.name.endswith(".png")


def test_a_non_image_renamed_jpg_is_refused():
    with pytest.raises(ValidationError) as error:
        photo_validate(upload(b"%PDF-1.4 not a picture at all", "vacances.jpg"))
    assert "n'est pas une image" in error.value.messages[0]


def test_a_gif_is_refused_even_named_jpg():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(ValidationError) as error:
        photo_validate(upload(buffer.getvalue(), "anim.jpg"))
    assert "GIF" in error.value.messages[0]


def test_more_than_5_mb_is_refused():
    big = upload(jpeg_with_gps((100, 100)) + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        photo_validate(big)
    assert "5 Mo au plus" in error.value.messages[0]


@pytest.mark.django_db
def test_staged_photos_are_kept_for_their_owner_then_purged(settings, tmp_path):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from civic.photos import photo_stage, photo_staged, photo_staging_purge
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    owner, other = UserFactory(), UserFactory()
    token = photo_stage(upload=upload(jpeg_with_gps((50, 40))), user=owner)

    staged = photo_staged(token=token, user=owner)
    assert staged is not None
    staged.close()
    assert photo_staged(token=token, user=other) is None
    assert photo_staging_purge() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        assert photo_staging_purge() == 1
        assert photo_staged(token=token, user=owner) is None


# One step of a form with a staged photo (photo_form_bind) --------------------------------


class PhotoForm(StagedPhotoForm):
    title = forms.CharField()


def bind(user, data, files=None):
    return photo_form_bind(make_form=PhotoForm, data=dict(data), files=files, user=user)


@pytest.fixture
def owner(db, settings, tmp_path):
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    return UserFactory()


def test_a_valid_photo_is_kept_when_another_field_is_wrong(owner):
    step = bind(owner, {"title": ""}, {"photo": upload(jpeg_with_gps((50, 40)))})

    assert not step.valid and "title" in step.form.errors
    assert step.has_photo and step.form.kept_photo_name.endswith(".jpg")
    assert step.form["photo_token"].value() == step.token

    again = bind(owner, {"title": "Un banc", "photo_token": step.token})
    assert again.valid and again.token == step.token
    with photo_staged_open(token=again.token, user=owner) as photo:
        assert photo is not None and not photo.closed
    assert photo.closed


def test_a_new_photo_replaces_the_kept_one_and_remove_drops_it(owner, tmp_path):
    first = bind(owner, {"title": "Un banc"}, {"photo": upload(jpeg_with_gps((50, 40)))})
    second = bind(
        owner,
        {"title": "Un banc", "photo_token": first.token},
        {"photo": upload(jpeg_with_gps((60, 40)))},
    )
    assert second.token != first.token
    assert photo_staged(token=first.token, user=owner) is None  # its file is deleted
    assert len(list((tmp_path / "photos" / "staging").iterdir())) == 1

    removed = bind(owner, {"title": "Un banc", "photo_token": second.token, "photo_remove": "on"})
    assert removed.valid and not removed.has_photo
    assert removed.form.kept_photo_name == ""
    assert list((tmp_path / "photos" / "staging").iterdir()) == []


def test_someone_else_s_or_a_forged_token_keeps_no_photo(owner):
    from tests.factories import UserFactory

    theirs = bind(owner, {"title": "Un banc"}, {"photo": upload(jpeg_with_gps((50, 40)))})
    for token in (theirs.token, "forged"):
        step = bind(UserFactory(), {"title": "Un banc", "photo_token": token})
        assert step.valid and not step.has_photo
        assert step.form["photo_token"].value() == ""
    assert photo_staged(token=theirs.token, user=owner) is not None  # still the owner's


def test_an_invalid_photo_is_not_staged(owner):
    step = bind(owner, {"title": "Un banc"}, {"photo": upload(b"not a picture", "x.jpg")})
    assert not step.valid and "photo" in step.form.errors
    assert not step.has_photo
