"""Photos sent by citizens (ideas, budget projects): checked by their content (never their
name), re-encoded, and kept between the steps of a form.

Re-encoding drops every metadata block (EXIF, GPS position, camera serial, XMP), applies the
EXIF orientation so the picture stays upright, and downsizes large pictures. A picture's
dimensions are read from its header and checked before any pixel is decoded, so that a small
file announcing a huge picture (a decompression bomb) costs neither memory nor time.

A form with a photo (see `civic.forms.StagedPhotoForm`) may be sent several times before it
is accepted (a preview, a field to correct). A valid photo is therefore *staged*: stored
once, named by a signed token that travels in the form, so that it is never asked for
twice. A view binds each step with `photo_form_bind()`, opens the staged photo for the final
service with `photo_staged_open()`, then deletes it with `photo_unstage()`::

    step = photo_form_bind(make_form=MyForm, data=request.POST.copy(), files=request.FILES,
                           user=request.user)
    if not step.valid:
        return render(..., {"form": step.form}, status=400)
    with photo_staged_open(token=step.token, user=request.user) as photo:
        thing = services.thing_submit(..., photo=photo)
    photo_unstage(token=step.token, user=request.user)
"""

import io
import struct
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


@dataclass(frozen=True)
class PhotoLimits:
    """What a citizen's photo may be (settings `CIVIC_PHOTO_*`, see civic/settings/base.py):
    at most `max_bytes` on disk, `max_side` pixels on its longer side and `max_pixels` in all
    (a phone's 12 to 24 megapixels pass; a decompression bomb does not), stored at most
    `stored_side` pixels a side."""

    max_bytes: int
    max_side: int
    max_pixels: int
    stored_side: int


