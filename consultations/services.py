"""State changes of consultations: responses (web and paper), flags and moderation of
free-text answers, the city's feedback, opening notices.

Every service is keyword-only, checks permission, runs in one transaction and writes the
audit log. Refusals raise `PermissionDenied` or a `ValidationError` whose messages can be
shown as they are (a dict keyed by the form's field names for answers). The audit entries of
responses are written on the consultation, never on the response, with no answer in them:
the history says that someone answered, not what.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts.models import AgeBracket
from civic.accounts.selectors import user_has_verified_email
from civic.audit import audit_log
from civic.notifications import services as notifications

from .models import (
    Answer,
    AnswerFlag,
    Channel,
    ConsultationPage,
    Feedback,
    OpeningAlert,
    Question,
    Response,
)

PAPER_PERMISSION = "consultations.record_paper_response"
EXPORT_PERMISSION = "consultations.export_responses"
FEEDBACK_PERMISSION = "consultations.publish_feedback"
MODERATE_PERMISSION = "consultations.moderate_answer"


# Eligibility ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why someone cannot answer, and what they can do about it (`fix_url`)."""

    code: str
    message: str
    fix_url: str = ""
    fix_label: str = ""


def _profile_fix() -> dict:
    return {"fix_url": reverse("accounts:profile_edit"), "fix_label": _("Compléter mon profil")}


def target_refusal(*, consultation: ConsultationPage, district_id, age_bracket: str):
    """Why a person of this district and age bracket is outside the consultation's target."""
    districts = {d.pk: d for d in consultation.target_districts.all()}
    if districts and district_id is None:
        return Refusal(
            "no_district",
            _(
                "Cette consultation s'adresse à certains quartiers : indiquez le vôtre dans votre "
                "profil."
            ),
            **_profile_fix(),
        )
    if districts and district_id not in districts:
        names = ", ".join(sorted(d.name for d in districts.values()))
        return Refusal(
            "district",
            _(
                "Cette consultation s'adresse aux habitants de : %(names)s. Si vous avez "
                "déménagé, mettez votre quartier à jour dans votre profil."
            )
            % {"names": names},
            **_profile_fix(),
        )
    low, high = consultation.min_age_bracket, consultation.max_age_bracket
    if low or high:
        if not age_bracket:
            return Refusal(
                "no_age",
                _(
                    "Cette consultation s'adresse à une tranche d'âge : indiquez la vôtre dans "
                    "votre profil."
                ),
                **_profile_fix(),
            )
        values = AgeBracket.values
        position = values.index(age_bracket)
        if (low and position < values.index(low)) or (high and position > values.index(high)):
            return Refusal(
                "age",
                _(
                    "Cette consultation s'adresse aux personnes de %(range)s. Si votre tranche "
                    "d'âge a changé, corrigez-la dans votre profil."
                )
                % {"range": age_range_label(consultation)},
                **_profile_fix(),
            )
    return None


def age_range_label(consultation: ConsultationPage) -> str:
    labels = dict(AgeBracket.choices)
    low, high = consultation.min_age_bracket, consultation.max_age_bracket
    if low and high:
        return _("%(low)s à %(high)s") % {"low": labels[low], "high": labels[high]}
    if low:
        return _("%(low)s et plus") % {"low": labels[low]}
    if high:
        return _("%(high)s et moins") % {"high": labels[high]}
    return _("tous les âges")


def date_refusal(*, consultation: ConsultationPage, at=None):
    from civic.formats import datetime_long

    phase = consultation.phase(at)
    if phase == "upcoming":
        return Refusal(
            "not_open",
            _("Cette consultation n'est pas encore ouverte : elle ouvrira le %(date)s.")
            % {"date": datetime_long(consultation.opens_at)},
        )
    if phase == "closed":
        return Refusal(
            "closed",
            _(
                "Cette consultation est close depuis le %(date)s : il n'est plus possible d'y "
                "répondre."
            )
            % {"date": datetime_long(consultation.closes_at)},
        )
    return None


