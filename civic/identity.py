"""Who the platform speaks as: the city's name and the sender of its emails.

The city names itself once, in the site settings of the Wagtail admin; the app that owns
those settings answers the `SITE_IDENTITY` hook (`civic.hooks`). Every email (account,
receipt, notification), the sites framework and the legal pages ask `site_identity()`, so
the name a citizen reads is the same everywhere. `settings.CIVIC_SITE_NAME` and
`settings.DEFAULT_FROM_EMAIL` are only the defaults used before the city fills them in.
"""

from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail import hooks

from civic.hooks import SITE_IDENTITY


@dataclass(frozen=True)
class SiteIdentity:
    """The city's name and, when it chose one, the address its emails come from."""

    name: str
    sender_address: str = ""

    @property
    def from_email(self) -> str:
        """`"City name" <address>`: the configured address, else DEFAULT_FROM_EMAIL's."""
        address = self.sender_address or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        quoted = self.name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{address}>'

    def email_subject(self, subject: str) -> str:
        """`subject` behind the prefix of every email: CIVIC_EMAIL_SUBJECT_PREFIX or [name]."""
        prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        if prefix is None:
            prefix = f"[{self.name}] "
        return prefix + " ".join(subject.split())


def site_identity(request=None) -> SiteIdentity:
    """The identity the first `SITE_IDENTITY` hook gives (for `request`'s site if any)."""
    for hook in hooks.get_hooks(SITE_IDENTITY):
        identity = hook(request)
        if identity is not None:
            return identity
    return SiteIdentity(name=settings.CIVIC_SITE_NAME)


def site_domain() -> str:
    """The public host name (and port) of `WAGTAILADMIN_BASE_URL`."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"


def sites_sync(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Give django.contrib.sites' Site(SITE_ID) the public domain and the city's name.

    allauth's emails and the comment links ("/commentaires/cr/...") build absolute URLs from
    it; Django's own post_migrate step would leave it at "example.com". Idempotent; run
    after each migrate (`using` is the migrated database) and when the city renames itself.
    """
    from django.contrib.sites.models import Site

    domain, name = site_domain(), site_identity().name[:50]
    site, created = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    if created:
        # An explicit primary key leaves PostgreSQL's sequence behind (as Django's own step).
        connection = connections[using]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Site]):
                cursor.execute(statement)
    elif (site.domain, site.name) != (domain, name):
        site.domain, site.name = domain, name
        site.save(using=using, update_fields=["domain", "name"])
    Site.objects.clear_cache()
