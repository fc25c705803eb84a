from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from images.models import Image
from images.renditions import generate_renditions


class Command(BaseCommand):
    help = (
        "Remake image renditions, e.g. after the list of rendition specs "
        "changed or for images stored before renditions existed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Only these images.")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only images that have no renditions at all.",
        )

    def handle(self, *args: Any, ids: list[int], missing: bool, **options: Any) -> None:
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
        if missing:
            images = images.filter(renditions__isnull=True)
        count = 0
        for image in images.iterator(chunk_size=100):
            generate_renditions(image)
            count += 1
        self.stdout.write(f"Renditions made for {count} image(s).")
