from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from civic.accounts import admin_views as accounts_admin_views
from civic.accounts import views as accounts_views
from civic.analytics.public_views import StatisticsView
from civic.api import api

urlpatterns = [
    # Wagtail's site history, naming people by role (before Wagtail's own view of that path).
    path("admin/reports/", include(accounts_admin_views.site_history_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # allauth's login, able to tell a signed-in citizen why the admin is closed to them.
    path("compte/login/", accounts_views.LoginView.as_view(), name="account_login"),
    # allauth's "confirm your address" page, saying why and able to resend the email.
    path(
        "compte/confirm-email/",
        accounts_views.EmailVerificationSentView.as_view(),
        name="account_email_verification_sent",
    ),
    path("compte/", include("allauth.urls")),
    path("commentaires/", include("civic.moderation.comment_urls")),
    path("idees/", include("proposals.urls")),
    path("budget-participatif/", include("budget.urls")),
    path("mon-espace/suivis/", include("civic.notifications.urls")),
    path("mon-espace/", include("civic.accounts.urls")),
    path("statistiques/", StatisticsView.as_view(), name="statistics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("cms.urls")),  # /recherche/, /robots.txt, /sitemap.xml
]

if settings.DEBUG or getattr(settings, "CIVIC_SERVE_MEDIA", False):
    # Local development and the `make run` demo only (see civic/settings/dev.py).
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]
