"""Every state change of ideas and supports.

Each service is atomic, checks the actor's permission (raising `PermissionDenied`), refuses an
impossible change with a `ValidationError` whose message can be shown as is, records the
status history and writes the audit log inside its transaction. Emails are sent only once the
transaction has committed.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts.models import District, User
from civic.accounts.selectors import user_has_verified_email
from civic.accounts.services import profile_create
from civic.audit import audit_changes, audit_log, audit_snapshot
from civic.photos import photo_process

from .models import Idea, IdeaStatusChange, Support, Theme

Status = Idea.Status


# Notifications ------------------------------------------------------------------------


def _notify(*, recipient, kind: str, idea: Idea, reason: str = "", old_status: str = "") -> None:
    """Send `kind` to `recipient` once the current transaction commits (never before)."""
    if recipient is None:
        return

    def send():
        from civic.notifications.services import notification_send

        notification_send(
            recipient=recipient,
            kind=kind,
            context={
                "idea": idea,
                "reason": reason,
                "old_status": old_status,
                "new_status": idea.status,
            },
            obj=idea,
        )

    transaction.on_commit(send)


def _notify_followers(*, idea: Idea, reason: str = "", old_status: str = "") -> None:
    def send():
        from civic.notifications.selectors import followers_of
        from civic.notifications.services import notification_send

        for follower in followers_of(idea):
            if follower.pk == idea.author_id:
                continue  # the author gets the status email itself
            notification_send(
                recipient=follower,
                kind="followed_update",
                context={
                    "idea": idea,
                    "reason": reason,
                    "old_status": old_status,
                    "new_status": idea.status,
                },
                obj=idea,
            )

    transaction.on_commit(send)


# Submission ---------------------------------------------------------------------------


def ideas_left_today(*, author) -> int:
    """How many more ideas `author` may submit on the web in the current 24 hours."""
    since = timezone.now() - timedelta(hours=24)
    used = Idea.objects.filter(
        author=author, channel=Idea.Channel.WEB, created_at__gte=since
    ).count()
    return max(0, settings.CIVIC_IDEAS_PER_DAY - used)


@transaction.atomic
def idea_submit(
    *,
    author: User,
    title: str,
    body: str,
    theme: Theme,
    district: District | None,
    latitude=None,
    longitude=None,
    photo=None,
    channel: str = Idea.Channel.WEB,
    submitted_by: User | None = None,
) -> Idea:
    """Record a new idea, waiting for moderation, and acknowledge it to its author.

    On the web the author must have a verified email and at most `CIVIC_IDEAS_PER_DAY` web ideas
    in 24 hours. Another channel (counter, phone, mail) needs `submitted_by`, an agent with
    `proposals.submit_idea_on_behalf`. `photo` (an uploaded file) is checked by its content and
    re-encoded without metadata. Guarantees: the idea, its first history row and the audit entry
    exist together or not at all.
    """
    if submitted_by is None:
        if channel != Idea.Channel.WEB:
            raise ValidationError(_("Seul un agent peut saisir une idée reçue par un autre canal."))
        if not user_has_verified_email(author):
            raise PermissionDenied(_("Confirmez votre adresse e-mail avant de proposer une idée."))
        # Serialise one author's submissions so two quick posts cannot both pass the limit.
        User.objects.select_for_update().filter(pk=author.pk).first()
        if ideas_left_today(author=author) <= 0:
            raise ValidationError(
                _(
                    "Vous avez déjà proposé %(count)s idées ces dernières 24 heures : c'est le "
                    "maximum. Vous pourrez en proposer une nouvelle demain."
                )
                % {"count": settings.CIVIC_IDEAS_PER_DAY},
                code="rate_limited",
            )
    else:
        if not submitted_by.has_perm("proposals.submit_idea_on_behalf"):
            raise PermissionDenied(_("Vous ne pouvez pas saisir d'idée pour le compte d'autrui."))
        if channel == Idea.Channel.WEB:
            raise ValidationError(
                _("Précisez par quel canal l'idée a été reçue (guichet, téléphone, courrier).")
            )

    idea = Idea(
        author=author,
        title=title.strip(),
        body=body.strip(),
        theme=theme,
        district=district,
        latitude=latitude,
        longitude=longitude,
        channel=channel,
        submitted_by=submitted_by,
        status=Status.SUBMITTED,
    )
    if photo:
        idea.photo = photo_process(photo)
    idea.full_clean()
    idea.save()
    IdeaStatusChange.objects.create(
        idea=idea, from_status="", to_status=Status.SUBMITTED, actor=submitted_by or author
    )
    audit_log(
        actor=submitted_by or author,
        action="proposals.idea.submit",
        instance=idea,
        data={"channel": channel, "on_behalf": submitted_by is not None},
    )
    _notify(recipient=author, kind="idea_received", idea=idea)
    return idea


@dataclass(frozen=True)
class OnBehalfAuthor:
    user: User
    created: bool


@transaction.atomic
def idea_author_for_on_behalf(
    *, agent: User, email: str, display_name: str = "", district: District | None = None
) -> OnBehalfAuthor:
    """The account of a citizen met at the counter, on the phone or by mail.

    An existing account is found by its email; otherwise a minimal one is created (the email,
    an unusable password, an unverified address, a profile with the pseudonym) so the citizen
    can later claim it with "mot de passe oublié". Only agents with
    `proposals.submit_idea_on_behalf` may do this.
    """
    if not agent.has_perm("proposals.submit_idea_on_behalf"):
        raise PermissionDenied(_("Vous ne pouvez pas saisir d'idée pour le compte d'autrui."))
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return OnBehalfAuthor(user=existing, created=False)
    if not display_name.strip():
        raise ValidationError(
            {"author_display_name": _("Indiquez le pseudonyme sous lequel l'idée sera publiée.")}
        )
    user = User(email=email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    profile_create(user=user, display_name=display_name, district=district)
    return OnBehalfAuthor(user=user, created=True)


# Status transitions -------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    verb: str
    sources: tuple[str, ...]
    target: str
    permission: str
    reason_required: bool = False


TRANSITIONS = {
    "publish": Transition(
        "publish", (Status.SUBMITTED,), Status.PUBLISHED, "proposals.moderate_idea"
    ),
    "reject": Transition(
        "reject", (Status.SUBMITTED,), Status.REJECTED, "proposals.moderate_idea", True
    ),
    "study": Transition(
        "study", (Status.PUBLISHED,), Status.UNDER_STUDY, "proposals.change_idea_status"
    ),
    "accept": Transition(
        "accept", (Status.UNDER_STUDY,), Status.ACCEPTED, "proposals.change_idea_status"
    ),
    "not_retain": Transition(
        "not_retain",
        (Status.UNDER_STUDY,),
        Status.NOT_RETAINED,
        "proposals.change_idea_status",
        True,
    ),
    "transfer": Transition(
        "transfer", (Status.ACCEPTED,), Status.TRANSFERRED, "proposals.change_idea_status"
    ),
    "implement": Transition(
        "implement", (Status.ACCEPTED,), Status.IMPLEMENTED, "proposals.change_idea_status"
    ),
    # A submitted idea may be closed as a duplicate directly, without being published first.
    "mark_duplicate": Transition(
        "mark_duplicate",
        (Status.SUBMITTED, *Idea.OPEN_STATUSES),
        Status.DUPLICATE,
        "proposals.moderate_idea",
    ),
}


def transitions_available(*, actor, idea: Idea) -> list[Transition]:
    """The transitions `actor` may apply to `idea` now (for admin buttons)."""
    return [
        t for t in TRANSITIONS.values() if idea.status in t.sources and actor.has_perm(t.permission)
    ]


def _transition(*, verb: str, actor, idea: Idea, reason: str = "", **extra) -> Idea:
    transition = TRANSITIONS[verb]
    if actor is None or not actor.has_perm(transition.permission):
        raise PermissionDenied(_("Vous n'avez pas le droit de faire cela sur une idée."))
    # Lock the row: two moderators acting at once see each other's change.
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.status not in transition.sources:
        raise ValidationError(
            _("Impossible de passer une idée « %(current)s » au statut « %(target)s ».")
            % {
                "current": Status(locked.status).label,
                "target": Status(transition.target).label,
            },
            code="illegal_transition",
        )
    reason = (reason or "").strip()
    if transition.reason_required and not reason:
        raise ValidationError(
            {"reason": _("Indiquez le motif : l'auteur de l'idée le lira.")}, code="reason_required"
        )
    old_status = locked.status
    locked.status = transition.target
    for name, value in extra.items():
        setattr(locked, name, value)
    # Public from now on (published, or closed as a duplicate straight from the queue).
    if transition.target in Idea.PUBLIC_STATUSES and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.full_clean()
    locked.save()
    IdeaStatusChange.objects.create(
        idea=locked, from_status=old_status, to_status=locked.status, reason=reason, actor=actor
    )
    audit_log(
        actor=actor,
        action=f"proposals.idea.{verb}",
        instance=locked,
        data={"from": old_status, "to": locked.status, "reason": reason},
    )
    _notify(
        recipient=locked.author,
        kind="idea_duplicate" if verb == "mark_duplicate" else "idea_status_changed",
        idea=locked,
        reason=reason,
        old_status=old_status,
    )
    if old_status != Status.SUBMITTED:
        _notify_followers(idea=locked, reason=reason, old_status=old_status)
    # The caller's instance reflects the change too.
    idea.refresh_from_db()
    return idea


@transaction.atomic
def idea_publish(*, actor, idea: Idea) -> Idea:
    """Moderator approves a submitted idea: it becomes public and open to supports."""
    return _transition(verb="publish", actor=actor, idea=idea)


@transaction.atomic
def idea_reject(*, actor, idea: Idea, reason: str) -> Idea:
    """Moderator refuses a submitted idea with a reason its author reads; it stays private."""
    return _transition(verb="reject", actor=actor, idea=idea, reason=reason)


@transaction.atomic
def idea_study(*, actor, idea: Idea, reason: str = "") -> Idea:
    """The city puts a published idea under study."""
    return _transition(verb="study", actor=actor, idea=idea, reason=reason)


@transaction.atomic
def idea_accept(*, actor, idea: Idea, reason: str = "") -> Idea:
    """The city retains an idea under study."""
    return _transition(verb="accept", actor=actor, idea=idea, reason=reason)


@transaction.atomic
def idea_not_retain(*, actor, idea: Idea, reason: str) -> Idea:
    """The city does not retain an idea under study; the reason is required and public."""
    return _transition(verb="not_retain", actor=actor, idea=idea, reason=reason)


@transaction.atomic
def idea_transfer(*, actor, idea: Idea, reason: str = "", project_url: str = "") -> Idea:
    """An accepted idea becomes a participatory-budget project; the link to it is kept."""
    return _transition(
        verb="transfer", actor=actor, idea=idea, reason=reason, transferred_to_url=project_url
    )


@transaction.atomic
def idea_implement(*, actor, idea: Idea, reason: str = "") -> Idea:
    """An accepted idea has been carried out."""
    return _transition(verb="implement", actor=actor, idea=idea, reason=reason)


@transaction.atomic
def idea_mark_duplicate(*, actor, idea: Idea, kept: Idea, reason: str = "") -> Idea:
    """Close `idea` as a duplicate of `kept`; its supports move to `kept`.

    `idea` may still be submitted (from the moderation queue) or open. One status change, one
    audit entry (`proposals.idea.mark_duplicate`), one email to the author (`idea_duplicate`,
    with a link to the kept idea). A citizen who supported both keeps a single support on
    `kept` (never counted twice).
    """
    if kept.pk == idea.pk:
        raise ValidationError(_("Une idée ne peut pas être le doublon d'elle-même."))
    kept = Idea.objects.select_for_update().get(pk=kept.pk)
    if kept.status not in Idea.LISTED_STATUSES:
        raise ValidationError(
            _("L'idée conservée doit être publique (statut actuel : « %(status)s »).")
            % {"status": Status(kept.status).label}
        )
    if not reason:
        reason = _("Cette idée rejoint l'idée « %(title)s ».") % {"title": kept.title}
    idea = _transition(
        verb="mark_duplicate", actor=actor, idea=idea, reason=reason, duplicate_of=kept
    )
    already = Support.objects.filter(idea=kept).values("user_id")
    Support.objects.filter(idea=idea, user_id__in=already).delete()
    Support.objects.filter(idea=idea).update(idea=kept)
    return idea


@transaction.atomic
def idea_answer(*, actor, idea: Idea, text: str) -> Idea:
    """Publish (or correct) the city's official answer on a public idea."""
    if actor is None or not actor.has_perm("proposals.answer_idea"):
        raise PermissionDenied(_("Vous n'avez pas le droit de répondre au nom de la ville."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("La réponse officielle ne peut pas être vide.")})
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if not locked.is_public:
        raise ValidationError(_("On ne répond officiellement qu'à une idée publiée."))
    locked.official_answer = text
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.full_clean()
    locked.save()
    audit_log(
        actor=actor, action="proposals.idea.answer", instance=locked, data={"length": len(text)}
    )
    _notify(recipient=locked.author, kind="idea_official_answer", idea=locked, reason=text)
    _notify_followers(idea=locked, reason=text, old_status=locked.status)
    idea.refresh_from_db()
    return idea


