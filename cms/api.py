"""Open-data API for the city's news: `/api/v1/news` and `/api/v1/news/{id}`."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from civic.api_pagination import CivicPagination

from .models import NewsPage, news_queryset

router = Router()


class NewsOut(Schema):
    id: int
    title: str
    date: datetime.date
    intro: str
    url: str
    tags: list[str]
    image_url: str | None

    @staticmethod
    def resolve_url(obj: NewsPage, context) -> str:
        request = context["request"]
        return request.build_absolute_uri(obj.get_url(request=request))

    @staticmethod
    def resolve_tags(obj: NewsPage) -> list[str]:
        return sorted(tag.name for tag in obj.tags.all())

    @staticmethod
    def resolve_image_url(obj: NewsPage, context) -> str | None:
        if obj.image is None:
            return None
        rendition = obj.image.get_rendition("width-1200")
        return context["request"].build_absolute_uri(rendition.url)


@router.get("", response=list[NewsOut], summary="Actualités publiées, les plus récentes d'abord")
@paginate(CivicPagination)
def news_list(request):
    return news_queryset()


@router.get("/{int:news_id}", response=NewsOut, summary="Une actualité")
def news_detail(request, news_id: int):
    return get_object_or_404(news_queryset(), pk=news_id)
