"""The demo's pictures, drawn with Pillow (nothing is downloaded).

One drawing for every demo picture, a flat illustration of the town (sky gradient, sun,
three rows of buildings with lit windows, a river), coloured by a palette of two colours
and varied by a seed (the picture's title), so the same title always gives the same picture.
"""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

Colour = str | tuple[int, int, int]  # "#0b4f8a" or (11, 79, 138)


def demo_picture(
    *, palette: tuple[Colour, Colour], seed: str, size=(1200, 675), format="PNG"
) -> ContentFile:
    """The illustration for `seed` (sky from `palette[0]` to `palette[1]`), as an image file."""
    buffer = io.BytesIO()
    picture = _draw_town(palette, seed=seed, width=size[0], height=size[1])
    if format == "JPEG":
        picture.save(buffer, format="JPEG", quality=80)
    else:
        picture.save(buffer, format=format, optimize=True)
    name = f"demo-{slugify(seed)[:50]}.{format.lower().replace('jpeg', 'jpg')}"
    return ContentFile(buffer.getvalue(), name=name)


def demo_image(*, title: str, palette: tuple[Colour, Colour]):
    """A Wagtail image of the illustration for `title`; reused by title (idempotent)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = demo_picture(palette=palette, seed=title)
        image = Image(title=title, file=ImageFile(picture, name=picture.name))
        image.save()
    return image


def _rgb(colour: Colour) -> tuple[int, int, int]:
    if isinstance(colour, str):
        colour = colour.lstrip("#")
        return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return tuple(colour)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _draw_town(palette, *, seed, width, height) -> Image.Image:
    rng = random.Random(seed)
    scale = width / 1200  # the shapes are designed for 1200 × 675
    top, bottom = _rgb(palette[0]), _rgb(palette[1])
    white, night = (255, 255, 255), (12, 28, 48)
    canvas = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(canvas)

    def s(value):
        return round(value * scale)

    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / height))
    sun_x, sun_y = s(rng.randint(760, 1060)), s(rng.randint(100, 190))
    for radius, alpha in ((s(120), 0.12), (s(95), 0.25)):
        glow = _mix(_mix(top, bottom, sun_y / height), (242, 165, 65), alpha)
        draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=glow)
    draw.ellipse([sun_x - s(70), sun_y - s(70), sun_x + s(70), sun_y + s(70)], fill=(242, 165, 65))
    ground = height - s(110)
    for layer in range(3):
        # far rows are pale (haze), near rows dark
        colour = _mix(_mix(top, night, 0.35 + 0.2 * layer), white, 0.45 - 0.2 * layer)
        window = _mix((255, 214, 140), colour, 0.15 * layer)
        x = s(rng.randint(-60, 0))
        base = ground + s(layer * 28)
        while x < width:
            w = s(rng.randint(60, 140))
            h = s(rng.randint(110, 330) - layer * 60)
            draw.rectangle([x, base - h, x + w, height], fill=colour)
            if rng.random() < 0.3:
                draw.polygon(
                    [
                        (x - s(4), base - h),
                        (x + w // 2, base - h - s(45)),
                        (x + w + s(4), base - h),
                    ],
                    fill=colour,
                )
            if layer:
                for wy in range(base - h + s(18), base - s(20), s(30)):
                    for wx in range(x + s(12), x + w - s(16), s(24)):
                        if rng.random() < 0.45:
                            draw.rectangle([wx, wy, wx + s(10), wy + s(14)], fill=window)
            x += w + s(rng.randint(4, 26))
    river_top = height - s(48)
    draw.rectangle([0, river_top, width, height], fill=_mix(bottom, white, 0.25))
    for i in range(4):
        y = river_top + s(10 + i * 9)
        for start in range(s(rng.randint(-80, 0)), width, s(160)):
            draw.line([(start, y), (start + s(70), y)], fill=_mix(bottom, white, 0.6), width=2)
    return canvas
