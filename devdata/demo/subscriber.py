"""The demo newsroom's API subscriber, with the well-known key `demo-key`.

Only the demo loader calls this: a guessable key has no place on a real
install. Like every demo row it is found by a natural key and created only
when missing.
"""

from __future__ import annotations

from api.keys import digest, issue_key
from api.models import ApiKey, Subscriber

DEMO_API_KEY = "demo-key"
DEMO_SUBSCRIBER = "Demo subscriber"


def ensure_demo_subscriber() -> bool:
    """Create the demo subscriber and its key unless present; True if created."""
    subscriber, created = Subscriber.objects.get_or_create(
        name=DEMO_SUBSCRIBER,
        defaults={
            "contact_email": "subscriber@newsroom.example",
            "notes": "Created by the demo loader. Its key is 'demo-key'.",
        },
    )
    if not ApiKey.objects.filter(digest=digest(DEMO_API_KEY)).exists():
        issue_key(subscriber=subscriber, by=None, label="demo", key=DEMO_API_KEY)
    return created
