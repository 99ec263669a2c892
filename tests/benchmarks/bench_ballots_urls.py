"""URLs of `bench_ballots.py`'s server: the site's, plus `/bench/bare-post/`, the bare POST a
ballot is measured against: CSRF check, session read, one INSERT into a table that exists
only for the benchmark (`bench_bare_post`, created by `bench_ballots.py`)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST


@require_POST
def bare_post(request):
    """What every POST of the site pays at least: the CSRF middleware checked the token, the
    session is read (from Redis), one row is written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_post (voter_id) VALUES (%s)",
            [request.session.get("_auth_user_id")],
        )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare-post/", bare_post), path("", include("civic.urls"))]
