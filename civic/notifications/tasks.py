"""Background work of the notifications app (django-tasks)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def email_send(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    from_email: str = "",
    headers: dict | None = None,
) -> None:
    """Send one already-rendered email. Runs in the worker (database backend in production).

    `from_email` is the city's sender as it was when the email was rendered (queued tasks
    from before it existed send from DEFAULT_FROM_EMAIL).
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
