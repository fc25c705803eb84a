from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.generic import ListView

from . import previews
from .models import Article, Section


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 30

    def get_queryset(self):
        return Article.objects.published().for_listing()


def render_article(
    request: HttpRequest, article: Article, *, preview: bool = False
) -> HttpResponse:
    """The reader template, for readers and for previews of unpublished pieces."""
    response = TemplateResponse(
        request,
        "articles/article_detail.html",
        {"article": article, "preview": preview},
    )
    if preview:
        # A preview must never land in a shared cache or a search index.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = Article.objects.published().for_detail().filter(slug=slug).first()
    if article is not None:
        return render_article(request, article)
    killed = Article.objects.filter(slug=slug, status=Article.Status.KILLED).exists()
    if killed:
        return TemplateResponse(request, "410.html", status=410)
    raise Http404


def preview_link(request: HttpRequest, token: str) -> HttpResponse:
    link = previews.resolve(token)
    if link is None:
        raise Http404("This preview link is invalid, expired or revoked.")
    article = Article.objects.for_detail().get(pk=link.article_id)
    return render_article(request, article, preview=True)


class SectionView(ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 30

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)
