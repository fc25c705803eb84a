from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from taggit.models import Tag

from editions import current as current_edition
from editions.translated import translations_form
from images.admin import thumbnail

from . import actions, autosave, desk, invalidation, presence, translations, workflow
from .models import (
    Article,
    Autosave,
    Byline,
    Correction,
    PreviewLink,
    RelatedArticle,
    Revision,
    Section,
)
from .paginator import EstimatedCountPaginator
from .previews import create_preview_link, preview_url
from .revisions import diff
from .sanitize import sanitize_body
from .search import search_query, uses_full_text

# The admin's change form is <form id="article_form">: workflow inputs
# outside it join it with form="article_form".
ARTICLE_FORM_ID = "article_form"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = translations_form(Section)
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("byline (leave empty to credit the agency)")


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", "position"]


class ArticleAdminForm(forms.ModelForm):
    """Refuses a save based on an outdated copy, keeping the user's text.

    `expected_version` is the version the user opened. If someone saved in
    between, the form fails with their name and what they changed; the
    re-rendered form keeps everything the user typed and now carries the
    current version, so saving again is a deliberate overwrite, never a
    silent one.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Set by the admin for one request (ArticleAdmin.get_form): the workflow
    # button pressed, and the writer's autosaved values to show again.
    workflow_step: WorkflowStep | None = None
    autosaved: dict | None = None

    class Meta:
        model = Article
        # The ModelAdmin's fieldsets choose the fields.
        fields = "__all__"  # noqa: DJ007

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if not self.is_bound and self.autosaved:
            self.initial.update(
                (name, value)
                for name, value in self.autosaved.items()
                if name in self.fields
            )

    def clean_headline(self) -> str:
        # The headline's box wraps lines; the headline itself is one line.
        return " ".join(self.cleaned_data["headline"].split())

    def clean(self):
        cleaned = super().clean()
        if self.workflow_step is not None:
            # Before the save: a step that cannot be taken as asked keeps
            # the whole form, as typed, with the reason.
            for problem in self.workflow_step.problems(self.instance):
                self.add_error(None, problem)
        if not self.instance.pk:
            return cleaned
        expected = cleaned.get("expected_version")
        # The version as this request read it, for a conflict noticed before
        # the save; the save itself (actions.EditArticle) compares again with
        # the row locked, and a save that slipped in between brings the form
        # back here (ArticleAdmin.changeform_view).
        current = self.instance.version
        if expected is None or expected == current:
            return cleaned
        self.conflict = conflict_details(self.instance.pk, expected, current)
        data = self.data.copy()
        data[self.add_prefix("expected_version")] = current
        self.data = data
        raise ValidationError(
            _(
                "%(who)s saved this article at %(when)s while you were editing it. "
                "Nothing of yours is lost: your version is still in the form below. "
                "Review their changes, then save again to replace them with yours."
            )
            % self.conflict,
            code="conflict",
        )


def conflict_details(article_id: int, expected: int, current: int) -> dict:
    """Who saved the piece since `expected`, when, and what they changed."""
    revisions = {
        r.version: r
        for r in Revision.objects.filter(
            article_id=article_id, version__in=[expected, current]
        ).select_related("created_by")
    }
    latest, opened = revisions.get(current), revisions.get(expected)
    return {
        "who": (
            presence.display_name(latest.created_by)
            if latest and latest.created_by
            else _("someone else")
        ),
        "when": (
            date_format(timezone.localtime(latest.created_at), "H:i") if latest else ""
        ),
        "changes": diff(opened.data, latest.data) if opened and latest else [],
    }


# strftime's English month names: the same words Django's "j F Y, H:i" writes
# in the English admin.
SCHEDULE_FORMAT = "%d %B %Y, %H:%M"


def schedule_example(at: datetime | None = None) -> str:
    """An example publish time in the schedule field's format, in local time."""
    local = timezone.localtime(at or timezone.now() + timedelta(hours=1))
    return local.strftime(SCHEDULE_FORMAT).lstrip("0")