# Supports -----------------------------------------------------------------------------


def _check_can_support(*, user, idea: Idea) -> None:
    if not user_has_verified_email(user):
        raise PermissionDenied(_("Connectez-vous avec une adresse e-mail confirmée pour soutenir."))
    if not idea.accepts_supports:
        raise ValidationError(_("Cette idée ne reçoit plus de soutiens."), code="closed")


@transaction.atomic
def support_add(*, user, idea: Idea) -> bool:
    """Support `idea` as `user`. Idempotent: a second call (a double click, two tabs, two
    servers at once) leaves exactly one support. Returns True if this call created it."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    _check_can_support(user=user, idea=idea)
    try:
        with transaction.atomic():
            _support, created = Support.objects.get_or_create(user=user, idea=idea)
    except IntegrityError:  # another request inserted it between our SELECT and INSERT
        created = False
    return created


@transaction.atomic
def support_remove(*, user, idea: Idea) -> bool:
    """Withdraw `user`'s support. Idempotent. Returns True if a support was removed."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    _check_can_support(user=user, idea=idea)
    deleted, _detail = Support.objects.filter(user=user, idea=idea).delete()
    return deleted > 0


@transaction.atomic
def support_toggle(*, user, idea: Idea) -> bool:
    """Support `idea` if `user` does not yet, withdraw otherwise; True if now supporting.

    Toggles of one idea are serialised by a row lock on the idea, so each one sees the result
    of the previous one and the unique constraint is never hit.
    """
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    _check_can_support(user=user, idea=idea)
    deleted, _detail = Support.objects.filter(user=user, idea=idea).delete()
    if deleted:
        return False
    Support.objects.create(user=user, idea=idea)
    return True


