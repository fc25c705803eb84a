"""Renditions off the request: the upload is stored and answered at once,
and the background worker makes the renditions (images/tasks.py).

`Image.save()` records what is due (`renditions_status`); `request_renditions`
enqueues the work once the transaction commits, and the worker's sweep
enqueues anything a lost queue or another path (the shell, an import) left
due. `make_renditions` is the work itself, also called synchronously where
pictures must show at once (the demo loader, `regenerate_renditions`).
"""

from __future__ import annotations

from django.db import transaction

from .models import Image, RenditionStatus
from .renditions import generate_renditions


def request_renditions(image: Image) -> None:
    """Have the worker make `image`'s renditions after the commit, if due."""
    if not image.renditions_due:
        return
    from .tasks import make_renditions_task  # tasks import this module

    pk = image.pk
    transaction.on_commit(lambda: make_renditions_task(pk))


def make_renditions(image: Image) -> bool:
    """Make `image`'s renditions from its saved file, focal point and rights,
    and mark them ready: from the commit on, readers see the picture.

    Safe to run twice. False, leaving the status alone, when the image
    changed while its renditions were made: the save that changed it asked
    for renditions of its own.
    """
    inputs = image.rendition_inputs()
    generate_renditions(image)
    with transaction.atomic():
        current = Image.objects.select_for_update().filter(pk=image.pk).first()
        if current is None or current.rendition_inputs() != inputs:
            return False
        # Saved, not updated: the save is what tells the page caches
        # (articles/invalidation.py) that the picture can now be shown.
        current.renditions_status = RenditionStatus.READY
        current.save(update_fields=["renditions_status"])
    image.renditions_status = RenditionStatus.READY
    return True


def mark_failed(image_pk: int) -> None:
    """Record that the worker gave up on the image's renditions; readers see
    no picture and the admin says so."""
    with transaction.atomic():
        image = (
            Image.objects.select_for_update()
            .renditions_due()
            .filter(pk=image_pk)
            .first()
        )
        if image is not None:
            image.renditions_status = RenditionStatus.FAILED
            image.save(update_fields=["renditions_status"])
