"""The page of a public listing a `?page=` asks for, never a 404.

Shared by every paginated public page (ideas, news, search...): an old link or a hand-typed
`?page=99` gives the last page, a missing or malformed number the first, so a citizen never
lands on an error page for a listing that merely got shorter.
"""

from django.core.paginator import Page, Paginator


def page_number_clamped(raw, *, num_pages: int) -> int:
    """`raw` (the query string's text, or None) as a page number between 1 and `num_pages`."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


def page_clamped(object_list, *, number, per_page: int, orphans: int = 0) -> Page:
    """The page `number` of `object_list` (a QuerySet is sliced in the database), clamped to
    the existing pages: 1 for a bad or missing number, the last page for one past the end."""
    paginator = Paginator(object_list, per_page, orphans=orphans)
    return paginator.page(page_number_clamped(number, num_pages=paginator.num_pages))


def paginate(request, object_list, per_page: int) -> Page:
    """The page of `object_list` requested by `request`'s `?page=`, clamped (see above)."""
    return page_clamped(object_list, number=request.GET.get("page"), per_page=per_page)
