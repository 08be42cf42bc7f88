"""Benchmark settings: the project's own, plus two baseline views (bench/public_site/urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "public_site.urls"
