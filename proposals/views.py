"""Public pages of the ideas box: list (+ map), detail, submission with preview, support."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from civic.accounts.selectors import user_has_verified_email
from civic.forms import form_add_service_error
from civic.maps import map_settings
from civic.pagination import page_clamped
from civic.photos import photo_form_bind, photo_staged_open, photo_unstage

from . import selectors, services
from .filters import IdeaFilter
from .forms import IdeaEditForm, IdeaForm, OnBehalfIdeaForm
from .models import Idea


class IdeaListView(ListView):
    """`/idees/`: cards (default) or map (`?vue=carte`) of the listed ideas, with filters."""

    template_name = "proposals/idea_list.html"
    context_object_name = "ideas"
    paginate_by = 12

    def paginate_queryset(self, queryset, page_size):
        """`?page=99` (an old link, a shorter listing) shows the last page, never a 404."""
        page = page_clamped(queryset, number=self.request.GET.get("page"), per_page=page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_queryset(self):
        self.filterset = IdeaFilter(
            self.request.GET or None, queryset=selectors.idea_list_public(), request=self.request
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        view = "carte" if self.request.GET.get("vue") == "carte" else "liste"
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("vue", None)
        api_query = self._api_query()
        context.update(
            filter=self.filterset,
            view_mode=view,
            filter_query=query.urlencode(),
            geojson_url=reverse("api-v1:idea_geojson") + (f"?{api_query}" if api_query else ""),
            map=map_settings(),
        )
        return context

    def _api_query(self) -> str:
        """The listing's filters, under the API's parameter names (for the map's GeoJSON)."""
        names = {"q": "q", "theme": "theme", "quartier": "district", "statut": "status"}
        parts = {api: self.request.GET.get(web) for web, api in names.items()}
        return urlencode({name: value for name, value in parts.items() if value})


class IdeaDetailView(View):
    """`/idees/<pk>/`. Pending or rejected ideas are a 404 except for their author and
    moderators."""

    template_name = "proposals/idea_detail.html"

    def get(self, request, pk):
        idea = selectors.idea_get_for_detail(pk=pk)
        if idea is None or not selectors.idea_can_view(idea=idea, user=request.user):
            raise Http404(_("Idée introuvable."))
        context = {
            "idea": idea,
            "history": selectors.idea_history(idea=idea),
            "supported": selectors.idea_supported_by(idea=idea, user=request.user),
            "can_support": user_has_verified_email(request.user),
            "is_author": request.user.is_authenticated and idea.author_id == request.user.pk,
            "map": map_settings(),
        }
        return render(request, self.template_name, context)


class SupportView(View):
    """POST `/idees/<pk>/soutien/` with `intent=add|remove` (idempotent; a double click changes
    nothing) or no intent (toggle). Answers JSON to `fetch`, redirects otherwise."""

    def post(self, request, pk):
        idea = get_object_or_404(Idea, pk=pk)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if not request.user.is_authenticated:
            if wants_json:
                return JsonResponse(
                    {"error": _("Connectez-vous pour soutenir une idée.")}, status=401
                )
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={idea.get_absolute_url()}")
        if not selectors.idea_can_view(idea=idea, user=request.user):
            raise Http404
        intent = request.POST.get("intent", "")
        error = None
        try:
            if intent == "add":
                services.support_add(user=request.user, idea=idea)
            elif intent == "remove":
                services.support_remove(user=request.user, idea=idea)
            else:
                services.support_toggle(user=request.user, idea=idea)
        except (PermissionDenied, ValidationError) as exc:
            error = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        supported = selectors.idea_supported_by(idea=idea, user=request.user)
        count = idea.supports.count()
        if wants_json:
            body = {"supported": supported, "count": count}
            if error:
                body["error"] = error
            return JsonResponse(body, status=400 if error else 200)
        if error:
            messages.error(request, error)
        elif supported:
            messages.success(request, _("Merci, votre soutien est enregistré."))
        else:
            messages.info(request, _("Votre soutien est retiré."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = idea.get_absolute_url()
        return HttpResponseRedirect(next_url)


class IdeaCreateView(LoginRequiredMixin, View):
    """`/idees/nouvelle/`: form → preview (with similar ideas) → submit.

    Every step re-validates everything; nothing typed is lost on an error, and a valid photo
    is kept (staged, named by a signed token) so it is never asked for twice.
    """

    template_name = "proposals/idea_form.html"
    preview_template_name = "proposals/idea_preview.html"

    def can_submit_on_behalf(self) -> bool:
        return self.request.user.has_perm("proposals.submit_idea_on_behalf")

    def form_class(self):
        return OnBehalfIdeaForm if self.can_submit_on_behalf() else IdeaForm

    def blocked_reason(self) -> str | None:
        """Why this user cannot submit at all right now, or None."""
        if self.can_submit_on_behalf():
            return None
        if not user_has_verified_email(self.request.user):
            return "unverified"
        if services.ideas_left_today(author=self.request.user) <= 0:
            return "rate_limited"
        return None

    def render_form(self, form, *, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "blocked": self.blocked_reason(),
                "ideas_per_day": settings.CIVIC_IDEAS_PER_DAY,
                "on_behalf_allowed": self.can_submit_on_behalf(),
                "map": map_settings(),
            },
            status=status,
        )

    def get(self, request):
        initial = {}
        profile = getattr(request.user, "profile", None)
        if profile is not None and profile.district_id:
            initial["district"] = profile.district_id
        return self.render_form(self.form_class()(initial=initial))

    def post(self, request):
        if self.blocked_reason():
            return self.render_form(self.form_class()(request.POST), status=403)
        step = photo_form_bind(
            make_form=self.form_class(),
            data=request.POST.copy(),
            files=request.FILES,
            user=request.user,
        )
        if not step.valid or request.POST.get("action") == "edit":
            return self.render_form(step.form, status=200 if step.valid else 400)
        if request.POST.get("action") == "submit":
            return self.submit(step.form, step.token)
        return self.preview(step.form, has_photo=step.has_photo)

    def preview(self, form, *, has_photo: bool):
        cleaned = form.cleaned_data
        similar = selectors.idea_similar(
            title=cleaned["title"],
            theme=cleaned.get("theme"),
            latitude=cleaned.get("latitude"),
            longitude=cleaned.get("longitude"),
        )
        return render(
            self.request,
            self.preview_template_name,
            {
                "form": form,
                "preview": cleaned,
                "has_photo": has_photo,
                "similar": similar,
                "map": map_settings(),
            },
        )

    def submit(self, form, token: str):
        cleaned = form.cleaned_data
        idea_fields = {
            "title": cleaned["title"],
            "body": cleaned["body"],
            "theme": cleaned["theme"],
            "district": cleaned.get("district"),
            "latitude": cleaned.get("latitude"),
            "longitude": cleaned.get("longitude"),
        }
        try:
            with photo_staged_open(token=token, user=self.request.user) as photo:
                if isinstance(form, OnBehalfIdeaForm) and form.on_behalf:
                    idea = services.idea_submit_on_behalf(
                        agent=self.request.user,
                        channel=cleaned["channel"],
                        author_email=cleaned["author_email"],
                        author_display_name=cleaned.get("author_display_name", ""),
                        photo=photo,
                        **idea_fields,
                    )
                else:
                    idea = services.idea_submit(
                        author=self.request.user, photo=photo, **idea_fields
                    )
        except ValidationError as exc:
            form_add_service_error(form, exc)
            return self.render_form(form, status=400)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.render_form(form, status=403)
        photo_unstage(token=token, user=self.request.user)
        author, submitted_by = idea.author, idea.submitted_by
        if submitted_by is not None:
            messages.success(
                self.request,
                _("L'idée est enregistrée pour %(name)s ; un accusé de réception lui est envoyé.")
                % {"name": author.public_name},
            )
        else:
            messages.success(
                self.request,
                _(
                    "Merci ! Votre idée est bien reçue. Elle sera relue par l'équipe de "
                    "modération sous %(hours)s heures avant d'être publiée ; un e-mail vous le "
                    "confirme."
                )
                % {"hours": settings.CIVIC_MODERATION_DELAY_HOURS},
            )
        return redirect(idea.get_absolute_url())


class AuthorPendingIdeaMixin(LoginRequiredMixin):
    """The signed-in author's own idea, while it waits for moderation. Anyone else gets the
    same 404 as for a missing idea (a pending idea is never revealed); the author of an idea
    already moderated is sent back to it with the reason."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        idea = selectors.idea_get_for_detail(pk=kwargs["pk"])
        if idea is None or idea.author_id != request.user.pk:
            raise Http404(_("Idée introuvable."))
        if idea.status not in Idea.AUTHOR_EDITABLE_STATUSES:
            messages.info(
                request,
                _(
                    "Cette idée n'est plus en attente de modération : elle ne peut plus être "
                    "modifiée ni retirée."
                ),
            )
            return redirect(idea.get_absolute_url())
        self.idea = idea
        return super().dispatch(request, *args, **kwargs)


class IdeaEditView(AuthorPendingIdeaMixin, View):
    """`/idees/<pk>/modifier/`: the author corrects a pending idea (its photo stays)."""

    template_name = "proposals/idea_edit.html"

    def render_form(self, form, *, status=200):
        context = {"form": form, "idea": self.idea, "map": map_settings()}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        idea = self.idea
        initial = {name: getattr(idea, name) for name in services.AUTHOR_EDITABLE_FIELDS}
        return self.render_form(IdeaEditForm(initial=initial))

    def post(self, request, pk):
        form = IdeaEditForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        changes = {name: form.cleaned_data.get(name) for name in services.AUTHOR_EDITABLE_FIELDS}
        try:
            services.idea_update_by_author(author=request.user, idea=self.idea, **changes)
        except ValidationError as exc:
            form_add_service_error(form, exc)
            return self.render_form(form, status=400)
        messages.success(request, _("Votre idée est modifiée. Elle attend toujours la modération."))
        return redirect(self.idea.get_absolute_url())


class IdeaWithdrawView(AuthorPendingIdeaMixin, View):
    """`/idees/<pk>/retirer/`: a confirmation page, then the POST withdraws the pending idea."""

    template_name = "proposals/idea_withdraw.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"idea": self.idea})

    def post(self, request, pk):
        try:
            services.idea_withdraw(author=request.user, idea=self.idea)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect(self.idea.get_absolute_url())
        messages.success(
            request,
            _("Votre idée « %(title)s » est retirée : elle ne sera pas publiée.")
            % {"title": self.idea.title},
        )
        return redirect("accounts:dashboard")
