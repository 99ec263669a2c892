from django.urls import path

from civic.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.FollowListView.as_view(), name="follow_list"),
    path("basculer/", views.FollowToggleView.as_view(), name="follow_toggle"),
]
