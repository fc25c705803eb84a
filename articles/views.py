from __future__ import annotations

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import ListView
from taggit.models import Tag, TaggedItem

import caching
from authors.models import Author
from caching.pages import shows
from common.origin import absolute
from editions import current as current_edition

from . import invalidation, navigation, previews
from .cards import BLOCK_CARD, LEAD_CARD, render_cards
from .models import Article, Section, SlugRedirect
from .paginator import KnownCountPaginator, NewerOlderPaginator
from .parts import hint as hint_related
from .related import related_articles
from .search import SearchFilters, rank_window, search_results, uses_full_text
from .story import story
from .translations import version_urls, with_translation_flag

PAGE_SIZE = 30
SECTION_BLOCK_SIZE = 4
LEAD_CANDIDATES = 25


def shows_edition_lists(*tags: str) -> None:
    """The page lists the edition's pieces (or those of the lists `tags`
    name, a section's, a tag's, an author's): it changes with them, and
    when the next scheduled piece goes live."""
    language = current_edition()
    shows(*(tags or [invalidation.latest_tag(language)]))
    invalidation.publish_clock(language)


def home(request: HttpRequest) -> HttpResponse:
    shows_edition_lists()
    edition = Article.objects.published().in_edition()
    lead = edition.for_cards().lead_story(LEAD_CANDIDATES)
    sections = {section.pk: section for section in navigation.sections(request)}
    # The newest few of every section in one query.
    ranked = edition.newest_per_section(SECTION_BLOCK_SIZE, list(sections)).for_cards()
    blocks: dict[Section, list[Article]] = {}
    for article in ranked:
        blocks.setdefault(sections[article.section_id], []).append(article)
    ordered = sorted(blocks.items(), key=lambda b: (b[0].position, b[0].pk))
    # Every card of the page in one call: one cache round trip.
    cards = [(lead, LEAD_CARD)] if lead else []
    cards += [(article, BLOCK_CARD) for _s, articles in ordered for article in articles]
    rendered = iter(render_cards(request, cards))
    lead_card = next(rendered) if lead else None
    section_blocks = [
        (section, [next(rendered) for _article in articles])
        for section, articles in ordered
    ]
    # "Latest news" is the edition's wire, the block every other page shows
    # in its sidebar (templates/base.html), cached once for all of them.
    return TemplateResponse(
        request,
        "articles/home.html",
        {"lead_card": lead_card, "section_blocks": section_blocks},
    )


