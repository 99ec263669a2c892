"""Pages rendered once and kept with holes for what differs from one request to the next.

A signed-in page that is the same for everyone but for a few parts (the vote's ballot: its
frame, campaign, envelopes and projects are everyone's; the ticked boxes, totals, messages
and CSRF token are the voter's) need not be rendered whole for each voter. Its template
marks those parts with `{% hole "name" arg %}` (`{% load page_holes %}`):

    skeleton = holes.skeleton(request, "budget/ballot.html", empty_context, key=..., tables=...)
    html = skeleton.fill(request, context)

Recording renders the template once with every hole written as a marker and keeps the text
between the markers (`Skeleton`), per process, while none of `tables` changes
(`memo.tables_memo`) and for one `key`: everything the text outside the holes depends on
(language, path, campaign...). Filling asks each hole's filler (`hole_filler`) for this
request's text. A template rendered the ordinary way (every other page: base.html's holes)
fills its holes as it goes, with the same fillers, so a page reads the same either way.

A skeleton is recorded from a context that holds nobody's data (the ballot without choices),
and whatever depends on the person is a hole: one voter's page never carries another's.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from .memo import tables_memo

RECORDING = "_civic_holes_recording"
# Markers no content can hold: a NUL (refused in every input) and a per-process secret.
_MARK = f"\x00hole:{secrets.token_hex(8)}:"
_END = "\x00"

FILLERS: dict[str, Callable] = {}
# The holes whose text depends only on the request, never on the view's context (CSRF token,
# messages, alerts...): `Skeleton.fill_twice` fills them once.
PER_REQUEST: set[str] = set()


def hole_filler(name: str, *, per_request: bool = False):
    """Register `func(context, arg) -> str` as the filler of the holes called `name`. The
    context is the template's when a page is rendered the ordinary way, else a `Context` of
    the request (`request`, `csrf_token`) and of the view's context. `per_request`: the
    text depends on the request alone (`request`, `csrf_token`), not on the view's context."""

    def register(func):
        FILLERS[name] = func
        if per_request:
            PER_REQUEST.add(name)
        return func

    return register


def hole_marker(name: str, arg: str) -> str:
    return f"{_MARK}{name}:{arg}{_END}"


@dataclass(frozen=True)
class Skeleton:
    """A rendered page cut at its holes: text, (name, arg), text, ..., text."""

    parts: tuple

    @property
    def holes(self) -> list[tuple[str, str]]:
        return [part for part in self.parts if not isinstance(part, str)]

    def fill(self, request, context: dict) -> str:
        """The page for this request: each hole filled from `context` (the view's)."""
        return self.fill_twice(request, context, None)[0]

    def fill_twice(self, request, context: dict, other: dict | None) -> tuple[str, int]:
        """The page for this request filled from `context`, and the length in bytes of the
        same page filled from `other` (0 when None): the holes that depend on the request
        alone (`PER_REQUEST`) are filled once, for both."""
        token = SimpleLazyObject(lambda: get_token(request))  # one masked token per page
        filled = Context({**context, "request": request, "csrf_token": token})
        second = (
            None if other is None else Context({**other, "request": request, "csrf_token": token})
        )
        out, size = [], 0
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                size += len(part.encode())
                continue
            name, arg = part
            text = str(FILLERS[name](filled, arg))
            out.append(text)
            if second is not None:
                if name not in PER_REQUEST:
                    text = str(FILLERS[name](second, arg))
                size += len(text.encode())
        return "".join(out), (size if other is not None else 0)


def record(request, template: str, context: dict) -> Skeleton:
    """`template` rendered with `context`, every hole kept as a hole."""
    text = render_to_string(template, {**context, RECORDING: True}, request=request)
    pieces = text.split(_MARK)
    parts = [pieces[0]]
    for piece in pieces[1:]:
        head, _, rest = piece.partition(_END)
        name, _, arg = head.partition(":")
        parts += [(name, arg), rest]
    return Skeleton(tuple(parts))


def skeleton(request, template: str, context: dict, *, key, tables: frozenset) -> Skeleton:
    """The skeleton of `template` recorded from `context`, kept per process for `key` while
    none of `tables` changes (recorded each time when `key` is None). `key` must name all
    that the text outside the holes depends on besides `tables` and `template`."""
    if key is None:
        return record(request, template, context)
    return tables_memo(
        request,
        ("page holes", template, key),
        lambda: record(request, template, context),
        tables=tables,
    )


# The frame's holes (templates/base.html, includes/header.html, includes/language_switch.html)


@hole_filler("csrf", per_request=True)
def csrf_fill(context, arg) -> str:
    from django.template.defaulttags import CsrfTokenNode

    return CsrfTokenNode().render(context)


@hole_filler("next", per_request=True)
def next_fill(context, arg) -> str:
    """The page's own address (query string included), for the language switch's `next`."""
    from django.utils.html import escape

    request = context.get("request")
    return escape(request.get_full_path()) if request is not None else ""


@hole_filler("messages", per_request=True)
def messages_fill(context, arg) -> str:
    from django.contrib.messages import get_messages

    request = context.get("request")
    messages = context.get("messages")
    if messages is None and request is not None:
        messages = get_messages(request)
    if not messages:
        return ""
    return render_to_string("includes/messages.html", {"messages": messages})
