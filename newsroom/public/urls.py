from django.urls import path

from newsroom.public import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article-list"),
    path("news/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statements/<str:slug>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("donors/<str:slug>/", views.DonorDetailView.as_view(), name="donor-detail"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("contacts/", views.ContactsView.as_view(), name="contacts"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rss/", feeds.NewsFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.NewsAtomFeed(), name="feed-atom"),
    path("tags/<str:slug>/rss/", feeds.TagFeed(), name="tag-feed-rss"),
    path("tags/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
    path("donors/<str:slug>/rss/", feeds.DonorFeed(), name="donor-feed-rss"),
    path("donors/<str:slug>/atom/", feeds.DonorAtomFeed(), name="donor-feed-atom"),
]
