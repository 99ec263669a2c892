"""The one pagination of the Civic API: numbered pages with absolute next/previous links.

    @router.get("/", response=list[NewsOut])
    @paginate(CivicPagination)
    def news_list(request):
        return selectors.news_list_published()

answers ``{"count", "page", "pages", "next", "previous", "results"}``. ``?page=`` starts at 1
(below, a 422); a page past the last one is a 404 (in the API's error format), a
``?page_size=`` outside 1..``CIVIC_API_MAX_PAGE_SIZE`` is a 422.
"""

import math
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class CivicPagination(PaginationBase):
    items_attribute = "results"

    class Input(Schema):
        page: int = Field(1, ge=1, description="Numéro de page, à partir de 1.")
        page_size: int = Field(
            settings.CIVIC_API_PAGE_SIZE,
            ge=1,
            le=settings.CIVIC_API_MAX_PAGE_SIZE,
            description="Nombre d'éléments par page.",
        )

    class Output(Schema):
        count: int = Field(description="Nombre total d'éléments.")
        page: int = Field(description="Numéro de cette page.")
        pages: int = Field(description="Nombre de pages.")
        next: str | None = Field(description="URL absolue de la page suivante.")
        previous: str | None = Field(description="URL absolue de la page précédente.")
        results: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = self._items_count(queryset)
        page_size = pagination.page_size
        pages = max(1, math.ceil(count / page_size))
        page = pagination.page
        if page < 1 or page > pages:
            raise Http404(f"Page {page} does not exist ({pages} pages).")
        offset = (page - 1) * page_size
        return {
            "count": count,
            "page": page,
            "pages": pages,
            "next": _page_url(request, page + 1) if page < pages else None,
            "previous": _page_url(request, page - 1) if page > 1 else None,
            "results": queryset[offset : offset + page_size],
        }


def _page_url(request: HttpRequest, page: int) -> str:
    """The absolute URL of the current request with ``page`` replaced, other parameters kept."""
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )
