"""Padding the vote's pages so that their byte size says nothing of the choices.

Whoever sees the size of a response (web server and proxy access logs, a TLS observer
counting record lengths) must not learn a ballot from it (see `budget/receipts.py`). Each
page of the vote whose content depends on the choices is padded to a size computed only
from what is not secret: the same page rendered without any choice (`base`, `base_size`),
plus room for everything a choice can add (the projects' titles and costs, the per-envelope
totals, the error messages), rounded up to a block. The padding is an HTML comment before
``</body>``.

The padded responses carry ``Cache-Control: no-store, no-transform``: compressing them would
bring the channel back (a compressed length depends on the content), so no proxy may
transform them, and the project serves them uncompressed (no ``GZipMiddleware``; a reverse
proxy must not gzip ``/budget-participatif/*/vote/`` and ``*/verifier/``: see
docs/ballot-secrecy.md).
"""

import logging

from django.utils.cache import patch_cache_control
from django.utils.html import escape

logger = logging.getLogger(__name__)

BLOCK = 4096
PER_PROJECT = 400
PER_ENVELOPE = 1500
FIXED = 2048
_OPEN, _CLOSE = b"<!--", b"-->"
_MAIN_OPEN, _MAIN_CLOSE = b'<main id="main"', b"</main>"


def main_size(page: bytes) -> int:
    """The size of `page`'s `<main id="main">` element (`templates/base.html`)."""
    start = page.find(_MAIN_OPEN)
    end = page.find(_MAIN_CLOSE, start)
    if start < 0 or end < 0:
        raise ValueError('A padded vote page must have its <main id="main"> element.')
    return end + len(_MAIN_CLOSE) - start


def base_size(*, page: bytes, probe_main: int) -> int:
    """The size of `page` had it been rendered without choices, from `probe_main`, the size
    of the `<main>` of that page without choices rendered without its frame (`padding_probe`:
    no header, footer, user bar): `page`'s frame, which no choice changes, plus that `<main>`.
    Exactly the size of the whole page rendered without choices, for a fraction of its
    rendering."""
    return len(page) - main_size(page) + probe_main


def choices_room(*, projects, envelopes) -> int:
    """What choosing any of `projects` in `envelopes` could add to a page."""
    room = FIXED + PER_ENVELOPE * len(envelopes)
    return room + sum(PER_PROJECT + 2 * len(escape(project.title).encode()) for project in projects)


def padded_size(*, base: int, projects=(), envelopes=(), room: int | None = None) -> int:
    """The size every variant of a page is padded to: `base` (the page without choices) plus
    what choosing any of `projects` in `envelopes` could add (`room`, when the caller kept
    it: `choices_room`), rounded up to `BLOCK`."""
    if room is None:
        room = choices_room(projects=projects, envelopes=envelopes)
    return -(-(base + room) // BLOCK) * BLOCK


def response_pad(response, *, size: int):
    """Pad `response`'s body to exactly `size` bytes (more, to the next block, only if the
    bound was wrong: logged, since that page's size then leaks)."""
    body = response.content
    room = size - len(body) - len(_OPEN) - len(_CLOSE)
    if room < 0:
        logger.warning("Vote page of %s bytes over its padded size of %s", len(body), size)
        size = -(-(len(body) + len(_OPEN) + len(_CLOSE)) // BLOCK) * BLOCK
        room = size - len(body) - len(_OPEN) - len(_CLOSE)
    filler = _OPEN + b" " * room + _CLOSE
    at = body.rfind(b"</body>")
    at = len(body) if at < 0 else at
    response.content = body[:at] + filler + body[at:]
    response["Content-Length"] = str(len(response.content))
    patch_cache_control(response, no_store=True, no_transform=True)
    return response
