"""Object storage by environment: the STORAGES entry for an S3-compatible
bucket (django-storages), read from the variables production sets.

Kept out of settings.py so the tests build their bucket's entry from the
same variables (tests/storage.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def s3_storage(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The `STORAGES["default"]` entry for the bucket `AWS_STORAGE_BUCKET_NAME`
    names in `environ`, or None when it names none (local disk).

    Credentials may also come from boto3's own chain (an instance role)
    when the two key variables are unset.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # A CDN or the bucket's public host, e.g. media.example.com;
            # without it, addresses are the endpoint's.
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": environ.get("AWS_S3_URL_PROTOCOL") or "https:",
            # "path" for servers without a host per bucket (MinIO, moto).
            "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            # Readers fetch pictures by plain, public, cacheable addresses,
            # not signed ones that change with every render.
            "querystring_auth": False,
            # Every stored name is new (random originals, a token in each
            # rendition's), so a file never changes under its address.
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }
