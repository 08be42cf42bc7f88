"""Public addresses without a language prefix (robots.txt, sitemap.xml, preview links)."""

urlpatterns: list = []
