"""Public pages of the participatory budget, under `/budget-participatif/`."""

from django.urls import path

from . import ballot_views, downloads, submit_views, views

app_name = "budget"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("<slug:slug>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path(
        "<slug:slug>/projets/<int:pk>/",
        views.ProjectDetailView.as_view(),
        name="project_detail",
    ),
    path(
        "<slug:slug>/proposer/",
        submit_views.ProjectSubmitView.as_view(),
        name="project_submit",
    ),
    path("<slug:slug>/vote/", ballot_views.BallotView.as_view(), name="ballot"),
    path("<slug:slug>/verifier/", views.ReceiptCheckView.as_view(), name="receipt_check"),
    path("<slug:slug>/bulletins/", views.PublicBallotListView.as_view(), name="ballot_list"),
    path("<slug:slug>/resultats/", views.ResultsView.as_view(), name="results"),
    # Downloads (budget/downloads.py): 404 until the results are published.
    path("<slug:slug>/bulletins.csv", downloads.ballots_csv, name="ballots_csv"),
    path("<slug:slug>/bulletins.pb", downloads.ballots_pb, name="ballots_pb"),
]
