from django.utils.translation import get_language
from django.views.generic import TemplateView

from newsroom.public import search
from newsroom.public.views.cached import CachedPage


class SearchView(CachedPage, TemplateView):
    """Not page-cached: queries are unbounded; validators and 304s still apply."""

    template_name = "public/search.html"
    cache_page = False

    def get_context_data(self, **kwargs):
        query = search.query.clean(self.request.GET.get("q", ""))
        results = search.search(query, get_language()) if query else search.Results()
        return super().get_context_data(
            query=query[: search.query.MAX_LENGTH], results=results, hits=results.hits, **kwargs
        )
