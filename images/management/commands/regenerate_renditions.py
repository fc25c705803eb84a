from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from images.models import DUE_STATUSES, Image, RenditionStatus
from images.services import make_renditions


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
            help="Only images that have no renditions at all, or whose renditions "
            "are still due (the worker's queue lost, or it gave up).",
        )

    def handle(self, *args: Any, ids: list[int], missing: bool, **options: Any) -> None:
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
        if missing:
            images = images.filter(
                Q(renditions__isnull=True)
                | Q(renditions_status__in=[*DUE_STATUSES, RenditionStatus.FAILED])
            ).distinct()
        count = 0
        for image in images.iterator(chunk_size=100):
            make_renditions(image)
            count += 1
        self.stdout.write(f"Renditions made for {count} image(s).")
