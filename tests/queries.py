"""Query counts of a listing at two sizes, for the `tests/<app>/test_queries.py` files.

    def test_ideas_page(client):
        counts = queries_at_sizes(add=add_ideas, fetch=lambda: client.get("/idees/"))
        assert counts[SMALL] == counts[LARGE], counts

`add(n)` adds `n` more rows of what the page lists (each with its own related objects: author,
theme, district, envelope..., so a query per row cannot hide behind a shared one); `fetch()`
requests the page and checks it answered. Each size is measured on the second request: the
first one warms the per-process caches (site, content types) and creates image renditions.
"""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL = 3
LARGE = 15


def query_count(fetch) -> int:
    fetch()
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)


def queries_at_sizes(*, add, fetch, sizes=(SMALL, LARGE)) -> dict[int, int]:
    """`{size: queries}`: rows are added up to each size in turn, then the page is fetched."""
    counts, total = {}, 0
    for size in sizes:
        add(size - total)
        total = size
        counts[size] = query_count(fetch)
    return counts


def ok(response, *texts: str):
    """`response` is a 200 showing each of `texts` (HTML, or JSON decoded)."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        content = json.dumps(response.json(), ensure_ascii=False)
    else:
        content = response.content.decode()
    for text in texts:
        assert text in content, text
    return response
