from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.IdeaListView.as_view(), name="idea_list"),
    path("nouvelle/", views.IdeaCreateView.as_view(), name="idea_create"),
    path("<int:pk>/", views.IdeaDetailView.as_view(), name="idea_detail"),
    path("<int:pk>/modifier/", views.IdeaEditView.as_view(), name="idea_edit"),
    path("<int:pk>/retirer/", views.IdeaWithdrawView.as_view(), name="idea_withdraw"),
    path("<int:pk>/soutien/", views.SupportView.as_view(), name="idea_support"),
]