def answer_refusal(*, user, consultation: ConsultationPage, at=None):
    """Why `user` may not answer (or edit their answer) now, or None."""
    refusal = date_refusal(consultation=consultation, at=at)
    if refusal:
        return refusal
    if user is None or not user.is_authenticated:
        return Refusal(
            "login",
            _("Connectez-vous pour répondre à cette consultation."),
            f"{reverse('account_login')}?next={consultation.url or ''}",
            _("Se connecter"),
        )
    if not user_has_verified_email(user):
        return Refusal(
            "unverified",
            _(
                "Confirmez votre adresse e-mail pour répondre : ouvrez le lien que nous vous "
                "avons envoyé."
            ),
            reverse("account_email"),
            _("Gérer mes adresses e-mail"),
        )
    profile = getattr(user, "profile", None)
    return target_refusal(
        consultation=consultation,
        district_id=getattr(profile, "district_id", None),
        age_bracket=getattr(profile, "age_bracket", "") or "",
    )


# Answers ----------------------------------------------------------------------------------


def field_name(question: Question, rank_option: int | None = None) -> str:
    """The form field of a question (of one option's rank, for a ranking)."""
    if rank_option is None:
        return f"q{question.pk}"
    return f"q{question.pk}_{rank_option}"


def answers_clean(*, questions: list[Question], data) -> list[Answer]:
    """Unsaved `Answer` rows from raw form values (`data.get`/`getlist`); raises a
    ValidationError keyed by field name with every problem at once."""
    errors: dict[str, list[str]] = {}
    rows: list[Answer] = []
    for question in questions:
        name = field_name(question)
        options = question.option_list
        kind = question.kind
        if kind == Question.Kind.RANKING:
            ranks = {}
            for index, option in enumerate(options):
                raw = (data.get(field_name(question, index)) or "").strip()
                if raw:
                    if not raw.isdigit() or not 1 <= int(raw) <= len(options):
                        errors.setdefault(name, []).append(_("Choisissez un rang proposé."))
                        break
                    ranks[option] = int(raw)
            if name in errors:
                continue
            if not ranks:
                if question.required:
                    errors[name] = [_("Classez les options : donnez un rang à chacune.")]
                continue
            if len(ranks) != len(options):
                errors[name] = [_("Donnez un rang à chaque option, ou à aucune.")]
                continue
            if len(set(ranks.values())) != len(ranks):
                errors[name] = [_("Chaque rang ne peut être donné qu'à une option.")]
                continue
            rows += [Answer(question=question, choice=o, rank=r) for o, r in ranks.items()]
            continue
        if kind == Question.Kind.MULTIPLE:
            values = [v for v in data.getlist(name) if v]
        else:
            value = data.get(name) or ""
            values = [value] if value.strip() else []
        if not values:
            if question.required:
                errors[name] = [_("Cette question demande une réponse.")]
            continue
        if kind == Question.Kind.TEXT:
            text = values[0].strip()
            if len(text) > 2000:
                errors[name] = [
                    _("Votre réponse fait %(n)s caractères : 2 000 au plus.") % {"n": len(text)}
                ]
                continue
            rows.append(Answer(question=question, text=text))
        elif kind == Question.Kind.SCALE:
            if values[0] not in {"1", "2", "3", "4", "5"}:
                errors[name] = [_("Choisissez une valeur de 1 à 5.")]
                continue
            rows.append(Answer(question=question, value=int(values[0])))
        else:
            if len(set(values)) != len(values) or any(v not in options for v in values):
                errors[name] = [_("Choisissez parmi les options proposées.")]
                continue
            if kind != Question.Kind.MULTIPLE and len(values) > 1:
                errors[name] = [_("Une seule réponse est possible.")]
                continue
            if (
                kind == Question.Kind.MULTIPLE
                and question.max_choices
                and len(values) > question.max_choices
            ):
                errors[name] = [
                    _("Choisissez au plus %(n)s options (vous en avez coché %(k)s).")
                    % {"n": question.max_choices, "k": len(values)}
                ]
                continue
            rows += [Answer(question=question, choice=v) for v in values]
    if errors:
        raise ValidationError(errors)
    return rows


