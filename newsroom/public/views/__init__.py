"""Public pages: class-based views over the published() querysets, behind the page cache."""

from newsroom.public.views.pages import (  # noqa: F401
    ArticleDetailView,
    ArticleListView,
    ContactsView,
    DonorDetailView,
    HomeView,
    StatementDetailView,
    StatementListView,
    TagDetailView,
)
from newsroom.public.views.search import SearchView  # noqa: F401
