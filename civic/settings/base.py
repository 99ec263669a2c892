"""Settings shared by every environment.

Everything deploy-specific comes from environment variables (documented in the README).
`dev` and `test` give safe defaults; `production` refuses to start without the secrets.
"""

import os
import zoneinfo
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from PIL import Image

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Civic
    "civic.accounts",
    "civic.demo",
    "civic.page_cache",
    "civic.moderation",
    "civic.notifications",
    "civic.analytics",
    "cms",
    "budget",
    "proposals",
    "consultations",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "civic.accounts.users_app.CivicUsersAppConfig",  # Wagtail's user admin, Civic's forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    # Tools
    "django_filters",
    "ninja",  # the API docs page served from our own static files, not a CDN
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry Permissions-Policy too.
    "civic.middleware.ResponseHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "civic.middleware.CivicCommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, the signed-in person's checked row kept per process while unchanged.
    "civic.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Once the user and the language are known (the 400 page is the site's), before any view.
    "civic.middleware.RefuseNulMiddleware",
    "civic.middleware.HeadAsGetMiddleware",
    "civic.middleware.ApiErrorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "civic.middleware.CivicCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: anonymous pages from the cache, only where CIVIC_PAGE_CACHE is on (production).
    "civic.page_cache.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "civic.urls"
# Form fields render through templates/django/forms/ (label, help and errors tied by ARIA).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "civic.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: the embedded SQLite file unless DATABASE_URL names another server.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set (shared cache and sessions across app servers).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "civic",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous visitors' pages served from that cache until the database changes
# (civic/page_cache/): on in production, off elsewhere unless CIVIC_PAGE_CACHE=1.
CIVIC_PAGE_CACHE = env_bool("CIVIC_PAGE_CACHE", False)
CIVIC_PAGE_CACHE_SECONDS = int(os.environ.get("CIVIC_PAGE_CACHE_SECONDS", "300"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: login by email, verified email required before participating.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Security notices by email (password or email address changed) to the account's owner.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Unset: "[<city name>] ", the name from the site settings (civic.identity).
ACCOUNT_EMAIL_SUBJECT_PREFIX = os.environ.get("CIVIC_EMAIL_SUBJECT_PREFIX")
ACCOUNT_SIGNUP_FORM_CLASS = "civic.accounts.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "civic.accounts.adapter.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = None
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# FranceConnect users always see the signup form: they must choose a public pseudonym (their
# civil names are never shown) and get the RGPD information, like email signups.
SOCIALACCOUNT_AUTO_SIGNUP = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("CIVIC_SITE_NAME", "Civic")

# FranceConnect (OpenID Connect). Configured only when its credentials are in the environment.
FRANCECONNECT_CLIENT_ID = os.environ.get("FRANCECONNECT_CLIENT_ID", "")
SOCIALACCOUNT_PROVIDERS = {}
if FRANCECONNECT_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "franceconnect",
                "name": "FranceConnect",
                "client_id": FRANCECONNECT_CLIENT_ID,
                "secret": os.environ.get("FRANCECONNECT_SECRET", ""),
                "settings": {
                    "server_url": os.environ.get(
                        "FRANCECONNECT_SERVER_URL",
                        "https://fcp-low.integ01.dev-franceconnect.fr/api/v2",
                    ),
                    "scope": ["openid", "given_name", "family_name", "email"],
                },
            }
        ]
    }

# Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files. Media go to disk by default, to S3-compatible storage when
# AWS_STORAGE_BUCKET_NAME is set (production.py).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CIVIC_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# The address emails come from; they carry the city's name from the site settings, whose
# "adresse d'expédition" overrides this address (civic.identity.SiteIdentity.from_email).
DEFAULT_FROM_EMAIL = (
    os.environ.get("CIVIC_FROM_EMAIL")
    or os.environ.get("DJANGO_DEFAULT_FROM_EMAIL")
    or os.environ.get("DEFAULT_FROM_EMAIL")
    or "ne-pas-repondre@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: run at once by default; the database backend + worker in production.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "CIVIC_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("CIVIC_SITE_NAME", "Civic")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Pictures (citizens' photos, civic/photos.py, and the admin's images): what a photo needs and
# no more, checked on the file's header before any pixel is decoded. 24 megapixels cover every
# phone; decoding one takes about 100 MB at most, whereas a 115 KB PNG announcing 6300 x 6300
# pixels would take 160 MB and seconds of CPU. Pillow's own bomb check is set to the same cap
# (Pillow raises at twice the cap, before reading more than the header; civic/photos.py and
# Wagtail refuse anything above the cap itself).
# Seals the pending ballots of a vote (budget/sealing.py); SECRET_KEY when unset. Keep it out
# of the database and its backups, and rotate it once the results are published.
CIVIC_BALLOT_KEY = os.environ.get("CIVIC_BALLOT_KEY", "")
CIVIC_PHOTO_MAX_BYTES = 5 * 1024 * 1024
CIVIC_PHOTO_MAX_SIDE = 6000
CIVIC_PHOTO_MAX_PIXELS = 24_000_000
CIVIC_PHOTO_STORED_SIDE = 1600  # photos are kept at most this many pixels a side
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = CIVIC_PHOTO_MAX_PIXELS
Image.MAX_IMAGE_PIXELS = CIVIC_PHOTO_MAX_PIXELS
# Request bodies: form fields over 2.5 MB are refused (400); an uploaded file over 2.5 MB is
# streamed to a temporary file rather than held in memory (the forms then refuse it by size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_ENABLE_UPDATE_CHECK = False
# zoneinfo also lists system files that are not time zones (Debian's "localtime"); browsers
# refuse them, and the time zone list of /admin/account/ then raised a JavaScript error.
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "posixrules"})
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party request from the admin (privacy)
TAGGIT_CASE_INSENSITIVE = True