def render_article(
    request: HttpRequest, article: Article, *, preview: bool = False
) -> HttpResponse:
    """The reader template, for readers and for previews of unpublished pieces.

    The story itself (head meta, body, author boxes) comes from
    `articles.story`, cached per article version; related news and the
    links to other editions' versions are looked up on every render.
    """
    shows(
        invalidation.article_tag(article.pk),
        invalidation.group_tag(article.translation_of_id or article.pk),
    )
    parts = story(request, article, preview=preview)
    # The published versions in other languages: hreflang and the switcher.
    versions = version_urls(article)
    versions[article.language] = article.get_absolute_url()
    context = {
        "article": article,
        "story": parts,
        "preview": preview,
        "canonical_url": absolute(article.get_absolute_url(), request),
        "edition_versions": versions,
    }
    if preview:
        context["related"] = related_articles(
            article,
            tag_ids=parts.tag_ids,
            tag_classes=parts.tag_classes,
            sections=navigation.sections(request),
        )
    else:
        # A part of its own, spliced into the cached page (articles/parts.py).
        hint_related(request, article, parts.tag_ids, parts.tag_classes)
    response = TemplateResponse(request, "articles/article_detail.html", context)
    if preview:
        # Previews (admin, signed links) have no edition prefix in their
        # address: render the piece in its own edition's language.
        with translation.override(article.language):
            response.render()
        # A preview must never land in a shared cache or a search index.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = (
        with_translation_flag(Article.objects.published().for_detail())
        .filter(slug=slug)
        .first()
    )
    if article is not None:
        if article.language != current_edition():
            # An address from another edition (or from before editions had
            # prefixes) goes to the piece's own edition, for good.
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        return render_article(request, article)
    if Article.all_objects.gone().filter(slug=slug).exists():
        return TemplateResponse(request, "410.html", status=410)
    moved = (
        SlugRedirect.objects.filter(old_slug=slug)
        .filter(article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    if moved is not None:
        return HttpResponsePermanentRedirect(moved.article.get_absolute_url())
    raise Http404


def preview_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = previews.resolve(token)
    except previews.PreviewGone:
        return TemplateResponse(request, "410.html", status=410)
    # The piece can go to the trash between the two reads: not found either way.
    article = (
        Article.objects.for_detail().filter(pk=link.article_id).first()
        if link is not None
        else None
    )
    if article is None:
        raise Http404("This preview link is invalid, expired or revoked.")
    return render_article(request, article, preview=True)


class ArticleListView(ListView):
    """A paginated list of published headlines; subclasses narrow it."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = NewerOlderPaginator

    def get_queryset(self):
        articles = self.narrow(Article.objects.published().in_edition())
        shows_edition_lists(*self.lists())
        return articles.for_headlines()

    def lists(self) -> list[str]:
        """The tags of what this page lists: the edition's pieces unless a
        subclass narrows it."""
        return [invalidation.latest_tag(current_edition())]

    def narrow(self, articles):
        return articles


class SectionView(ArticleListView):
    template_name = "articles/section.html"

    def narrow(self, articles):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return articles.filter(section=self.section)

    def lists(self) -> list[str]:
        return [invalidation.section_list_tag(self.section.pk), invalidation.SECTIONS]

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(ArticleListView):
    """A tag's page in an edition, which exists only while a public piece of
    the edition carries the tag: a tag added to a draft or an embargoed
    piece must not announce the topic (404, like a tag never made).

    The 404 is declared like the page (the tag's list and the edition's
    publish clock), so a cached one gives way to the page when the first
    piece with the tag goes live, is tagged or comes out of its embargo,
    and the page to a 404 when the last one is killed or untagged.
    """

    template_name = "articles/tag.html"

    def narrow(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        # EXISTS rather than a join: for a busy tag the planner then walks the
        # newest published pieces and stops at a page, instead of joining
        # every piece the tag ever had.
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag=self.tag,
        )
        return articles.filter(Exists(tagged))

    def lists(self) -> list[str]:
        return [
            invalidation.tag_list_tag(self.tag.pk),
            invalidation.topic_tag(self.tag.pk),
        ]

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        # The first page is empty only when nothing public carries the tag
        # (later empty pages are already 404): no query of its own.
        if not paginated[2]:
            raise Http404("No public piece carries this tag.")
        return paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorDetailView(ListView):
    """An author's profile and their published pieces, paginated. A reader
    page, like a section's, so it lives with them: the authors app keeps the
    profiles and knows nothing of articles."""

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


class DayArchiveView(ArticleListView):
    template_name = "articles/archive_day.html"

    def narrow(self, articles):
        year = int(self.kwargs["year"])
        # The first and last years are out too: the page links the day
        # before and the day after.
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            raise Http404("No such date")
        try:
            self.day = datetime.date(
                year, int(self.kwargs["month"]), int(self.kwargs["day"])
            )
        except (ValueError, OverflowError) as error:
            raise Http404("No such date") from error
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.day, datetime.time.min, tzinfo=tz)
        # Today's page links the next day once it has come.
        caching.expires(start + datetime.timedelta(days=1))
        return articles.filter(
            published_at__gte=start,
            published_at__lt=start + datetime.timedelta(days=1),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            day=self.day,
            previous_day=self.day - datetime.timedelta(days=1),
            next_day=self.day + datetime.timedelta(days=1)
            if self.day < timezone.localdate()
            else None,
            **kwargs,
        )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return obj.display_name  # the edition's name for it


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    section = SectionChoiceField(
        Section.objects.all(),
        label=_("Section"),
        required=False,
        to_field_name="slug",
        empty_label=_("All"),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All")), *Article.ContentType.choices],
        required=False,
    )
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def search(request: HttpRequest) -> HttpResponse:
    shows_edition_lists(invalidation.SECTIONS)
    form = SearchForm(request.GET or None)
    results, count = Article.objects.none(), 0
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"] or ""
        results, count = search_results(
            query,
            SearchFilters(
                language=current_edition(),
                section=data["section"].slug if data["section"] else "",
                content_type=data["type"] or "",
                date_from=data["date_from"],
                date_to=data["date_to"],
            ),
        )
    page = KnownCountPaginator(results, 20, count=count).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "results": page.object_list,
            "full_text": uses_full_text(),
            "rank_window": rank_window(),
            "querystring": params.urlencode(),
        },
        status=200 if form.is_valid() or not request.GET else 400,
    )
