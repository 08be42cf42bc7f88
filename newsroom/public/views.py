from django.views.generic import DetailView, ListView

from newsroom.articles.models import Article
from newsroom.donors.models import Donor
from newsroom.statements.models import Statement


class HomeView(ListView):
    template_name = "public/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()[:20]


class ArticleDetailView(DetailView):
    template_name = "public/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_detail()


class StatementDetailView(DetailView):
    template_name = "public/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return Statement.objects.published()


class DonorDetailView(DetailView):
    template_name = "public/donor_detail.html"
    context_object_name = "donor"
    queryset = Donor.objects.filter(is_active=True)
