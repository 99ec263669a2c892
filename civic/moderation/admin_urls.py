from django.urls import path

from civic.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("<slug:source>/<str:pk>/<slug:action>/", views.ItemActionView.as_view(), name="action"),
]