# Maps (civic/maps.py): no tile server by default, so that no page asks another server for
# anything; the maps then draw the districts (CIVIC_MAP_DISTRICTS_URL, a GeoJSON file this
# site serves) and the markers on a plain background. A city that sets its tile server gets
# its tiles, and civic.middleware adds that origin (only) to the CSP's img-src.
CIVIC_MAP_TILE_URL = os.environ.get("CIVIC_MAP_TILE_URL", "")
CIVIC_MAP_ATTRIBUTION = os.environ.get("CIVIC_MAP_ATTRIBUTION", "")
CIVIC_MAP_DISTRICTS_URL = os.environ.get("CIVIC_MAP_DISTRICTS_URL", "")
CIVIC_MAP_CENTER = (
    float(os.environ.get("CIVIC_MAP_CENTER_LAT", "47.08")),
    float(os.environ.get("CIVIC_MAP_CENTER_LON", "2.40")),
)
# Ideas (proposals): how many ideas one account may submit per 24 hours.
CIVIC_IDEAS_PER_DAY = int(os.environ.get("CIVIC_IDEAS_PER_DAY", "5"))

# Content-Security-Policy (civic.middleware): no inline script or style and no other origin
# on public pages (but the city's map tile server, when CIVIC_MAP_TILE_URL is set).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# The Wagtail admin gets a policy of its own, still same-origin only (no other origin may
# serve scripts, styles, images or frames; no plugin; no framing by other sites). Wagtail 8
# still emits inline scripts (every date/time picker, inline panels: checked by
# tests/browser/test_admin_csp.py) and inline styles (rich-text editor, widgets), hence
# 'unsafe-inline' there but never 'unsafe-eval'. The preview is an iframe of the admin itself.
CIVIC_ADMIN_URL_PREFIX = "/admin/"
CIVIC_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# Security headers that hold everywhere (production.py adds HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override it to SAMEORIGIN
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
# A form sent with an expired token gets the site's page, which shows back what was typed.
CSRF_FAILURE_VIEW = "civic.errors.csrf_failure"

# Comments (django-comments-xtd): signed-in citizens with a verified email, threads two
# levels deep (a comment and its replies), likes and flags; see civic/moderation/comments.py.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 1
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_FORM_CLASS = "civic.moderation.forms.CivicCommentForm"
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_DEFAULT_FOLLOWUP = False
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_SALT = os.environ.get("CIVIC_COMMENTS_SALT", "civic-comments").encode()
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": True,
    }
}
COMMENT_MAX_LENGTH = 3000
# Moderation: this many distinct "signaler" flags hide a comment until a moderator decides.
CIVIC_COMMENT_FLAGS_TO_HIDE = int(os.environ.get("CIVIC_COMMENT_FLAGS_TO_HIDE", "3"))
# The moderation delay the city promises (acknowledgement emails, overdue items in the queue).
CIVIC_MODERATION_DELAY_HOURS = int(os.environ.get("CIVIC_MODERATION_DELAY_HOURS", "48"))
# How long the participation figures of one period stay cached (civic/analytics/).
CIVIC_ANALYTICS_CACHE_SECONDS = int(os.environ.get("CIVIC_ANALYTICS_CACHE_SECONDS", "300"))
# Ideas under study or retained wait this long for the city's official answer (queue: overdue).
CIVIC_ANSWER_DELAY_DAYS = int(os.environ.get("CIVIC_ANSWER_DELAY_DAYS", "30"))

# Civic's own settings.
CIVIC_SITE_NAME = WAGTAIL_SITE_NAME
CIVIC_API_PAGE_SIZE = 20
CIVIC_API_MAX_PAGE_SIZE = 100
CIVIC_API_URL_PREFIX = "/api/"

# Permissions-Policy on every response (civic.middleware.ResponseHeadersMiddleware): no
# powerful feature for anyone, except geolocation for the site itself (the idea form's "me
# localiser" button) and fullscreen for the site itself (media in pages). Only features
# browsers recognise: an unknown one (the retired `interest-cohort`, replaced by
# `browsing-topics`) earns a warning in every visitor's console.
CIVIC_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": ["self"],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# Pages with personal data that no browser or proxy may keep (Cache-Control: no-store).
CIVIC_NO_STORE_PATH_PREFIXES = ["/mon-espace/", "/compte/"]
CIVIC_NO_STORE_URL_NAMES = ["budget:ballot", "budget:receipt_check"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Consultations: publication is approved by an administrator; with this on, a second Élu
# (never the one who asked) may approve it too.
CIVIC_CONSULTATION_SECOND_ELU_APPROVAL = env_bool("CIVIC_CONSULTATION_SECOND_ELU_APPROVAL", False)
