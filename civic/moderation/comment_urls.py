"""/commentaires/: Civic's posting and flagging views in front of django-comments-xtd's.

Only the views the server-rendered flow uses are exposed (no JSON API of
django-comments-xtd: it would publish data Civic keeps private), and those that name a comment
or an object answer 404 for a hidden one as for a missing one (see comment_views).
"""

from django.urls import path, re_path

from civic.moderation import comment_views

urlpatterns = [
    path("post/", comment_views.comment_post, name="comments-post-comment"),
    path("flag/<int:comment_id>/", comment_views.comment_flag, name="comments-flag"),
    path("reply/<int:cid>/", comment_views.comment_reply, name="comments-xtd-reply"),
    path("like/<int:comment_id>/", comment_views.comment_like, name="comments-xtd-like"),
    path("liked/", comment_views.comment_liked, name="comments-xtd-like-done"),
    path("sent/", comment_views.comment_sent, name="comments-xtd-sent"),
    re_path(
        r"^cr/(\d+)/(.+)/$", comment_views.comment_object_redirect, name="comments-url-redirect"
    ),
]
