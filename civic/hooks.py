"""Civic's extension points: how an app joins the shared parts of the platform.

An app never asks whether a sibling exists and never imports a sibling's views, forms,
templates or template tags. It either imports a sibling's `services`/`selectors` directly, or
it registers here, with a Wagtail hook in its own `wagtail_hooks.py`, under one of the names
below. The shared page, queue, command or API that owns the extension point collects what is
registered with the `*_collect` function next to the name. Wagtail's `order=` argument sets
the order where it matters (demo seeders run in dependency order).

A complete app, `consultations`, joining every extension point::

    # consultations/wagtail_hooks.py
    from django.urls import reverse
    from django.utils.http import urlencode
    from django.utils.translation import gettext_lazy as _
    from wagtail import hooks

    from civic import hooks as civic
    from civic.notifications.kinds import NotificationKind

    from . import api, demo, selectors
    from .moderation import AnswerModerationSource


    @hooks.register(civic.MAIN_MENU_ITEMS)
    def consultations_menu_item(request):
        return civic.MenuItem(_("Consultations"), reverse("consultations:list"), order=18)


    @hooks.register(civic.HOME_SECTIONS)
    def home_open_consultations(request):
        open_now = list(selectors.consultation_list_open()[:3])
        if not open_now:
            return None  # an empty module renders nothing
        return civic.Section("consultations/includes/home.html", {"items": open_now}, order=25)


    @hooks.register(civic.DASHBOARD_SECTIONS)
    def dashboard_my_answers(request):
        answers = list(selectors.answers_of(user=request.user)[:20])
        return civic.Section("consultations/includes/dashboard.html", {"answers": answers})


    @hooks.register(civic.MODERATION_SOURCES)
    def consultation_moderation_sources():
        return [AnswerModerationSource()]  # see civic.moderation.sources.ModerationSource


    @hooks.register(civic.DEMO_SEEDERS, order=50)  # after accounts (10), pages (20)...
    def consultations_demo():
        return civic.DemoSeeder("consultations", demo.seed)


    @hooks.register(civic.API_ROUTERS)
    def consultations_api():
        return civic.ApiRouter("/consultations", api.router, tags=["consultations"])


    @hooks.register(civic.AUDIT_ACTIONS)
    def consultations_audit_actions(actions):
        civic.audit_actions_register(
            actions, "consultations.answer", [("submit", _("Répondre"), _("Réponse déposée"))]
        )


    @hooks.register(civic.NOTIFICATION_KINDS)
    def consultations_notification_kinds():
        return [NotificationKind("consultation_closed", "notify_followed")]


    @hooks.register(civic.SEARCH_SOURCES)
    def consultations_search_source():
        return civic.SearchSource(
            name="consultations",
            label=_("Consultations"),
            search=lambda query: selectors.consultation_search_public(query=query),
            hit=lambda c: civic.SearchHit(c.title, c.get_absolute_url(), c.summary),
            more_url=lambda query: f"{reverse('consultations:list')}?{urlencode({'q': query})}",
            order=40,
        )

The home page's main button is the `PRIMARY_ACTIONS` action with the lowest `order`
(`civic.PrimaryAction(_("Voter"), url, order=10)`); without any, it leads to the news.

Dashboard sections are asked for signed-in users only; home sections and menu items for
everyone. A hook returns None (or an empty list) when it has nothing to add.

A search source's `search(query)` returns only what anyone may see: `/recherche/` counts it
and shows its first results under the source's label. Apps match text with
`civic.search.text_matches(query, "title", "body")` (accents and case ignored, the same on
SQLite and PostgreSQL, no index to keep up to date); Wagtail pages use Wagtail's search.

The city's identity (its name and the sender of its emails) is answered by one app, the one
that keeps the site settings, on `SITE_IDENTITY`; everything else reads it through
`civic.identity.site_identity()`.

Two things are registered at start-up rather than per request, because third-party
machinery needs them before the first request: comments
(`civic.moderation.comments.register_commentable(Model)` in the app's `AppConfig.ready()`,
which also makes the model followable) and follows of other models
(`civic.notifications.followables.followable_register(Model)`, likewise).

Each app's participation figures reach `/admin/analytics/`, `/statistiques/` and the
participation report through `ANALYTICS_FIGURES` (see `AnalyticsSource`): the app hands over
querysets, the analytics app aggregates them in SQL. No per-person row leaves a source.

Reserved for the issue that brings its consumer (an app may already register on it):
`PRIVACY_DECLARATIONS` (each app's processing activities for the register of
`/confidentialite/`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

# Public site ------------------------------------------------------------------------------
MAIN_MENU_ITEMS = "civic_main_menu_items"  # fn(request) -> MenuItem | None
HOME_SECTIONS = "civic_home_sections"  # fn(request) -> Section | None
PRIMARY_ACTIONS = "civic_primary_actions"  # fn(request) -> PrimaryAction | None
DASHBOARD_SECTIONS = "civic_dashboard_sections"  # fn(request) -> Section | None
SEARCH_SOURCES = "civic_search_sources"  # fn() -> SearchSource | list of them

# Staff and platform -----------------------------------------------------------------------
MODERATION_SOURCES = "civic_moderation_sources"  # fn() -> ModerationSource | list of them
DEMO_SEEDERS = "civic_demo_seeders"  # fn() -> DemoSeeder; order= is the dependency order
API_ROUTERS = "civic_api_routers"  # fn() -> ApiRouter, mounted under /api/v1/
AUDIT_ACTIONS = "register_log_actions"  # Wagtail's own hook: fn(actions)
NOTIFICATION_KINDS = "civic_notification_kinds"  # fn() -> list[NotificationKind]
SITE_IDENTITY = "civic_site_identity"  # fn(request | None) -> civic.identity.SiteIdentity
# fn(now) -> datetime | None: the next moment a public page changes with no write to the
# database (a phase opening); cached pages expire then (civic/page_cache/middleware.py).
PAGE_CACHE_DEADLINES = "civic_page_cache_deadlines"

# fn() -> AnalyticsSource | list of them: the app's figures on the analytics dashboard,
# /statistiques/ and the participation report (civic/analytics/).
ANALYTICS_FIGURES = "civic_analytics_figures"

# Reserved for the privacy issue -----------------------------------------------------------
PRIVACY_DECLARATIONS = "civic_privacy_declarations"


@dataclass(frozen=True)
class MenuItem:
    """An entry of the public main menu. Page-tree entries have orders 10, 20, 30..."""

    title: str
    url: str
    order: int = 100


@dataclass(frozen=True)
class Section:
    """A block an app adds to a shared page: its template, rendered with its own context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class PrimaryAction:
    """What the home page's main button invites to do now ("Voter", "Proposer une idée").

    Of all the actions offered for a request, the home page shows the one with the lowest
    `order`: the most pressing participation (an open vote: 10; an open call for projects:
    30; ideas, always open: 50)."""

    title: str
    url: str
    order: int = 100


