"""WSGI entry point (gunicorn cgt_event.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cgt_event.settings")

application = get_wsgi_application()