def photo_limits() -> PhotoLimits:
    return PhotoLimits(
        max_bytes=settings.CIVIC_PHOTO_MAX_BYTES,
        max_side=settings.CIVIC_PHOTO_MAX_SIDE,
        max_pixels=settings.CIVIC_PHOTO_MAX_PIXELS,
        stored_side=settings.CIVIC_PHOTO_STORED_SIDE,
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0")


def _too_large_dimensions(width: int, height: int, limits: PhotoLimits) -> ValidationError:
    return ValidationError(
        _(
            "Cette image est trop grande : %(w)s × %(h)s pixels. Une photo peut avoir au plus "
            "%(side)s pixels de côté et %(mp)s mégapixels : réduisez-la (ou faites une capture "
            "d'écran) et envoyez-la de nouveau."
        )
        % {
            "w": width,
            "h": height,
            "side": limits.max_side,
            "mp": f"{limits.max_pixels / 1_000_000:g}".replace(".", ","),
        },
        code="photo_dimensions",
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        _("Ce fichier n'est pas une image lisible. Choisissez une photo JPEG, PNG ou WebP."),
        code="photo_invalid",
    )


@contextmanager
def _open_header(upload, limits: PhotoLimits) -> Iterator[Image.Image]:
    """The picture in `upload`, opened lazily: only its header is read, so its format and size
    are known before a single pixel is decoded. Refuses (ValidationError) what is not a
    readable picture, and what has more pixels than `limits` allow (checked here, on the
    header, and by Pillow's own bomb check at twice `Image.MAX_IMAGE_PIXELS`)."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Below twice its cap Pillow only warns: our own check, next, then refuses with
            # the picture's dimensions. Above, it raises at once.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except Image.DecompressionBombError as exc:
        upload.seek(0)
        raise ValidationError(
            _(
                "Cette image est trop grande. Une photo peut avoir au plus %(side)s pixels de "
                "côté et %(mp)s mégapixels : réduisez-la et envoyez-la de nouveau."
            )
            % {
                "side": limits.max_side,
                "mp": f"{limits.max_pixels / 1_000_000:g}".replace(".", ","),
            },
            code="photo_dimensions",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        upload.seek(0)
        raise _unreadable() from exc
    with image:  # leaves `upload` open (Image.close() would close it)
        width, height = image.size
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _(
                    "Format d'image non accepté (%(format)s). Choisissez une photo JPEG, PNG "
                    "ou WebP."
                )
                % {"format": image.format},
                code="photo_format",
            )
        if (
            max(width, height) > limits.max_side
            or width * height > limits.max_pixels
            or min(width, height) < 1
        ):
            raise _too_large_dimensions(width, height, limits)
        yield image


def photo_validate(upload) -> None:
    """Raise ValidationError unless `upload` is a JPEG, PNG or WebP picture within the limits
    of `photo_limits()` (5 MB, 6000 pixels a side, 24 megapixels by default).

    The format is read from the file's content by Pillow; the file name is ignored. The size
    in bytes, then the format and the dimensions (from the header) are checked *before* any
    pixel is decoded; only then does Pillow check the file's structure (`verify()`).
    """
    limits = photo_limits()
    if upload.size > limits.max_bytes:
        raise ValidationError(
            _(
                "La photo pèse %(size)s Mo : %(max)s Mo au plus. Réduisez-la ou choisissez-en "
                "une autre."
            )
            % {"size": _megabytes(upload.size), "max": _megabytes(limits.max_bytes)},
            code="photo_too_large",
        )
    try:
        with _open_header(upload, limits) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        raise _unreadable() from exc
    finally:
        upload.seek(0)


def photo_process(upload) -> ContentFile:
    """A clean copy of a validated picture: upright, at most `CIVIC_PHOTO_STORED_SIDE` (1600)
    pixels a side, no metadata.

    Memory stays bounded: the dimensions are checked on the header first (`photo_validate`);
    a JPEG is then decoded directly at a reduced scale (`Image.draft`, 1/2 to 1/8) close to the
    stored size, and every picture is shrunk before it is turned upright and re-encoded.
    Pictures with transparency become PNG, all others JPEG; the name is random.
    """
    photo_validate(upload)
    limits = photo_limits()
    side = limits.stored_side
    try:
        with _open_header(upload, limits) as original:
            if original.format == "JPEG":
                # The size it will be stored at: draft() decodes at the smallest scale (1/2,
                # 1/4 or 1/8) that still gives at least that many pixels each way.
                ratio = min(1, side / max(original.size))
                original.draft(
                    "RGB", (round(original.width * ratio), round(original.height * ratio))
                )
            original.thumbnail((side, side))  # decodes (at the draft's scale), then shrinks
            image = ImageOps.exif_transpose(original)
            image.load()
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        raise _unreadable() from exc
    finally:
        upload.seek(0)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    buffer = io.BytesIO()
    if has_alpha:
        image = image.convert("RGBA")
        # A fresh image carries no `info` (EXIF, XMP, ICC, text chunks) from the original.
        clean = Image.new("RGBA", image.size)
        clean.paste(image)
        clean.save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        image = image.convert("RGB")
        clean = Image.new("RGB", image.size)
        clean.paste(image)
        clean.save(buffer, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


# Keeping a photo between the form, the preview and the final submission --------------------

STAGING_DIR = "photos/staging"
STAGING_SALT = "civic.photo-staging"
STAGING_MAX_AGE = 6 * 3600


def photo_stage(*, upload, user) -> str:
    """Store a validated photo (already cleaned of its metadata) until the form is accepted;
    returns a signed token naming it, valid for its uploader for six hours."""
    cleaned = photo_process(upload)
    photo_staging_purge()
    path = default_storage.save(f"{STAGING_DIR}/{cleaned.name}", cleaned)
    return signing.dumps({"path": path, "user": user.pk}, salt=STAGING_SALT)


def photo_staged(*, token: str, user) -> File | None:
    """The staged photo named by `token`, or None if the token is forged, expired, someone
    else's, or the file is gone."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=STAGING_SALT, max_age=STAGING_MAX_AGE)
    except signing.BadSignature:
        return None
    path = payload.get("path", "")
    if payload.get("user") != user.pk or not path.startswith(f"{STAGING_DIR}/"):
        return None
    if not default_storage.exists(path):
        return None
    return File(default_storage.open(path, "rb"), name=path.rsplit("/", 1)[-1])


def photo_unstage(*, token: str, user) -> None:
    """Delete the staged photo once it is saved with what it illustrates (or removed by its
    owner). Does nothing for an invalid token."""
    staged = photo_staged(token=token, user=user)
    if staged is not None:
        staged.close()
        payload = signing.loads(token, salt=STAGING_SALT, max_age=STAGING_MAX_AGE)
        default_storage.delete(payload["path"])


def photo_staging_purge(*, older_than: timedelta = timedelta(seconds=STAGING_MAX_AGE)) -> int:
    """Delete staged photos whose token has expired (forms never submitted). Returns how many."""
    try:
        _dirs, files = default_storage.listdir(STAGING_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    limit = timezone.now() - older_than
    removed = 0
    for name in files:
        path = f"{STAGING_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed


@contextmanager
def photo_staged_open(*, token: str, user) -> Iterator[File | None]:
    """The staged photo named by `token`, open for reading while the block runs (None when
    there is none or the token is not valid for `user`); always closed afterwards."""
    staged = photo_staged(token=token, user=user)
    try:
        yield staged
    finally:
        if staged is not None:
            staged.close()


@dataclass(frozen=True)
class PhotoFormStep:
    """One step of a form with a staged photo: the bound `form`, whether it is `valid`, and
    the `token` of the photo kept for the next step ("" when there is none)."""

    form: object
    valid: bool
    token: str

    @property
    def has_photo(self) -> bool:
        return bool(self.token)


def photo_form_bind(*, make_form: Callable, data, files, user) -> PhotoFormStep:
    """Bind one step of a form with a photo, keeping the photo across the steps.

    `make_form(data, files=None, *, kept_photo_name="")` builds the form; `data` is a mutable
    copy of the POST data, whose `photo_token` is updated for the next step. The rules:
    a photo already staged by this user is kept; ticking `photo_remove` drops it; a new valid
    upload replaces it and is staged in turn (so another field's error never loses it); a
    forged, expired or someone else's token is ignored.
    """
    token = data.get("photo_token", "")
    staged = photo_staged(token=token, user=user)
    if data.get("photo_remove") and staged is not None:
        staged.close()
        photo_unstage(token=token, user=user)
        staged = None
        data.pop("photo_remove")
    form = make_form(data, files, kept_photo_name=staged.name if staged else "")
    valid = form.is_valid()
    upload = form.cleaned_data.get("photo") if "photo" not in form.errors else None
    if upload:
        if staged is not None:
            staged.close()
            photo_unstage(token=token, user=user)
        data["photo_token"] = photo_stage(upload=upload, user=user)
        staged = photo_staged(token=data["photo_token"], user=user)
        form = make_form(data, None, kept_photo_name=staged.name if staged else "")
        valid = form.is_valid()
    if staged is None:
        data["photo_token"] = ""
    else:
        staged.close()
    return PhotoFormStep(form=form, valid=valid, token=data.get("photo_token", ""))
