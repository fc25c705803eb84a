from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from articles import invalidation
from articles.models import Article
from articles.paginator import NewerOlderPaginator
from articles.views import shows_edition_lists
from caching.pages import shows

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
        shows_edition_lists(
            invalidation.author_list_tag(self.author.pk),
            invalidation.author_tag(self.author.pk),
        )
        if self.author.photo_id:
            shows(invalidation.image_tag(self.author.photo_id))
        now = timezone.now()
        return (
            Article.objects.published(now)
            .in_edition()
            .for_headlines()
            .credited_to(self.author, now)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
