import pytest


@pytest.fixture
def sent_notifications(monkeypatch):
    """Every `notification_send(...)` call made by the ideas services, as
    `(recipient, kind, context)` tuples, once the transaction has committed."""
    calls = []

    def record(*, recipient, kind, context, obj=None):
        calls.append((recipient, kind, context))

    monkeypatch.setattr("civic.notifications.services.notification_send", record)
    return calls


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded photos go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
