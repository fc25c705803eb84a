"""Background work of the image library (Huey, `huey.contrib.djhuey`)."""

from __future__ import annotations

from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services
from .models import Image


# Retried with back-off (10, 20, 40 seconds): a storage outage of a minute
# loses no picture. Idempotent: an image already done is skipped.
@db_task(retries=3, retry_delay=10, retry_backoff=2, context=True)
def make_renditions_task(image_pk: int, task: Task | None = None) -> bool:
    """Make the renditions of image `image_pk` if they are still due."""
    image = Image.objects.filter(pk=image_pk).first()
    if image is None or not image.renditions_due:
        return False
    try:
        return services.make_renditions(image)
    except Exception:
        if task is None or not task.retries:
            services.mark_failed(image_pk)
        raise


@db_periodic_task(crontab(minute="*"))
def sweep_renditions() -> int:
    """Every minute: enqueue the images still waiting for renditions, whose
    task was lost (a queue emptied with Redis) or never sent (an image saved
    outside the admin). A task that is merely queued runs twice, and the
    second finds nothing to do."""
    pks = list(Image.objects.renditions_due().values_list("pk", flat=True))
    for pk in pks:
        make_renditions_task(pk)
    return len(pks)
