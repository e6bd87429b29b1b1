#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment? "
            "Here: `make demo` installs everything into .venv once; then use "
            "`.venv/bin/python manage.py ...` (or `source .venv/bin/activate`)."
        ) from exc

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
