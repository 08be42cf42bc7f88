"""Every URL pattern of the project, by its route (the language prefix as <language>/)."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            own = ("<language>/" if isinstance(pattern.pattern, LocalePrefixPattern)
                   else str(pattern.pattern))
            yield from _walk(pattern.url_patterns, prefix + own)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def url_patterns() -> list[tuple[str, str | None, URLPattern]]:
    """(route, name, pattern) of every URL the project answers."""
    rows = []
    for route, pattern in _walk(get_resolver().url_patterns):
        rows.append((route, pattern.name, pattern))
    return rows
