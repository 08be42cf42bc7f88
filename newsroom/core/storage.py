from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; before collectstatic has run (tests, a
    first start) the plain name is served instead of failing the whole page."""

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