@transaction.atomic
def idea_submit_on_behalf(
    *,
    agent: User,
    channel: str,
    author_email: str,
    author_display_name: str = "",
    title: str,
    body: str,
    theme: Theme,
    district: District | None,
    latitude=None,
    longitude=None,
    photo=None,
) -> Idea:
    """An agent records the idea of a citizen met at the counter, on the phone or by mail.

    Guarantees: the citizen's account is found by `author_email` or created
    (`idea_author_for_on_behalf`), and the idea is submitted in their name through `channel`
    (`idea_submit`, which acknowledges it to them): both happen or neither does.
    """
    found = idea_author_for_on_behalf(
        agent=agent, email=author_email, display_name=author_display_name, district=district
    )
    return idea_submit(
        author=found.user,
        title=title,
        body=body,
        theme=theme,
        district=district,
        latitude=latitude,
        longitude=longitude,
        photo=photo,
        channel=channel,
        submitted_by=agent,
    )


# The author's own pending idea ----------------------------------------------------------

AUTHOR_EDITABLE_FIELDS = ("title", "body", "theme", "district", "latitude", "longitude")
COORDINATE_PLACES = Decimal("0.000001")


def _locked_own_pending_idea(*, author, idea: Idea) -> Idea:
    """`idea`, locked, if `author` wrote it and it still waits for moderation."""
    if author is None or not author.is_authenticated or idea.author_id != author.pk:
        raise PermissionDenied(_("Seul l'auteur d'une idée peut la modifier ou la retirer."))
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.status not in Idea.AUTHOR_EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Votre idée n'est plus en attente de modération (« %(status)s ») : elle ne peut "
                "plus être modifiée ni retirée."
            )
            % {"status": Status(locked.status).label},
            code="not_editable",
        )
    return locked


