"""Settings, read from the environment (see README.md for every variable).

Embedded defaults (SQLite under var/, Celery's filesystem:// broker, local-memory
cache) let the project run on any machine with Python alone; production sets
DATABASE_URL, CELERY_BROKER_URL and REDIS_URL.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.env import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("NEWSROOM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required whenever DEBUG is off.")
    # Bandit B105 (low), accepted: only with DEBUG on; production refuses to start without one.
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-0123456789abcdef"  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "django_celery_beat",
    "axes",
    "newsroom.core",
    "newsroom.workflow",
    "newsroom.donors",
    "newsroom.contacts",
    "newsroom.articles",
    "newsroom.statements",
    "newsroom.imports",
    "newsroom.public",
    "newsroom.demo",
    "newsroom.desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.core.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.core.middleware.HostileInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.core.middleware.DeskLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        "DATABASE_URL", env_str("DATABASE_URL", "sqlite:///var/newsroom.sqlite3"), BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE_URL wins; otherwise REDIS_URL; otherwise files under var/cache. Not a
# per-process memory cache: a purge must reach every web worker and Celery.
_cache_var = "CACHE_URL" if env_str("CACHE_URL", "") else "REDIS_URL"
CACHES = {
    "default": cache_from_url(_cache_var, env_str(_cache_var, "") or f"file://{VAR_DIR / 'cache'}")
}
CACHE_MIDDLEWARE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# The article detail runs as one prepared statement on PostgreSQL
# (newsroom/public/loading.py); off behind a transaction-pooling pgbouncer.
PUBLIC_PREPARED_DETAIL = env_bool("PUBLIC_PREPARED_DETAIL", True)
# Public search runs under this statement timeout (SET LOCAL, PostgreSQL).
PUBLIC_SEARCH_TIMEOUT_MS = env_int("PUBLIC_SEARCH_TIMEOUT_MS", 2000, minimum=50)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source; Arabic and Kurdish (Sorani) are right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية"), ("ckb", "کوردی")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Baghdad"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ar", "ckb")
# A reader of /ar/ sees English where Arabic is missing, unless configured
# otherwise (TRANSLATION_FALLBACK=ar,en tries Arabic first for Kurdish readers);
# the other languages follow, so an item written only in Arabic still shows.
_fallback = env_list("TRANSLATION_FALLBACK", ["en"])
for _code in _fallback:
    if _code not in MODELTRANSLATION_LANGUAGES:
        raise ImproperlyConfigured(f"TRANSLATION_FALLBACK names unknown language {_code!r}.")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": tuple(_fallback + [c for c in MODELTRANSLATION_LANGUAGES if c not in _fallback])
}

# modeltranslation's tabbed admin would load jQuery UI from a CDN: serve the
# copy taken from the XStatic-jQuery-UI wheel (static/vendor/jquery-ui, MIT).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Behind deploy/nginx.conf: "/protected-media/" (nginx's internal location for MEDIA_ROOT);
# empty: Django sends the file itself (development).
NEWSROOM_MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "newsroom.core.storage.StaticStorage"},
}

# Celery: the database is the source of truth for schedules (see workflow);
# the broker only carries side effects.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        # Broadcast tables; kombu's default is ./control, wherever the process started.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # An ETA beyond the visibility timeout is redelivered; schedules never rely
    # on long ETAs (the beat sweeper catches up), so keep it generous.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    # Records due publications and expiries, alerts on missed schedules (idempotent).
    "workflow-sweep": {
        "task": "newsroom.workflow.tasks.sweep_schedules",
        # Every minute; the fault tests sweep every few seconds so as not to wait minutes.
        "schedule": float(env_int("NEWSROOM_SWEEP_SECONDS", 60, minimum=1)),
    },
    # Queues again import batches whose worker died (see newsroom.imports.services.batches.sweep).
    "imports-sweep": {"task": "newsroom.imports.tasks.sweep_stalled_batches", "schedule": 60.0},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the fault tests count mail).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Workflow rules (see newsroom/workflow).
NEWSROOM_ALLOW_SELF_APPROVAL = env_bool("NEWSROOM_ALLOW_SELF_APPROVAL", False)
# Imports: a file larger than this is refused before it is read.
NEWSROOM_IMPORT_MAX_BYTES = env_int("NEWSROOM_IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
# A running batch whose progress has not moved for this long (seconds) has lost
# its worker: the beat sweep queues it again and the admin shows it as stalled.
NEWSROOM_IMPORT_STALE_AFTER = env_int("NEWSROOM_IMPORT_STALE_AFTER", 300, minimum=30)

LOGIN_URL = "admin:login"
# A login without `next` lands on the admin (the only place staff log in for).
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes, newsroom/core/throttling.py): LOGIN_FAILURE_LIMIT wrong
# passwords for one username from one address lock that pair for LOGIN_LOCKOUT_MINUTES.
# An admin unlocks sooner: "Access attempts" in the admin, or `manage.py axes_reset_username`.
AUTHENTICATION_BACKENDS = [
    "newsroom.core.throttling.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.core.throttling.client_ip"
# Behind deploy/nginx.conf: CLIENT_IP_HEADER=HTTP_X_REAL_IP (the header nginx sets).
NEWSROOM_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")

# Security: production defaults; `manage.py check --deploy` passes with DEBUG off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
