#!/usr/bin/env python
import os
import sys

# The project's own packages: a missing module that is none of these is a missing dependency.
PROJECT_PACKAGES = {"dashboard", "history", "sandbox", "tests", "bench"}
VENV_HINT = (
    "Here: `make demo` installs everything into .venv once; then use "
    "`.venv/bin/python manage.py ...` (or `source .venv/bin/activate`)."
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            f"forget to activate a virtual environment? {VENV_HINT}"
        ) from exc
    try:
        execute_from_command_line(sys.argv)
    except ModuleNotFoundError as exc:
        # Django found, a dependency of the project not: the same mistake, one step later.
        if (exc.name or "").partition(".")[0] in PROJECT_PACKAGES:
            raise
        raise ModuleNotFoundError(
            f"No module named {exc.name!r}: this Python lacks the project's dependencies. "
            f"Did you forget to activate a virtual environment? {VENV_HINT}",
            name=exc.name,
        ) from exc


if __name__ == "__main__":
    main()
