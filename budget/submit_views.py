"""`/budget-participatif/<slug>/proposer/`: a citizen proposes a project during the
submission phase. The rules (phase, verified email, envelope) are checked by
`budget.services.project_submit_with_photo`; this view only says in advance why the form is
closed, and keeps the photo between attempts (`civic.photos.photo_form_bind`).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from civic.accounts.selectors import user_has_verified_email
from civic.forms import form_add_service_error
from civic.photos import photo_form_bind, photo_staged_open, photo_unstage

from . import services
from .forms import ProjectSubmitForm
from .models import Campaign
from .views import campaign_or_404


class ProjectSubmitView(LoginRequiredMixin, View):
    template_name = "budget/project_submit.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.campaign = campaign_or_404(kwargs["slug"])

    def blocked_reason(self) -> str | None:
        """Why the form is closed to this user now: "closed" (not the submission phase),
        "unverified" (email not confirmed), or None."""
        if self.campaign.current_phase() != Campaign.Phase.SUBMISSION:
            return "closed"
        if not user_has_verified_email(self.request.user):
            return "unverified"
        return None

    def form(self, *args, **kwargs):
        return ProjectSubmitForm(*args, campaign=self.campaign, **kwargs)

    def render_form(self, form, *, status=200):
        blocked = self.blocked_reason()
        return render(
            self.request,
            self.template_name,
            {
                "campaign": self.campaign,
                "phase": self.campaign.current_phase(),
                "form": form,
                "blocked": blocked,
            },
            status=403 if blocked and self.request.method == "POST" else status,
        )

    def get(self, request, slug):
        return self.render_form(self.form())

    def post(self, request, slug):
        if self.blocked_reason():
            return self.render_form(self.form(request.POST))
        step = photo_form_bind(
            make_form=self.form, data=request.POST.copy(), files=request.FILES, user=request.user
        )
        if not step.valid:
            return self.render_form(step.form, status=400)
        return self.submit(step.form, step.token)

    def submit(self, form, token: str):
        cleaned = form.cleaned_data
        user = self.request.user
        try:
            with photo_staged_open(token=token, user=user) as photo:
                project = services.project_submit_with_photo(
                    author=user,
                    campaign=self.campaign,
                    envelope=cleaned["envelope"],
                    title=cleaned["title"],
                    summary=cleaned["summary"],
                    description=cleaned["description"],
                    estimated_cost=cleaned["estimated_cost"],
                    latitude=cleaned.get("latitude"),
                    longitude=cleaned.get("longitude"),
                    photo=photo,
                )
        except ValidationError as exc:
            form_add_service_error(form, exc)
            return self.render_form(form, status=400)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.render_form(form, status=403)
        photo_unstage(token=token, user=user)
        messages.success(
            self.request,
            _(
                "Merci ! Votre projet est bien déposé. Les services de la ville vont l'étudier "
                "(faisabilité, coût) ; vous serez informé de leur décision. Il sera publié une "
                "fois étudié."
            ),
        )
        return redirect(project.get_absolute_url())
