from django import forms


class SignupProfileForm(forms.Form):
    """Placeholder replaced by the accounts work."""

    def signup(self, request, user):
        pass
