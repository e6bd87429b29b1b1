"""The sign-in forms: e-mail and password, or an API key; then the two-factor code."""

from django import forms


class LoginForm(forms.Form):
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    api_key = forms.CharField(
        label="API key",
        required=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Instead of e-mail and password: a key from VoIPstudio's settings.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("api_key"):
            return data
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter your VoIPstudio e-mail, or an API key below.")
        if not data.get("password"):
            self.add_error("password", "Enter your VoIPstudio password.")
        return data


class TwoFactorForm(forms.Form):
    code = forms.CharField(
        label="Two-factor code",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isalnum():
            raise forms.ValidationError("The code is the digits shown by your authenticator.")
        return code
