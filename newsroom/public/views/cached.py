from newsroom.public import pagecache


class CachedPage:
    """Serve a public view through the page cache, with validators and 304s.

    A view may set `self.last_modified` (a datetime) while rendering, e.g. the
    item's updated_at, which becomes the Last-Modified header.
    """

    cache_page = True
    last_modified = None

    def dispatch(self, request, *args, **kwargs):
        def render():
            response = super(CachedPage, self).dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if self.last_modified is not None:
                response.last_modified_at = self.last_modified.timestamp()
            return response

        if self.cache_page:
            return pagecache.serve(request, render)
        return pagecache.finish(request, render())