def _write_answers(response: Response, rows: list[Answer]) -> None:
    response.answers.all().delete()
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)


@transaction.atomic
def response_submit(
    *,
    actor,
    consultation: ConsultationPage,
    data,
    channel: str = Channel.WEB,
    citizen=None,
    district=None,
    age_bracket: str = "",
) -> Response:
    """Record (or replace, until closing) a response to `consultation`.

    Online (`channel` web) `actor` answers for themselves: verified email, inside the dates,
    in the target. An agent (`consultations.record_paper_response`) enters a paper, counter or
    phone questionnaire through the same checks of answers and dates: for `citizen` (their
    account: one response per person still holds) or for nobody (then `district` and
    `age_bracket` are those written on the paper). One response per account is a database
    constraint; a concurrent second submit is refused with a clear message.
    """
    questions = list(consultation.questions.all())
    if channel == Channel.WEB:
        refusal = answer_refusal(user=actor, consultation=consultation)
        if refusal:
            raise PermissionDenied(refusal.message)
        person = actor
        profile = getattr(actor, "profile", None)
        district_id = getattr(profile, "district_id", None)
        age_bracket = getattr(profile, "age_bracket", "") or ""
    else:
        if not (actor and actor.is_authenticated and actor.has_perm(PAPER_PERMISSION)):
            raise PermissionDenied(_("Votre rôle ne permet pas de saisir une réponse papier."))
        if channel not in Channel.values:
            raise ValidationError({"channel": _("Canal inconnu.")})
        refusal = date_refusal(consultation=consultation)
        if refusal:
            raise PermissionDenied(refusal.message)
        person = citizen
        if citizen is not None:
            profile = getattr(citizen, "profile", None)
            district_id = getattr(profile, "district_id", None)
            age_bracket = getattr(profile, "age_bracket", "") or ""
        else:
            district_id = district.pk if district is not None else None
        refusal = target_refusal(
            consultation=consultation, district_id=district_id, age_bracket=age_bracket
        )
        if refusal:
            raise PermissionDenied(refusal.message)
    rows = answers_clean(questions=questions, data=data)
    now = timezone.now()
    existing = None
    if person is not None:
        existing = (
            Response.objects.select_for_update()
            .filter(consultation=consultation, user=person)
            .first()
        )
    if existing is not None:
        existing.channel, existing.updated_at = channel, now
        existing.district_id, existing.age_bracket = district_id, age_bracket
        existing.save(update_fields=["channel", "updated_at", "district", "age_bracket"])
        _write_answers(existing, rows)
        audit_log(
            actor=actor,
            action="consultations.response.edit",
            instance=consultation,
            data={"channel": channel},
        )
        return existing
    response = Response(
        consultation=consultation,
        user=person,
        channel=channel,
        district_id=district_id,
        age_bracket=age_bracket,
        created_at=now,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ValidationError(
            _(
                "Une réponse de ce compte vient d'être enregistrée : rechargez la page pour la "
                "modifier."
            )
        ) from None
    _write_answers(response, rows)
    audit_log(
        actor=actor,
        action="consultations.response.submit",
        instance=consultation,
        data={"channel": channel},
    )
    return response


@transaction.atomic
def response_delete(*, actor, consultation: ConsultationPage) -> None:
    """The author withdraws their own response, until the closing."""
    refusal = answer_refusal(user=actor, consultation=consultation)
    if refusal and refusal.code in ("closed", "not_open", "login"):
        raise PermissionDenied(refusal.message)
    deleted, _details = Response.objects.filter(consultation=consultation, user=actor).delete()
    if not deleted:
        raise ValidationError(_("Vous n'avez pas de réponse à cette consultation."))
    audit_log(actor=actor, action="consultations.response.delete", instance=consultation)


# Free-text answers: flags and moderation --------------------------------------------------


@transaction.atomic
def answer_flag(*, actor, answer: Answer) -> bool:
    """A signed-in reader reports a published free-text answer (once each). Returns whether
    this flag is new."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour signaler une réponse."))
    if answer.hidden or not answer.question.publish_text_answers or not answer.text:
        raise ValidationError(_("Cette réponse ne peut pas être signalée."))
    try:
        with transaction.atomic():
            AnswerFlag.objects.create(answer=answer, user=actor)
    except IntegrityError:
        return False
    answer.reviewed_at = None
    answer.save(update_fields=["reviewed_at"])
    audit_log(actor=actor, action="consultations.answer.flag", instance=answer)
    return True


@transaction.atomic
def answer_moderate(*, actor, answer: Answer, hide: bool, reason: str = "") -> Answer:
    """A moderator hides a flagged free-text answer from the results, or keeps it."""
    if not (actor and actor.is_authenticated and actor.has_perm(MODERATE_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas cette action."))
    answer.hidden = hide
    answer.reviewed_at = timezone.now()
    answer.save(update_fields=["hidden", "reviewed_at"])
    audit_log(
        actor=actor,
        action="consultations.answer.hide" if hide else "consultations.answer.keep",
        instance=answer,
        data={"reason": reason},
    )
    return answer


# Feedback ---------------------------------------------------------------------------------


@transaction.atomic
def feedback_save(*, actor, feedback: Feedback, publish: bool) -> Feedback:
    """Save the city's feedback on a closed consultation; on its first publication, every
    participant with an account is told (their preference `notify_followed` allowing)."""
    if not (actor and actor.is_authenticated and actor.has_perm(FEEDBACK_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas de publier un retour."))
    consultation = feedback.consultation
    if consultation.phase() != "closed":
        raise ValidationError(
            {"consultation": _("Le retour se publie une fois la consultation close.")}
        )
    first_publication = publish and feedback.published_at is None
    if publish and feedback.published_at is None:
        feedback.published_at = timezone.now()
    if not publish:
        feedback.published_at = None
    feedback.updated_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit_log(
        actor=actor,
        action="consultations.feedback.publish" if publish else "consultations.feedback.save",
        instance=consultation,
        data={"status": feedback.status},
    )
    if first_publication:
        participants = (
            Response.objects.filter(consultation=consultation, user__isnull=False)
            .select_related("user__profile")
            .order_by("pk")
        )
        for response in participants:
            notifications.notification_send(
                recipient=response.user,
                kind="consultation_feedback",
                context={"consultation": consultation, "feedback": feedback},
                obj=consultation,
            )
    return feedback


# Opening notices --------------------------------------------------------------------------


@transaction.atomic
def opening_alert_toggle(*, user) -> bool:
    """Subscribe `user` to opening notices, or unsubscribe. Returns whether subscribed."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour être prévenu."))
    deleted, _details = OpeningAlert.objects.filter(user=user).delete()
    if deleted:
        return False
    OpeningAlert.objects.get_or_create(user=user)
    return True