@dataclass(frozen=True)
class DemoSeeder:
    """`seed(*, stdout, size)` loads the app's part of the Ingeville demo, idempotently."""

    name: str
    seed: Callable[..., None]


@dataclass(frozen=True)
class ApiRouter:
    """A django-ninja router mounted at `/api/v1<prefix>`."""

    prefix: str
    router: Any
    tags: list[str] = field(default_factory=list)


def menu_items_collect(request) -> list[MenuItem]:
    """The menu entries the apps add for this request, in their display order."""
    items = (hook(request) for hook in hooks.get_hooks(MAIN_MENU_ITEMS))
    return sorted((item for item in items if item is not None), key=lambda item: item.order)


def sections_collect(hook_name: str, request) -> list[Section]:
    """The non-empty sections registered for `hook_name`, in their display order.

    `DASHBOARD_SECTIONS` hooks are only asked for a signed-in user.
    """
    if hook_name == DASHBOARD_SECTIONS and not request.user.is_authenticated:
        return []
    sections = (hook(request) for hook in hooks.get_hooks(hook_name))
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)


def primary_action_collect(request) -> PrimaryAction | None:
    """The most pressing action the apps offer for this request (lowest `order`), or None."""
    actions = (hook(request) for hook in hooks.get_hooks(PRIMARY_ACTIONS))
    return min((a for a in actions if a is not None), key=lambda a: a.order, default=None)


def page_cache_deadline_collect(now):
    """The earliest moment after `now` at which a page changes by itself, or None."""
    moments = [hook(now) for hook in hooks.get_hooks(PAGE_CACHE_DEADLINES)]
    return min((moment for moment in moments if moment is not None), default=None)


def demo_seeders_collect() -> list[DemoSeeder]:
    """The demo seeders in dependency order (their hooks' `order`)."""
    return [hook() for hook in hooks.get_hooks(DEMO_SEEDERS)]


def api_routers_collect() -> list[ApiRouter]:
    return [hook() for hook in hooks.get_hooks(API_ROUTERS)]


def flattened(hook_name: str) -> list[Any]:
    """What the hooks of `hook_name` return, a single object or a list each, as one list."""
    found: list[Any] = []
    for hook in hooks.get_hooks(hook_name):
        result = hook()
        if result is None:
            continue
        found.extend(result if isinstance(result, list | tuple) else [result])
    return found