class TransitionForm(forms.Form):
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # A text field in the newsroom's own format ("7 December 2026, 13:15"),
    # in its time zone: a datetime-local input shows the browser's locale
    # (12/07/2026, 01:15 PM), which the rest of the admin does not write.
    at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(format=SCHEDULE_FORMAT),
        input_formats=[
            SCHEDULE_FORMAT,
            "%d %B %Y %H:%M",
            "%d %b %Y, %H:%M",
            "%d %b %Y %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
        ],
        error_messages={
            "invalid": _(
                "Write the date and time as in “7 December 2026, 13:15” "
                "(or 2026-12-07 13:15)."
            )
        },
    )
    kind = forms.ChoiceField(choices=Correction.Kind.choices, required=False)

    def __init__(self, *args, action: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        cleaned = super().clean()
        # What the step needs (workflow.Action.needs), asked before the
        # article form is saved; the workflow asks again when it takes it.
        action = workflow.ACTIONS.get(self.action or "")
        if action is not None and action.needs:
            value = cleaned.get(action.needs)
            empty = (value.strip() if isinstance(value, str) else value) in ("", None)
            if empty and action.needs not in self.errors:
                self.add_error(action.needs, action.missing)
        if self.action == "correct" and not cleaned.get("kind"):
            self.add_error("kind", _("Choose the kind of note."))
        at = cleaned.get("at")
        if self.action == "schedule" and at is not None and at <= timezone.now():
            self.add_error("at", _("A scheduled time must be in the future."))
        return cleaned


def take_step(
    action: str, article: Article, *, by: AbstractBaseUser, data: dict
) -> Article | list[Article]:
    """Take workflow step `action` on `article` with a TransitionForm's data."""
    comment = data.get("comment") or ""
    if action == "submit":
        return workflow.submit(article, by=by, comment=comment)
    if action == "return_to_author":
        return workflow.return_to_author(article, by=by, comment=comment)
    if action == "publish":
        return workflow.publish(article, by=by)
    if action == "schedule":
        at: datetime | None = data.get("at")
        if at is None:
            raise workflow.WorkflowError(_("Choose a date and time."))
        return workflow.schedule(article, by=by, at=at)
    if action == "kill":
        return workflow.kill(article, by=by, reason=comment)
    if action == "kill_all_versions":
        return workflow.kill_all_versions(article, by=by, reason=comment)
    if action == "correct":
        return workflow.correct(
            article, by=by, kind=data.get("kind") or "", text=comment
        )
    raise workflow.WorkflowError(_("Unknown workflow step."))


@dataclass
class WorkflowStep:
    """A workflow button pressed in the article form.

    The button submits the whole form, so the step starts with a save
    through the same validation and version check as Save: nothing typed
    is dropped, and a refused save keeps the form as typed.
    """

    action: workflow.Action
    form: TransitionForm
    user: AbstractBaseUser

    FIELD = "_workflow"

    @classmethod
    def prefix(cls, action: str) -> str:
        return f"workflow-{action}"

    @classmethod
    def from_request(cls, request: HttpRequest) -> WorkflowStep | None:
        """The step asked for, or None when the name is not a step."""
        name = request.POST.get(cls.FIELD, "")
        action = workflow.ACTIONS.get(name)
        if action is None:
            return None
        form = TransitionForm(request.POST, prefix=cls.prefix(name), action=name)
        return cls(action=action, form=form, user=request.user)

    def problems(self, article: Article) -> list[str]:
        problems = []
        try:
            workflow.check(article, self.action.name, by=self.user)
        except workflow.WorkflowError as error:
            problems.append(str(error))
        if not self.form.is_valid():
            problems += [
                f"{self.action.label}: {message}"
                for messages_ in self.form.errors.values()
                for message in messages_
            ]
        return problems

    def take(self, article: Article) -> None:
        self.form.is_valid()
        take_step(self.action.name, article, by=self.user, data=self.form.cleaned_data)


class OwnWorkFirstChangeList(ChangeList):
    """Puts the user's own pieces first unless they sort by a column.

    Its rows carry the bylines and the note to the desk (articles.desk),
    at the same number of queries however many rows there are.
    """

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return desk.with_desk_view(queryset)

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if "not_mine" in queryset.query.annotations and ORDER_VAR not in self.params:
            return ["not_mine", *ordering]
        return ordering


class TrashFilter(admin.SimpleListFilter):
    """Live work by default; "Deleted" shows the trash, to restore or purge."""

    title = _("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("deleted", _("Deleted articles"))]

    def queryset(self, request, queryset):
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        return queryset.filter(deleted_at__isnull=True)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "list_thumbnail",
        "headline",
        "byline",
        "stage_badge",
        "section",
        "content_type",
        "language",
        "published_at",
        "note_to_desk",
    ]
    list_display_links = ["list_thumbnail", "headline"]
    list_filter = [
        "status",
        "section",
        "content_type",
        "language",
        # Every author, not only credited ones: that DISTINCT over all
        # bylines took most of a second at a million articles.
        "authors",
        "published_at",
        "is_sponsored",
        TrashFilter,
    ]
    list_select_related = ["section", "hero_image"]
    ordering = ["-updated_at", "-pk"]
    search_fields = ["headline", "lead", "slug"]
    # No date_hierarchy: its drill-down reads every row's date (DISTINCT
    # date_trunc) on each view, a third of a second at a million articles;
    # the "publish time" filter covers today, the week, the month, the year.
    # At a million rows an exact COUNT(*) per page view costs more than the page.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "hero_image", "translation_of"]
    readonly_fields = [
        "body_as_read",
        "stage_badge",
        "publish_time",
        "first_published_at",
        "revised_at",
        "created_at",
        "updated_at",
    ]
    inlines = [BylineInline, RelatedArticleInline]
    actions = ["publish_selected", "delete_to_trash", "restore_from_trash"]
    save_on_top = True
    change_form_template = "admin/articles/article/change_form.html"
    tag_suggestion_limit = 10
    # The text in the middle, what a reporter checks before submitting
    # beside it (the template puts the "side" fieldsets in a column next
    # to the text, with the byline), and what is rarely touched folded.
    # A layout, so written out rather than derived; it places each of
    # Article.CONTENT_FIELDS once (tests/articles/test_content_fields.py).
    fieldsets = [
        (
            _("Content"),
            {
                "classes": ["article-text"],
                "fields": [
                    "headline",
                    "slug",
                    "lead",
                    "body",
                    "expected_version",
                ],
            },
        ),
        (
            _("Placement"),
            {
                "classes": ["article-side"],
                "fields": [
                    "section",
                    "content_type",
                    "language",
                    "tags",
                    ("is_exclusive", "has_video", "has_photos"),
                    "dateline_city",
                    "source",
                ],
            },
        ),
        (
            _("Picture"),
            {"classes": ["article-side"], "fields": ["hero_image", "hero_caption"]},
        ),
        (
            _("Publishing"),
            {
                "classes": ["article-side"],
                "fields": [
                    "stage_badge",
                    "publish_time",
                    ("first_published_at", "revised_at"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
        (
            _("Rarely needed: urgency, partner content, translation link"),
            {
                "classes": ["collapse"],
                "fields": [
                    "urgency",
                    ("is_sponsored", "partner_name"),
                    "translation_of",
                ],
            },
        ),
        (
            _("Search engines and social cards (SEO)"),
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]},
        ),
    ]

    class Media:
        js = [
            "admin/js/tag_suggestions.js",
            "admin/js/article_presence.js",
            "admin/js/article_autosave.js",
            "admin/js/article_writing.js",
        ]
        css = {"all": ["admin/css/newsroom_admin.css"]}

    # Permissions: the workflow owns the rules; the admin only asks it.

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.deleted_at is not None:
            return False  # restore it first
        return workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting for good loses history: superusers only. Editors move
        # pieces to the trash (delete_to_trash), from where they come back.
        return request.user.is_superuser

    def has_trash_permission(self, request):
        return workflow.is_editor(request.user)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    # Lists

    def get_search_results(self, request, queryset, search_term):
        # On PostgreSQL words are looked up in the search index (GIN) rather
        # than with ILIKE over every headline and lead; a slug still matches.
        if search_term.strip() and uses_full_text():
            language = request.GET.get("language__exact", "")
            matches = Q(search_vector=search_query(search_term, language)) | Q(
                slug=search_term.strip()
            )
            # The most recently edited matches only (as many as the paginator
            # counts): sorting every match of a common word and counting
            # them took a third of a second each at a million articles.
            # Ordered by an expression no index serves, so the plan starts
            # from the search index instead of walking every piece by date
            # and testing it (seconds for a rare word).
            newest = (
                queryset.filter(matches)
                .annotate(edited=F("updated_at") + Value(timedelta(0)))
                .order_by("-edited", "-pk")
                .values("pk")[: EstimatedCountPaginator.cap]
            )
            return queryset.filter(pk__in=newest), False
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        # The trash too: TrashFilter hides it unless asked, and a deleted
        # piece's page still opens (read-only) from the "Deleted" list.
        queryset = self.model.all_objects.get_queryset().defer("body")
        if not workflow.is_editor(request.user):
            # Journalists see their own work first.
            own_byline = Byline.objects.filter(
                article=OuterRef("pk"), author__user=request.user
            )
            queryset = queryset.annotate(
                not_mine=Case(
                    When(Q(created_by=request.user) | Exists(own_byline), then=0),
                    default=1,
                    output_field=IntegerField(),
                )
            )
        return queryset

    def get_changelist(self, request, **kwargs):
        return OwnWorkFirstChangeList

    @admin.display(description=_("image"))
    def list_thumbnail(self, obj: Article) -> str:
        return thumbnail(obj.hero_image)

    @admin.display(description=_("body"))
    def body_as_read(self, obj: Article) -> SafeString:
        """The body as readers see it, for whoever may only read the form."""
        # Sanitised on every save; again here, as this is markup, not text.
        return format_html(
            '<div class="article-body-read">{}</div>',
            mark_safe(sanitize_body(obj.body)),
        )

    @admin.display(description=_("byline"))
    def byline(self, obj: Article) -> str:
        return desk.byline_names(obj) or _("the agency")

    @admin.display(description=_("note to the desk"))
    def note_to_desk(self, obj: Article) -> str:
        return getattr(obj, "desk_note", None) or ""

    @admin.display(description=_("publish at"))
    def publish_time(self, obj: Article) -> str:
        """The publish time as the newsroom writes it, its time zone named.

        Only a scheduled piece is explained as an embargo: a killed one
        with a time still to come is not waiting for anything.
        """
        if obj.published_at is None:
            return _("Not set yet: set when the piece is published or scheduled.")
        local = timezone.localtime(obj.published_at)
        shown = _("%(time)s (%(zone)s time)") % {
            "time": date_format(local, "DATETIME_FORMAT"),
            "zone": timezone.get_current_timezone_name(),
        }
        if workflow.stage(obj) == workflow.SCHEDULED:
            return format_html(
                '{}<div class="help">{}</div>',
                shown,
                _("In the future: the piece stays embargoed until then."),
            )
        return shown

    @admin.display(description=_("stage"), ordering="status")
    def stage_badge(self, obj: Article) -> str:
        if obj.pk is None:
            return workflow.STAGE_LABELS[workflow.DRAFT]
        stage = workflow.stage(obj)
        return format_html(
            '<span class="stage stage--{}">{}</span>',
            stage,
            workflow.STAGE_LABELS[stage],
        )

    @admin.action(
        description=_("Publish selected articles now"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        published, refused = 0, []
        for article in queryset:
            try:
                workflow.publish(article, by=request.user)
                published += 1
            except workflow.WorkflowError as error:
                refused.append(f"“{article.headline}”: {error}")
        if published:
            self.message_user(
                request, _("%(n)d published.") % {"n": published}, messages.SUCCESS
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(
        description=_("Delete selected articles (restorable from the trash)"),
        permissions=["trash"],
    )
    def delete_to_trash(self, request, queryset):
        self._trash_action(request, queryset, workflow.delete, _("%(n)d deleted."))

    @admin.action(
        description=_("Restore selected articles from the trash"),
        permissions=["trash"],
    )
    def restore_from_trash(self, request, queryset):
        self._trash_action(request, queryset, workflow.restore, _("%(n)d restored."))

    def _trash_action(self, request, queryset, step, done_message) -> None:
        done = 0
        for article in queryset:
            try:
                step(article, by=request.user)
                done += 1
            except workflow.WorkflowError as error:
                self.message_user(
                    request, f"“{article.headline}”: {error}", messages.ERROR
                )
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    # Forms

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.first_published_at:
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.first_published_at:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        content = dict(fieldsets[0][1])
        if obj is None:
            # Nothing to compare with on a new piece.
            content["fields"] = [
                f for f in content["fields"] if f != "expected_version"
            ]
        elif not self.has_change_permission(request, obj):
            # Read-only: the body reads as text, not as its HTML source.
            content["fields"] = [
                "body_as_read" if f == "body" else f for f in content["fields"]
            ]
        else:
            return fieldsets
        return [(fieldsets[0][0], content), *fieldsets[1:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        attrs = {}
        step = getattr(request, "newsroom_workflow_step", None)
        if step is not None:
            attrs["workflow_step"] = step
        restored: Autosave | None = getattr(request, "newsroom_autosave", None)
        if restored is not None:
            attrs["autosaved"] = dict(restored.data)
            if restored.base_version is not None:
                attrs["autosaved"]["expected_version"] = restored.base_version
        return type(form.__name__, (form,), attrs) if attrs else form

    def get_changeform_initial_data(self, request):
        # A new piece starts in the language the writer's admin is in,
        # when that is an edition ("ru" for someone working in Russian).
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("language", current_edition())
        return initial

    def save_model(self, request, obj, form, change):
        """Saved with its tags and inlines in `save_related()`: one write."""

    def save_related(self, request, form, formsets, change):
        def write(article: Article) -> None:
            article.save()
            super(ArticleAdmin, self).save_related(request, form, formsets, change)

        # The revision holds the inlines and tags too; the writer's
        # autosaved copy has served its purpose.
        actions.EditArticle(
            form.instance,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version")
            if change
            else None,
            write=write,
            autosave_id=autosave.parse_id(request.POST.get("_autosave")),
        ).execute()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id) if object_id else None
        if request.method == "POST" and WorkflowStep.FIELD in request.POST:
            step = WorkflowStep.from_request(request)
            if step is None:
                return HttpResponseBadRequest(
                    str(_("Bad request: unknown workflow step.")),
                    content_type="text/plain",
                )
            try:
                workflow.check(article or Article(), step.action.name, by=request.user)
            except workflow.NotAllowed as error:
                raise PermissionDenied(str(error)) from error
            except workflow.WorkflowError:
                pass  # the form says why, keeping what was typed
            request.newsroom_workflow_step = step
        if article is not None:
            presence.touch(article.pk, request.user)
            extra_context.update(self.workflow_context(request, article))
        elif not object_id:
            extra_context.update(self.new_piece_context(request))
        if article is not None or not object_id:
            extra_context.update(self.autosave_context(request, article))
        # The save and a workflow step taken with it are one change for the
        # cache: invalidated once, after the request's transaction.
        with invalidation.gathered():
            try:
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
            except actions.EditConflict:
                # Someone saved between this form's checks and its save; the
                # save rolled back. Checked again, the form now says so,
                # keeping what was typed.
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )

    def response_add(self, request, obj, post_url_continue=None):
        step = getattr(request, "newsroom_workflow_step", None)
        if step is None:
            return super().response_add(request, obj, post_url_continue)
        return self._after_step(request, obj, step)

    def response_change(self, request, obj):
        step = getattr(request, "newsroom_workflow_step", None)
        if step is None:
            return super().response_change(request, obj)
        return self._after_step(request, obj, step)

    def _after_step(
        self, request: HttpRequest, article: Article, step: WorkflowStep
    ) -> HttpResponse:
        """The form is saved; now the step, in the same transaction."""
        try:
            step.take(article)
        except workflow.WorkflowError as error:
            # The save stands (it passed every check of Save); only the
            # step is refused, e.g. publishing a picture without alt text.
            self.message_user(
                request,
                _("Your changes are saved, but “%(action)s” was not done: %(error)s")
                % {"action": step.action.label, "error": error},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                _("Saved. %(action)s: done. The piece is now %(stage)s.")
                % {
                    "action": step.action.label,
                    "stage": str(
                        workflow.STAGE_LABELS[workflow.stage(article)]
                    ).lower(),
                },
                messages.SUCCESS,
            )
        return redirect(self._change_url(article))

    def render_change_form(self, request, context, *args, **kwargs):
        form = context.get("adminform").form if context.get("adminform") else None
        context["conflict"] = getattr(form, "conflict", None)
        # The prose editor's import map is an inline script: it runs under
        # the Content-Security-Policy only with the request's nonce.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"]).with_nonce(str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    def workflow_steps(self, request, article: Article, *, in_form: bool) -> list:
        """The buttons to show, each with the inputs it takes.

        In the article form (`in_form`) a button saves the form and then
        takes the step, and its inputs are named for it; a user who may
        only read the form gets small forms of their own instead.
        """
        posted = request.POST if request.method == "POST" else None
        steps = []
        for action in workflow.allowed_actions(article, request.user):
            prefix = WorkflowStep.prefix(action.name) if in_form else None
            form = TransitionForm(
                posted if in_form else None, prefix=prefix, action=action.name
            )
            steps.append({"action": action, "form": form})
        return steps

    def new_piece_context(self, request) -> dict:
        # A new piece can be submitted (or published) in one step: the
        # button saves it first.
        article = Article(language=current_edition())
        return {
            "stage": workflow.DRAFT,
            "stage_label": workflow.STAGE_LABELS[workflow.DRAFT],
            "workflow_steps": self.workflow_steps(request, article, in_form=True),
            "workflow_form_id": ARTICLE_FORM_ID,
            "schedule_example": schedule_example(),
        }

    def autosave_context(self, request, article: Article | None) -> dict:
        """The writer's autosaved copy: restored into the form, or offered.

        A copy made on the version now stored goes back into the form. One
        made before a later save is only offered: restored, its version
        makes Save show what changed since instead of overwriting it. A form
        shown again after a refused save goes on autosaving where it was.
        """
        opening = request.method == "GET"
        if article is None:
            if not self.has_add_permission(request):
                return {}
            saved = None
            if opening:
                saved = autosave.new_piece(request.user, request.GET.get("autosave"))
                request.newsroom_autosave = saved
            return {
                "autosave_url": reverse("admin:articles_article_autosave_new"),
                "autosave_id": (
                    saved.pk
                    if saved
                    else autosave.parse_id(request.POST.get("_autosave"))
                ),
                "autosave_restored": saved,
                "autosave_new_pieces": (
                    autosave.new_pieces(request.user) if opening and not saved else []
                ),
            }
        if not self.has_change_permission(request, article):
            return {}
        saved = autosave.for_article(request.user, article) if opening else None
        current = saved is not None and saved.base_version == article.version
        if current or request.GET.get("autosave") == "restore":
            restored, offered = saved, None
        else:
            restored, offered = None, saved
        request.newsroom_autosave = restored
        return {
            "autosave_url": reverse(
                "admin:articles_article_autosave", args=[article.pk]
            ),
            "autosave_id": None,
            "autosave_restored": restored,
            "autosave_offered": offered,
        }

    def workflow_context(self, request, article: Article) -> dict:
        in_form = self.has_change_permission(request, article)
        return {
            "stage": workflow.stage(article),
            "stage_label": workflow.STAGE_LABELS[workflow.stage(article)],
            "workflow_steps": self.workflow_steps(request, article, in_form=in_form),
            "workflow_form_id": ARTICLE_FORM_ID if in_form else "",
            "transitions": article.transitions.select_related("by")[:50],
            "corrections": article.corrections.all(),
            "other_editors": presence.others(article.pk, request.user),
            "presence_url": reverse(
                "admin:articles_article_presence", args=[article.pk]
            ),
            "presence_interval": presence.PING_SECONDS,
            "preview_links": article.preview_links.select_related("created_by")[:10]
            if self.has_publish_permission(request)
            else [],
            "can_share_preview": self.has_publish_permission(request),
            "correction_kinds": Correction.Kind.choices,
            "schedule_example": schedule_example(),
            **self.translations_context(request, article),
        }

    def translations_context(self, request, article: Article) -> dict:
        versions = translations.all_versions(article)
        for version in versions:
            version.stage = workflow.stage(version)
            version.stage_label = workflow.STAGE_LABELS[version.stage]
        present = {version.language for version in versions}
        return {
            "translation_versions": versions,
            "missing_languages": [
                (code, name) for code, name in settings.LANGUAGES if code not in present
            ],
            "can_translate": self.has_add_permission(request),
        }

    # Extra admin pages

    def get_urls(self):
        def view(func, **kwargs):
            return self.admin_site.admin_view(func, **kwargs)

        return [
            path("desk/", view(self.desk_view), name="articles_article_desk"),
            path(
                "tag-suggestions/",
                view(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            path(
                "<int:pk>/workflow/<str:action>/",
                view(self.transition_view),
                name="articles_article_transition",
            ),
            path(
                "<int:pk>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:pk>/revisions/<int:version>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/preview-links/",
                view(self.preview_link_view),
                name="articles_article_preview_links",
            ),
            path(
                "<int:pk>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="articles_article_revoke_preview_link",
            ),
            path(
                "<int:pk>/translate/",
                view(self.translate_view),
                name="articles_article_translate",
            ),
            path(
                "<int:pk>/presence/",
                view(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "autosave/",
                view(self.autosave_view),
                name="articles_article_autosave_new",
            ),
            path(
                "<int:pk>/autosave/",
                view(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "autosave/<int:autosave_id>/discard/",
                view(self.discard_autosave_view),
                name="articles_article_autosave_discard",
            ),
            *super().get_urls(),
        ]

    def _article_for(self, request, pk: int) -> Article:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Article, pk=pk)

    def _change_url(self, article: Article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])

    def translate_view(self, request: HttpRequest, pk: int):
        """Start a translation: a linked draft copy in another language."""
        article = self._article_for(request, pk)
        if request.method != "POST":
            return redirect(self._change_url(article))
        language = request.POST.get("language", "")
        try:
            copy = actions.StartTranslation(
                article, language=language, by=request.user
            ).execute()
        except workflow.NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(self._change_url(article))
        except translations.TranslationExists as error:
            self.message_user(request, str(error), messages.WARNING)
            return redirect(self._change_url(error.existing))
        self.message_user(
            request,
            _("A %(language)s draft copied from “%(original)s”: translate it here.")
            % {"language": copy.get_language_display(), "original": article},
            messages.SUCCESS,
        )
        return redirect(self._change_url(copy))

    def transition_view(self, request: HttpRequest, pk: int, action: str):
        if request.method != "POST":
            return redirect(self._change_url(self._article_for(request, pk)))
        article = self._article_for(request, pk)
        if action not in workflow.ACTIONS:
            raise Http404
        form = TransitionForm(request.POST)
        form.is_valid()
        try:
            take_step(action, article, by=request.user, data=form.cleaned_data)
        except workflow.NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(self._change_url(article))
        self.message_user(
            request,
            _("%(action)s: done. The piece is now %(stage)s.")
            % {
                "action": workflow.ACTIONS[action].label,
                "stage": str(workflow.STAGE_LABELS[workflow.stage(article)]).lower(),
            },
            messages.SUCCESS,
        )
        return redirect(self._change_url(article))

    def revisions_view(self, request: HttpRequest, pk: int):
        article = self._article_for(request, pk)
        revisions = list(article.revisions.select_related("created_by"))
        by_version = {r.version: r for r in revisions}
        a, b = request.GET.get("a"), request.GET.get("b")
        older = newer = None
        changes = []
        if a and b and a.isdigit() and b.isdigit():
            older, newer = by_version.get(int(a)), by_version.get(int(b))
            if older is None or newer is None:
                raise Http404
            changes = diff(older.data, newer.data)
        elif len(revisions) >= 2:
            newer, older = revisions[0], revisions[1]
            changes = diff(older.data, newer.data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "changes": changes,
            "can_restore": workflow.can_edit(request.user, article),
            "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(self, request: HttpRequest, pk: int, version: int):
        if request.method != "POST":
            return redirect("admin:articles_article_revisions", pk=pk)
        article = self._article_for(request, pk)
        revision = get_object_or_404(Revision, article=article, version=version)
        try:
            new = actions.RestoreRevision(revision, by=request.user).execute()
        except workflow.NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        self.message_user(
            request,
            _("Version %(old)d restored as version %(new)d.")
            % {"old": version, "new": new.version},
            messages.SUCCESS,
        )
        return redirect(self._change_url(article))

    def preview_view(self, request: HttpRequest, pk: int):
        from .views import render_article

        article = self._article_for(request, pk)
        return render_article(request, article, preview=True)

    def preview_link_view(self, request: HttpRequest, pk: int):
        article = self._article_for(request, pk)
        if request.method != "POST" or not self.has_publish_permission(request):
            raise PermissionDenied
        hours = request.POST.get("hours", "")
        hours = int(hours) if hours.isdigit() and 0 < int(hours) <= 24 * 14 else None
        link = create_preview_link(
            article,
            by=request.user,
            valid_for=timedelta(hours=hours) if hours else None,
            # Read without a form: drop the NUL PostgreSQL cannot store.
            note=request.POST.get("note", "").replace("\x00", "")[:200],
        )
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Preview link (valid until %(until)s):")
                % {
                    "until": date_format(timezone.localtime(link.expires_at), "j M H:i")
                },
                preview_url(link, request),
                preview_url(link, request),
            ),
            messages.SUCCESS,
        )
        return redirect(self._change_url(article))

    def revoke_preview_link_view(self, request: HttpRequest, pk: int, link_id: int):
        article = self._article_for(request, pk)
        if request.method != "POST" or not self.has_publish_permission(request):
            raise PermissionDenied
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        link.revoked_at = link.revoked_at or timezone.now()
        link.save(update_fields=["revoked_at"])
        self.message_user(request, _("Preview link revoked."), messages.SUCCESS)
        return redirect(self._change_url(article))

    def autosave_view(
        self, request: HttpRequest, pk: int | None = None
    ) -> HttpResponse:
        """Keep what the writer has typed, as their own copy (articles.autosave).

        POST only, with the CSRF token, by whoever may change the piece (or
        add one). Answers 409, naming who and when, if the piece was saved
        since the form's version: their save will be refused and shown to
        them. The copy is kept even then, as it overwrites nothing.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        base_version = None
        if pk is None:
            article = None
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            article = get_object_or_404(Article.all_objects, pk=pk)
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            base_version = autosave.parse_id(request.POST.get("expected_version"))
            if base_version is None or base_version > article.version:
                error = _("The form's version is missing; reload the page.")
                return JsonResponse({"error": str(error)}, status=400)
        form_class = self.get_form(request, article, change=article is not None)
        saved = autosave.keep(
            user=request.user,
            article=article,
            values=autosave.form_values(form_class, request.POST),
            base_version=base_version,
            autosave_id=autosave.parse_id(request.POST.get("_autosave")),
        )
        local = timezone.localtime(saved.saved_at)
        answer = {
            "id": saved.pk,
            "saved_at": local.isoformat(),
            "status": str(_("Saved %(time)s") % {"time": date_format(local, "H:i")}),
        }
        if article is not None and base_version != article.version:
            conflict = conflict_details(article.pk, base_version, article.version)
            answer["conflict"] = str(
                _(
                    "%(who)s saved this article at %(when)s while you were "
                    "editing it. Your text is kept here and autosaved; when you "
                    "save, you will see their changes before yours replace them."
                )
                % conflict
            )
            return JsonResponse(answer, status=409)
        return JsonResponse(answer)

    def discard_autosave_view(self, request: HttpRequest, autosave_id: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        saved = get_object_or_404(Autosave, pk=autosave_id, user=request.user)
        article_id = saved.article_id
        saved.delete()
        self.message_user(
            request, _("Your autosaved changes are discarded."), messages.SUCCESS
        )
        if article_id is None:
            return redirect("admin:articles_article_add")
        return redirect("admin:articles_article_change", article_id)

    def presence_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        article = self._article_for(request, pk)
        if request.method == "POST":
            if request.POST.get("leave"):
                presence.leave(article.pk, request.user)
            else:
                presence.touch(article.pk, request.user)
        return JsonResponse({"others": presence.others(article.pk, request.user)})

    def desk_view(self, request: HttpRequest) -> HttpResponse:
        """The editor's desk: what is waiting for whom."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        language = request.GET.get("language", "")
        editions = dict(settings.LANGUAGES)
        if language and language not in editions:
            return HttpResponseBadRequest(
                str(_("Bad request: no such edition.")), content_type="text/plain"
            )
        now = timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Desk"),
            "lists": desk.desk_lists(request.user, now=now, language=language),
            "editions": settings.LANGUAGES,
            "edition": language,
            "now": now,
        }
        return TemplateResponse(request, "admin/articles/desk.html", context)

    def tag_suggestions_view(self, request: HttpRequest) -> JsonResponse:
        """Existing tags for the tag field's autocomplete, best matches first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:100]
        if term:
            names = list(
                Tag.objects.filter(name__icontains=term)
                .order_by("name")
                .values_list("name", flat=True)[:50]
            )
            prefix = term.lower()
            names.sort(key=lambda name: not name.lower().startswith(prefix))
            names = names[: self.tag_suggestion_limit]
        else:
            names = []
        return JsonResponse({"results": names})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "headline":
            # Wraps instead of scrolling: a long headline is read whole.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            field.widget.attrs.update(
                {
                    "data-tag-suggestions": reverse(
                        "admin:articles_article_tag_suggestions"
                    ),
                    "autocomplete": "off",
                    "class": "vTextField",
                }
            )
            field.help_text = _(
                "Separate tags with commas. Suggestions appear as you type."
            )
        if field is not None and db_field.name in self.WRITING_HELP:
            label, help_text = self.WRITING_HELP[db_field.name]
            field.label = label or field.label
            field.help_text = help_text
        if field is not None and db_field.name in ("headline", "seo_title"):
            # article_writing.js counts the characters as they are typed;
            # the number to stay under is the line a search result shows.
            field.widget.attrs.update(
                {
                    "class": f"vTextField newsroom-{db_field.name}",
                    "data-count-chars": "",
                    "data-count-advice": 70 if db_field.name == "seo_title" else 110,
                }
            )
        if field is not None and db_field.name == "slug":
            field.widget.attrs["class"] = "vTextField newsroom-slug"
        return field

    # Labels and help in the words of a reporter on deadline.
    WRITING_HELP = {
        "body": (
            None,
            _(
                "Type ## and a space at the start of a line for a subheading "
                "(### for a smaller one), or use the heading buttons. "
                "The toolbar stays at the top of the screen while you write."
            ),
        ),
        "urgency": (
            _("Urgency"),
            _(
                "How fast subscribers must see it: 1 is a flash, 2 urgent (both "
                "are marked as breaking news on the site and sent first), 5 is "
                "an ordinary story, 9 can wait. Leave 5 unless the desk asks."
            ),
        ),
        "translation_of": (
            None,
            _(
                "Only for a translation: the original piece in another language. "
                "Start a translation with the Translations box at the top "
                "instead; it fills this in."
            ),
        ),
    }
