from newsroom.public import pagecache


class CachedPage:
    """Serve a public view through the page cache, with validators and 304s.

    A view may set `self.last_modified` (a datetime) while rendering, e.g. the
    item's updated_at, which becomes the Last-Modified header.

    cache_params() gives the query parameters the view reads, normalised; the
    page cache drops every other one (pagecache.canonicalize). A view sets
    `self.cache_store = False` when its page must not be stored (e.g. a filter
    value that names nothing).
    """

    cache_page = True
    cache_store = True
    last_modified = None

    def cache_params(self) -> dict[str, str]:
        return {}

    def dispatch(self, request, *args, **kwargs):
        def render():
            response = super(CachedPage, self).dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if self.last_modified is not None:
                response.last_modified_at = self.last_modified.timestamp()
            response.page_cache_store = self.cache_store
            return response

        if self.cache_page:
            return pagecache.serve(request, render, self.cache_params())
        return pagecache.finish(request, render())
