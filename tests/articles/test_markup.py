"""Headline markup (articles/markup.py)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from articles.markup import headline_time


def test_a_publish_time_reads_as_each_time_zone_s_own_wall_time():
    """Publish times are formatted once and remembered; aware datetimes are
    equal by instant, so the memo must still tell two zones apart."""
    moment = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    with translation.override("en"):
        with timezone.override(ZoneInfo("Asia/Baku")):
            baku = headline_time(moment)
        with timezone.override(ZoneInfo("UTC")):
            utc = headline_time(moment)
    assert "14:30" in baku
    assert "10:30" in utc
