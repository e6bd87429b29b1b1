"""Sign-in (password, two-factor code or API key) and sign-out."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.models import AbstractBaseUser
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from dashboard.forms.accounts import LoginForm, TwoFactorForm
from dashboard.services.accounts import SignInAttempt, user_sign_in, user_sign_in_2fa
from dashboard.views.guards import credentials_store, safe_next

# The two-factor step needs the nonce and the page to return to; both stay server-side.
PENDING_2FA_KEY = "login_2fa_pending"


def _signed_in(request: HttpRequest, user: AbstractBaseUser, next_url: str) -> HttpResponse:
    login(request, user)
    # After login(): it rotates the session, and the token belongs to the new one only.
    credentials_store(request, user.upstream_credentials)
    return redirect(safe_next(request, next_url))


def _refused(form: Form, attempt: SignInAttempt) -> int:
    """Say on the form why the step did not sign the user in; the status of the page."""
    form.add_error(attempt.problem_field, attempt.problem)
    return attempt.status


def _with_retry_after(response: HttpResponse, attempt: SignInAttempt | None) -> HttpResponse:
    """A throttled step says when to try again."""
    if attempt is not None and attempt.retry_after:
        response["Retry-After"] = str(attempt.retry_after)
    return response


@sensitive_post_parameters("password", "api_key")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request.POST or None)
    status = 200
    attempt = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            attempt = user_sign_in(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                api_key=form.cleaned_data["api_key"],
            )
            if attempt.nonce:
                request.session[PENDING_2FA_KEY] = {
                    "nonce": attempt.nonce,
                    "next": next_url,
                    # Wrong codes count against the e-mail, as wrong passwords do.
                    "email": form.cleaned_data["email"],
                }
                return redirect("login_2fa")
            if attempt.user is not None:
                return _signed_in(request, attempt.user, next_url)
            status = _refused(form, attempt)
    context = {"form": form, "next": safe_next(request, next_url) if next_url else ""}
    response = render(request, "accounts/login.html", context, status=status)
    return _with_retry_after(response, attempt)


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
    attempt = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            attempt = user_sign_in_2fa(
                request=request,
                nonce=pending["nonce"],
                code=form.cleaned_data["code"],
                email=pending.get("email", ""),
            )
            if attempt.restart:
                request.session.pop(PENDING_2FA_KEY, None)
                messages.warning(request, attempt.problem)
                return redirect("login")
            if attempt.user is not None:
                request.session.pop(PENDING_2FA_KEY, None)
                return _signed_in(request, attempt.user, pending.get("next", ""))
            status = _refused(form, attempt)
    response = render(request, "accounts/login_2fa.html", {"form": form}, status=status)
    return _with_retry_after(response, attempt)


@require_POST
def logout_page(request: HttpRequest) -> HttpResponse:
    # Flushing the session drops the upstream token with it.
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("login")