def audit_actions_register(actions, prefix: str, verbs: Iterable[tuple[str, str, str]]) -> None:
    """Register `<prefix>.<verb>` audit actions: (verb, label, message) each."""
    for verb, label, message in verbs:
        actions.register_action(f"{prefix}.{verb}", label, message)


@dataclass(frozen=True)
class SearchHit:
    """One result of the site search as `/recherche/` shows it: a linked title, a short
    excerpt (plain text, cut by the page) and a small label such as a status."""

    title: str
    url: str
    excerpt: str = ""
    meta: str = ""


@dataclass(frozen=True)
class SearchSource:
    """A kind of content the site search covers, shown as one group ("Idées (3)").

    `search(query)` returns the public matches, best first: a QuerySet, Wagtail search
    results or a list (counted, then sliced: two queries for a QuerySet, whatever the number
    of matches). `hit(obj)` says how one match is shown; `more_url(query)`, when the app's own
    listing can filter by text, is linked as "voir tout" under a group with more results.
    """

    name: str
    label: str
    search: Callable[[str], Any]
    hit: Callable[[Any], SearchHit]
    more_url: Callable[[str], str] | None = None
    order: int = 100


@dataclass(frozen=True)
class AnalyticsEvents:
    """One kind of contribution ("idea", "support", "ballot"...) as participation events.

    `queryset()` returns a QuerySet (unevaluated) of the model whose rows are the events, every
    row ever made (the analytics app narrows it to the period). `user`, `moment` and `channel`
    are field paths of that model: the participant's user id, the event's datetime, and its
    channel ("web", "counter", "phone" or "mail"; `channel=None`: all came through the web). The
    analytics app selects those three columns, UNIONs every kind and GROUPs BY in SQL: these
    querysets are never evaluated in Python. Rows with no user (an anonymised account) count
    as contributions, not as participants.
    """

    kind: str
    label: str
    queryset: Callable[[], Any]
    user: str = "user_id"
    moment: str = "created_at"
    channel: str | None = None
    order: int = 100


@dataclass(frozen=True)
class AnalyticsTable:
    """An aggregated table the app computes itself (ideas by theme, turnout per district...).

    `rows(since, until)` returns a list of dicts (aggregates only, computed with GROUP BY),
    keyed by the keys of `columns` ([(key, label), ...]); `since`/`until` are aware datetimes
    (until exclusive). `people` names the columns that count people: the analytics app shows
    a count below 10 there as "< 10" and suppresses what would let a reader recover it;
    `derived` names the columns computed from a row's people (a share, a turnout), hidden with
    them.
    `chart`: "bar" (the first column as categories, `people`/the numeric columns as bars) or
    "" for a table only. `public`: also shown on /statistiques/. `panel` groups tables on the
    dashboard: "participation", "budget", "ideas", "consultations", "moderation".
    """

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: Callable[..., list[dict[str, Any]]]
    people: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    chart: str = "bar"
    public: bool = False
    panel: str = "participation"
    order: int = 100


@dataclass(frozen=True)
class AnalyticsDecisions:
    """How long one moderated kind waited for a decision: `queryset()` of the decided items,
    with `submitted` and `decided` field paths (datetimes). The analytics app computes the
    median in SQL and compares it with the promised moderation delay."""

    label: str
    queryset: Callable[[], Any]
    submitted: str = "created_at"
    decided: str = "decided_at"


@dataclass(frozen=True)
class AnalyticsSource:
    """What one app contributes to the participation analytics (hook `ANALYTICS_FIGURES`).

    Every part is optional: a module with no data yet contributes empty figures, never an
    error. `name` is stable (cache keys, report sheet names); `label` is shown. `tables` is a
    list, or a function `(since, until) -> list[AnalyticsTable]` when which tables exist
    depends on the period (one per campaign voting in it)."""

    name: str
    label: str
    events: list[AnalyticsEvents] = field(default_factory=list)
    tables: list[AnalyticsTable] | Callable[..., list[AnalyticsTable]] = field(default_factory=list)
    decisions: list[AnalyticsDecisions] = field(default_factory=list)
    order: int = 100


def analytics_sources_collect() -> list[AnalyticsSource]:
    """The registered analytics sources in display order (one per name)."""
    found: dict[str, AnalyticsSource] = {}
    for source in flattened(ANALYTICS_FIGURES):
        found.setdefault(source.name, source)
    return sorted(found.values(), key=lambda source: source.order)


def search_sources_collect() -> list[SearchSource]:
    """The sources of the site search, in their display order (pages first)."""
    return sorted(flattened(SEARCH_SOURCES), key=lambda source: source.order)