def openings_notify(*, at=None) -> int:
    """Tell subscribed citizens of the target's districts (all districts when the whole city
    is consulted) about each live consultation that has opened and was not announced yet.
    Idempotent: a consultation is announced once (`opening_notified_at`). Returns how many
    consultations were announced. Run by `manage.py consultations_notify_openings`."""
    now = at or timezone.now()
    announced = 0
    pending = ConsultationPage.objects.live().filter(
        opens_at__lte=now, closes_at__gt=now, opening_notified_at__isnull=True
    )
    for consultation in pending:
        with transaction.atomic():
            locked = (
                ConsultationPage.objects.select_for_update()
                .filter(pk=consultation.pk, opening_notified_at__isnull=True)
                .update(opening_notified_at=now)
            )
            if not locked:
                continue
            alerts = OpeningAlert.objects.select_related("user__profile").order_by("pk")
            districts = list(consultation.target_districts.values_list("pk", flat=True))
            if districts:
                alerts = alerts.filter(user__profile__district__in=districts)
            for alert in alerts:
                notifications.notification_send(
                    recipient=alert.user,
                    kind="consultation_opened",
                    context={"consultation": consultation},
                    obj=consultation,
                )
            audit_log(
                actor=None, action="consultations.consultation.announce", instance=consultation
            )
            announced += 1
    return announced
