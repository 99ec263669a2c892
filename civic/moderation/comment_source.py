"""The comments source of the moderation queue: reported (and hidden) comments."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments_xtd.models import XtdComment

from civic.moderation import selectors, services
from civic.moderation.sources import ModerationAction, ModerationSource, QueueItem


class CommentModerationSource(ModerationSource):
    name = "comments"
    order = 20
    label = _("Commentaires signalés")
    reason_kind = "comments"
    permission = services.MODERATE_COMMENTS
    actions = [
        ModerationAction(
            "approve",
            _("Rétablir"),
            needs_reason=True,
            bulk=True,
            help_text=_("Le commentaire redevient visible et ses signalements sont effacés."),
        ),
        ModerationAction(
            "reject",
            _("Retirer"),
            needs_reason=True,
            bulk=True,
            destructive=True,
            help_text=_("Le commentaire n'est plus jamais affiché (il reste dans le journal)."),
        ),
    ]

    def _item(self, comment, target) -> QueueItem:
        flags = getattr(comment, "flag_count", None)
        if flags is None:
            flags = services._removal_flags(comment).count()
        detail = ngettext("%(count)s signalement", "%(count)s signalements", flags) % {
            "count": flags
        }
        if not comment.is_public:
            detail = f"{detail} · {_('masqué en attendant votre décision')}"
        return QueueItem(
            source=self.name,
            pk=comment.pk,
            kind_label=str(_("Commentaire")),
            title=Truncator(comment.comment).chars(90),
            excerpt=comment.comment,
            author_name=str(comment.user.public_name) if comment.user else comment.user_name,
            waiting_since=getattr(comment, "waiting_since", None) or comment.submit_date,
            url=f"{target.get_absolute_url()}#c{comment.pk}" if target is not None else "",
            context_label=str(_("Sur « %(title)s »") % {"title": target})
            if target is not None
            else "",
            detail=detail,
            private_details={
                str(_("Adresse e-mail")): comment.user_email,
                str(_("Adresse IP")): comment.ip_address or "—",
            },
        )

    def pending(self, *, district=None, theme=None):
        return selectors.comments_flagged()

    def items_for(self, pks):
        comments = self.pending().in_bulk(pks)
        # The commented objects, one query per kind of object; `select_related()` joins
        # their required foreign keys, which their URL and title may need.
        pks_by_type: dict[ContentType, list[str]] = {}
        for comment in comments.values():
            pks_by_type.setdefault(comment.content_type, []).append(comment.object_pk)
        targets = {}
        for content_type, object_pks in pks_by_type.items():
            model = content_type.model_class()
            objects = model._base_manager.select_related().in_bulk(object_pks) if model else {}
            targets.update({(content_type.pk, str(pk)): obj for pk, obj in objects.items()})
        return {
            pk: self._item(comment, targets.get((comment.content_type_id, comment.object_pk)))
            for pk, comment in comments.items()
        }

    def get_object(self, pk):
        try:
            return XtdComment.norel_objects.select_related("user__profile").get(pk=int(pk))
        except (ValueError, XtdComment.DoesNotExist) as error:
            raise Http404 from error

    def item_for(self, obj) -> QueueItem:
        return self._item(obj, obj.content_object)

    def perform(self, *, actor, action, obj, data) -> str:
        reason = data.get("reason", "")
        if action == "approve":
            services.comment_approve(actor=actor, comment=obj, reason=reason)
            return str(_("Commentaire rétabli."))
        if action == "reject":
            services.comment_remove(actor=actor, comment=obj, reason=reason)
            return str(_("Commentaire retiré."))
        raise Http404(action)