@transaction.atomic
def idea_update_by_author(*, author, idea: Idea, **changes) -> Idea:
    """The author corrects their idea while it waits for moderation (title, description,
    theme, district, place). Refused once a moderator has acted on it. Atomic; the audit
    entry records each changed field before and after; a call changing nothing writes
    nothing."""
    unknown = set(changes) - set(AUTHOR_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable by the author: {sorted(unknown)}")
    locked = _locked_own_pending_idea(author=author, idea=idea)
    for name in ("title", "body"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    for name in ("latitude", "longitude"):
        # As stored (6 places), so an unchanged place is not recorded as a change.
        if changes.get(name) is not None:
            changes[name] = Decimal(str(changes[name])).quantize(COORDINATE_PLACES)
    before = audit_snapshot(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    changed = audit_changes(before, audit_snapshot(locked))
    if not changed:
        return idea
    locked.save()
    audit_log(
        actor=author,
        action="proposals.idea.author_update",
        instance=locked,
        data={"changes": changed},
    )
    idea.refresh_from_db()
    return idea


@transaction.atomic
def idea_withdraw(*, author, idea: Idea) -> Idea:
    """The author withdraws their idea before it is published: it leaves the moderation queue
    and stays, marked "retirée", in their dashboard and the history (not deleted, so the audit
    log and the daily limit still see it). Refused once a moderator has acted on it."""
    locked = _locked_own_pending_idea(author=author, idea=idea)
    old_status = locked.status
    locked.status = Status.WITHDRAWN
    locked.full_clean()
    locked.save()
    IdeaStatusChange.objects.create(
        idea=locked, from_status=old_status, to_status=locked.status, actor=author
    )
    audit_log(
        actor=author,
        action="proposals.idea.withdraw",
        instance=locked,
        data={"from": old_status, "to": locked.status},
    )
    idea.refresh_from_db()
    return idea
