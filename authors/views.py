from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from articles.models import Article
from articles.paginator import NewerOlderPaginator

from .models import Author


class AuthorDetailView(ListView):
    """An author's profile and their published pieces, paginated."""

    template_name = "authors/author_detail.html"
    context_object_name = "articles"
    paginate_by = 30
    paginator_class = NewerOlderPaginator

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.active()
            .select_related("photo")
            .prefetch_related("expertise_lines", "social_links", "photo__renditions"),
            slug=self.kwargs["slug"],
        )
        # Newest first by the bylines' copy of the publish time: the planner
        # walks this author's bylines on their index and reads a page of
        # articles, however many pieces the author has written. The order
        # is the articles' own, since the copy equals the article's time.
        # The copy's own bound keeps drafts (no publish time) and scheduled
        # pieces out of the walk; published() still decides visibility.
        now = timezone.now()
        return (
            Article.objects.published(now)
            .in_edition()
            .filter(bylines__author=self.author, bylines__published_at__lte=now)
            .for_headlines()
            .order_by("-bylines__published_at", "-bylines__article_id")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
