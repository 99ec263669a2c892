from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("profil/", views.ProfileEditView.as_view(), name="profile_edit"),
]
