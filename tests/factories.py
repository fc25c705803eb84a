from __future__ import annotations

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Byline, Section
from authors.models import Author, ExpertiseLine
from images.models import Image
from images.services import make_renditions


def image_bytes(width: int = 1600, height: int = 900, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, format=fmt)
    return buffer.getvalue()


def uploaded_image(
    name: str = "photo.jpg", width: int = 1600, height: int = 900, fmt: str = "JPEG"
) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(name, image_bytes(width, height, fmt), content_type)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Image {n}")
    alt_text = "A test picture"
    caption = "A caption"
    credit = "Agency photo"
    file = factory.LazyFunction(lambda: uploaded_image(width=800, height=450))

    @factory.post_generation
    def renditions(self, create: bool, extracted: bool | None, **kwargs) -> None:
        """Made at once, as the worker would: tests of pages need pictures
        readers can see. `ImageFactory(renditions=False)` leaves them due."""
        if create and extracted is not False:
            make_renditions(self)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    degree = "MA in Economics"
    school = "ADA University"
    city = "Baku"
    country = "Azerbaijan"


class ExpertiseLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseLine

    author = factory.SubFactory(AuthorFactory)
    text = "Senior analyst"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    lead = "A short lead."
    body = "<p>Body text.</p><h2>A subheading</h2><p>More.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    first_published_at = factory.SelfAttribute("published_at")

    class Params:
        draft = factory.Trait(
            status=Article.Status.DRAFT, published_at=None, first_published_at=None
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for position, author in enumerate(extracted):
                Byline.objects.create(article=self, author=author, position=position)
