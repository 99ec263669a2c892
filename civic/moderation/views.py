"""The moderation queue in the Wagtail admin: the listing (with bulk actions) and one page
per action on one item (reason, duplicate, official answer). Both only talk to sources."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.accounts import roles
from civic.accounts.models import District
from civic.moderation import selectors
from civic.moderation.forms import QueueFilterForm, ReasonForm
from civic.moderation.sources import moderation_delay, source_get, sources_for


def _is_administrator(user) -> bool:
    """Only administrators see commenters' emails and IP addresses."""
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()


def _error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    """`/admin/moderation/`: everything waiting for the current user, oldest first."""

    template_name = "moderation/queue.html"
    paginate_by = 50
    page_title = gettext_lazy("File de modération")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.sources = sources_for(request.user)
        if not self.sources:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_filter_form(self):
        districts = [(str(d.pk), d.name) for d in District.objects.order_by("name")]
        form = QueueFilterForm(self.request.GET or None, sources=self.sources, districts=districts)
        form.is_valid()
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = self.get_filter_form()
        filters = getattr(filter_form, "cleaned_data", {}) or {}
        rows = selectors.queue_rows(
            user=self.request.user,
            kind=filters.get("kind") or None,
            district=filters.get("district") or None,
            theme=filters.get("theme") or None,
            overdue_only=bool(filters.get("overdue")),
        )
        bulk_actions = {}
        for source in self.sources:
            for action in source.actions_for(self.request.user):
                if action.bulk:
                    bulk_actions.setdefault(action.name, action.label)
        paginator = Paginator(rows, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        page.object_list = selectors.queue_items(user=self.request.user, rows=page.object_list)
        context.update(
            {
                "items": page,
                "paginator": paginator,
                "elided_page_range": paginator.get_elided_page_range(page.number),
                "item_count": paginator.count,
                "filter_form": filter_form,
                "summary": selectors.queue_summary(user=self.request.user),
                "bulk_actions": list(bulk_actions.items()),
                "bulk_form": kwargs.get("bulk_form") or ReasonForm(prefix="bulk"),
                "delay_hours": int(moderation_delay().total_seconds() // 3600),
                "filtered": any(filters.values()),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        """Bulk action on the selected rows, with one reason for all."""
        keys = request.POST.getlist("items")
        action_name = request.POST.get("action", "")
        if not keys or not action_name:
            messages.error(request, _("Cochez au moins une ligne et choisissez une action."))
            return redirect(request.get_full_path())
        targets = []
        reason_required = False
        for key in keys:
            source_name, _sep, pk = key.partition(":")
            source = next((s for s in self.sources if s.name == source_name), None)
            action = source.action(action_name) if source else None
            if source is None or action is None or not action.bulk:
                messages.error(
                    request, _("Action impossible sur la ligne « %(key)s ».") % {"key": key}
                )
                return redirect(request.get_full_path())
            reason_required = reason_required or action.reason_required
            targets.append((source, action, pk))
        form = ReasonForm(request.POST, prefix="bulk", reason_required=reason_required)
        if not form.is_valid():
            messages.error(request, _("Indiquez un motif : l'auteur le lira."))
            return self.render_to_response(self.get_context_data(bulk_form=form))
        done, failed = 0, []
        for source, action, pk in targets:
            try:
                if not source.can(request.user, action):
                    raise PermissionDenied(_("Vous n'avez pas le droit de faire cela."))
                obj = source.get_object(pk)
                source.perform(
                    actor=request.user, action=action.name, obj=obj, data=form.cleaned_data
                )
                done += 1
            except (PermissionDenied, ValidationError, Http404) as error:
                failed.append(f"{source.label} {pk} : {_error_text(error)}")
        if done:
            messages.success(request, _("%(count)s élément(s) traité(s).") % {"count": done})
        for failure in failed:
            messages.error(request, failure)
        return redirect(request.get_full_path())


class ItemActionView(WagtailAdminTemplateMixin, FormView):
    """`/admin/moderation/<source>/<pk>/<action>/`: one decision on one item, with its form."""

    template_name = "moderation/item_action.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.source = source_get(kwargs["source"])
        self.action = self.source.action(kwargs["action"])
        if self.action is None:
            raise Http404
        if not self.source.can(request.user, self.action):
            raise PermissionDenied
        self.object = self.source.get_object(kwargs["pk"])
        self.item = self.source.item_for(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return self.item.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation:queue"), "label": _("File de modération")},
            {"url": "", "label": self.action.label},
        ]

    def get_form_class(self):
        return self.action.form_class or ReasonForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.action.form_class is None:
            kwargs.update(
                reason_kind=self.source.reason_kind,
                reason_required=self.action.reason_required,
            )
        else:
            kwargs.update(self.source.form_kwargs(self.action, self.object))
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "item": selectors.items_with_age([self.item], delay=self.source.delay())[0],
                "action": self.action,
                "source": self.source,
                "queue_url": reverse("moderation:queue"),
                "show_private": _is_administrator(self.request.user),
            }
        )
        return context

    def form_valid(self, form):
        try:
            message = self.source.perform(
                actor=self.request.user,
                action=self.action.name,
                obj=self.object,
                data=form.cleaned_data,
            )
        except PermissionDenied as error:
            raise PermissionDenied(_error_text(error)) from error
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("moderation:queue")
