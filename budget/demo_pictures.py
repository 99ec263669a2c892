"""Sketches of a few demo projects, drawn with Pillow (nothing is downloaded).

Each picture shows what the project is about (a cycle lane with its bicycle, solar canopies
over parked cars, a rain garden with trees), so a project card never carries a picture that
says nothing about it (the town skyline of `civic.demo.pictures`, at card size, read as a bar
chart).
"""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1200, 675
SKY, GRASS, ROAD, WHITE = (214, 234, 248), (124, 179, 66), (96, 104, 116), (255, 255, 255)
INK, GREEN, BLUE, ORANGE = (31, 41, 55), (46, 125, 50), (21, 101, 192), (242, 165, 65)


def _base(*, sunny: bool = True) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    canvas = Image.new("RGB", (WIDTH, HEIGHT), SKY if sunny else (200, 212, 224))
    draw = ImageDraw.Draw(canvas)
    if sunny:
        draw.ellipse([1010, 60, 1130, 180], fill=ORANGE)
    draw.rectangle([0, 420, WIDTH, HEIGHT], fill=GRASS)
    return canvas, draw


def _tree(draw, x, y, size=1.0) -> None:
    draw.rectangle([x - 10 * size, y, x + 10 * size, y + 70 * size], fill=(121, 85, 72))
    draw.ellipse([x - 60 * size, y - 100 * size, x + 60 * size, y + 20 * size], fill=GREEN)


def _bicycle(draw, x, y, scale=1.0) -> None:
    r = 55 * scale
    for cx in (x, x + 170 * scale):
        draw.ellipse([cx - r, y - r, cx + r, y + r], outline=INK, width=round(8 * scale))
    pedal, seat, bar = (
        (x + 75 * scale, y),
        (x + 55 * scale, y - 95 * scale),
        (x + 150 * scale, y - 100 * scale),
    )
    for a, b in (
        ((x, y), pedal),
        (pedal, seat),
        (seat, (x, y)),
        (pedal, bar),
        (bar, (x + 170 * scale, y)),
        (seat, bar),
    ):
        draw.line([a, b], fill=(198, 40, 40), width=round(9 * scale))
    draw.line(
        [(seat[0] - 25 * scale, seat[1]), (seat[0] + 20 * scale, seat[1])],
        fill=INK,
        width=round(10 * scale),
    )
    draw.line([bar, (bar[0] + 15 * scale, bar[1] - 30 * scale)], fill=INK, width=round(9 * scale))


def bike_lane() -> Image.Image:
    canvas, draw = _base()
    draw.polygon([(430, 420), (770, 420), (1100, HEIGHT), (100, HEIGHT)], fill=ROAD)
    draw.polygon([(640, 420), (770, 420), (1100, HEIGHT), (760, HEIGHT)], fill=(67, 160, 71))
    draw.line([(630, 420), (740, HEIGHT)], fill=WHITE, width=10)
    for step in range(4):
        top = 440 + step * 60
        draw.line([(540 - step * 40, top), (525 - step * 45, top + 30)], fill=WHITE, width=8)
    _tree(draw, 200, 330)
    _tree(draw, 1020, 330, 0.8)
    _bicycle(draw, 760, 560, 0.8)
    return canvas


def solar_canopy() -> Image.Image:
    canvas, draw = _base()
    draw.rectangle([0, 470, WIDTH, HEIGHT], fill=ROAD)
    for left in (80, 460, 840):
        # A tilted row of panels on two posts, a car parked underneath.
        draw.polygon([(left, 300), (left + 300, 250), (left + 300, 290), (left, 340)], fill=BLUE)
        for k in range(1, 5):
            x = left + k * 60
            draw.line([(x, 300 - k * 10), (x, 340 - k * 10)], fill=(144, 202, 249), width=3)
        for post in (left + 40, left + 260):
            draw.rectangle([post - 6, 330 - (post - left) // 6, post + 6, 500], fill=(84, 110, 122))
        car = [(left + 50, 455), (left + 250, 455)]
        draw.rounded_rectangle([car[0][0], 420, car[1][0], 480], radius=18, fill=(229, 57, 53))
        draw.rounded_rectangle([left + 90, 385, left + 210, 430], radius=14, fill=(239, 83, 80))
        for wheel in (left + 90, left + 210):
            draw.ellipse([wheel - 22, 465, wheel + 22, 509], fill=INK)
    for x in range(40, WIDTH, 160):
        draw.rectangle([x, 580, x + 90, 590], fill=WHITE)
    return canvas


def rain_garden() -> Image.Image:
    canvas, draw = _base(sunny=False)
    draw.rectangle([0, 420, WIDTH, 470], fill=(189, 189, 189))  # the square's paving, kept
    draw.ellipse([230, 470, 970, 660], fill=(129, 199, 132))
    draw.ellipse([420, 520, 780, 610], fill=(100, 181, 246))  # the water it absorbs
    for x, y, size in ((260, 430, 1.0), (600, 400, 1.2), (940, 430, 1.0)):
        _tree(draw, x, y, size)
    for x in range(300, 920, 70):
        draw.ellipse([x, 600, x + 26, 626], fill=(236, 64, 122) if x % 140 else (255, 238, 88))
    for x in range(80, 1150, 90):  # rain
        for y in (40, 150, 260):
            draw.line(
                [(x + (y % 70), y), (x + (y % 70) - 10, y + 35)], fill=(100, 149, 237), width=4
            )
    return canvas


# The projects of budget/demo_content.py given a sketch, by title.
SKETCHES = {
    "Une piste cyclable continue de la gare au centre": bike_lane,
    "Ombrières solaires sur le parking de la piscine": solar_canopy,
    "Un jardin de pluie place de la République": rain_garden,
}


def project_sketch(title: str):
    """The Wagtail image of the sketch for the project `title`, or None when it has none;
    reused by its title (idempotent)."""
    draw = SKETCHES.get(title)
    if draw is None:
        return None
    Image_ = get_image_model()
    image_title = f"{title} (esquisse)"
    image = Image_.objects.filter(title=image_title).first()
    if image is None:
        buffer = io.BytesIO()
        draw().save(buffer, format="PNG", optimize=True)
        name = f"demo-{slugify(title)[:50]}.png"
        image = Image_(title=image_title, file=ImageFile(buffer, name=name))
        image.save()
    return image
