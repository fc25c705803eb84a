from django.views.generic import DetailView

from articles.models import Article

from .models import Author


class AuthorDetailView(DetailView):
    template_name = "authors/author_detail.html"
    context_object_name = "author"

    def get_queryset(self):
        return (
            Author.objects.active()
            .select_related("photo")
            .prefetch_related("expertise_lines", "social_links", "photo__renditions")
        )

    def get_context_data(self, **kwargs):
        articles = (
            Article.objects.published().filter(authors=self.object).for_listing()[:30]
        )
        return super().get_context_data(articles=articles, **kwargs)
