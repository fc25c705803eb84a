from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article, Byline
from articles.paginator import IdsFirstPaginator

from .models import Author


class AuthorDetailView(ListView):
    """An author's profile and their published pieces, paginated."""

    template_name = "authors/author_detail.html"
    context_object_name = "articles"
    paginate_by = 30
    paginator_class = IdsFirstPaginator

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.active()
            .select_related("photo")
            .prefetch_related("expertise_lines", "social_links", "photo__renditions"),
            slug=self.kwargs["slug"],
        )
        # EXISTS rather than a join, as on tag pages: the planner walks the
        # edition's newest live pieces (an index-only scan) and probes each
        # for a byline, stopping at a page.
        credited = Byline.objects.filter(article=OuterRef("pk"), author=self.author)
        return (
            Article.objects.published()
            .in_edition()
            .filter(Exists(credited))
            .for_headlines()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
