"""Follow button (a POST form: works without JavaScript) and the list of what I follow."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from civic.notifications import selectors, services


class FollowToggleView(LoginRequiredMixin, View):
    """POST `content_type` + `object_id`: follow or stop following, then go back."""

    http_method_names = ["post"]

    def post(self, request):
        try:
            content_type = ContentType.objects.get_for_id(int(request.POST.get("content_type", "")))
            model = content_type.model_class()
            obj = model._default_manager.get(pk=int(request.POST.get("object_id", "")))
        except (ValueError, TypeError, AttributeError, ObjectDoesNotExist) as error:
            raise Http404(_("Contenu introuvable.")) from error
        try:
            following = services.follow_toggle(user=request.user, obj=obj)
        except ValidationError as error:
            raise Http404(error.messages[0]) from error
        if following:
            messages.success(request, _("Vous suivez maintenant « %(title)s ».") % {"title": obj})
        else:
            messages.info(request, _("Vous ne suivez plus « %(title)s ».") % {"title": obj})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = obj.get_absolute_url()
        return redirect(next_url)


class FollowListView(LoginRequiredMixin, TemplateView):
    template_name = "notifications/follow_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["follows"] = selectors.follows_of_user(user=self.request.user)
        return context
