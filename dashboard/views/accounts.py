"""Sign-in (password, two-factor code or API key) and sign-out."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from dashboard.auth import TwoFactorRequired
from dashboard.forms.accounts import LoginForm, TwoFactorForm
from dashboard.upstream import UNREADABLE, credentials_store, safe_next
from history.api.errors import BadResponse, HistoryError

# The two-factor step needs the nonce and the page to return to; both stay server-side.
PENDING_2FA_KEY = "login_2fa_pending"
NOT_ANSWERING = "VoIPstudio is not answering. Try again in a moment."


def _upstream_trouble(form: Form, error: HistoryError) -> int:
    """Say on the form why signing in could not finish; the status of the page that says it."""
    if isinstance(error, BadResponse):
        form.add_error(None, UNREADABLE.message)
        return UNREADABLE.status
    form.add_error(None, NOT_ANSWERING)
    return 503


def _signed_in(request: HttpRequest, user, next_url: str) -> HttpResponse:
    login(request, user)
    # After login(): it rotates the session, and the token belongs to the new one only.
    credentials_store(request, user.upstream_credentials)
    return redirect(safe_next(request, next_url))


@sensitive_post_parameters("password", "api_key")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = authenticate(
                    request,
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    api_key=form.cleaned_data["api_key"],
                )
            except TwoFactorRequired as pending:
                request.session[PENDING_2FA_KEY] = {"nonce": pending.nonce, "next": next_url}
                return redirect("login_2fa")
            except HistoryError as error:
                status = _upstream_trouble(form, error)
            else:
                if user is not None:
                    return _signed_in(request, user, next_url)
                form.add_error(None, "VoIPstudio did not accept these details.")
                status = 401
    context = {"form": form, "next": safe_next(request, next_url) if next_url else ""}
    return render(request, "accounts/login.html", context, status=status)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_2fa(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_2FA_KEY)
    if not pending:
        messages.info(request, "Sign in with your e-mail and password first.")
        return redirect("login")
    form = TwoFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = authenticate(request, nonce=pending["nonce"], code=form.cleaned_data["code"])
            except HistoryError as error:
                status = _upstream_trouble(form, error)
            else:
                if user is not None:
                    request.session.pop(PENDING_2FA_KEY, None)
                    return _signed_in(request, user, pending.get("next", ""))
                form.add_error("code", "That code was not accepted. Check it and try again.")
                status = 401
    return render(request, "accounts/login_2fa.html", {"form": form}, status=status)


@require_POST
def logout_page(request: HttpRequest) -> HttpResponse:
    # Flushing the session drops the upstream token with it.
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("login")
