"""An S3-compatible server for the tests of object storage.

The `s3` fixture starts moto's standalone server (`moto_server`, from the
dev extra's moto[server]) on a free port of 127.0.0.1: a real HTTP server
speaking the S3 API, in memory, that starts in about a second and needs no
credentials of its own. One server serves a pytest process; each test gets a
bucket of its own, and the site's STORAGES point at it for the test, as
AWS_STORAGE_BUCKET_NAME and friends do in production (newsroom/settings.py).

Without moto_server the tests skip, saying so; CI's NEWSROOM_STRICT_SKIPS
turns that into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsroom.object_storage import s3_storage
from tests.project.procs import stop_process

START_TIMEOUT = 20.0
# Any key does: moto checks none, but boto3 refuses to sign without one.
ACCESS_KEY, SECRET_KEY, REGION = "testing", "testing", "us-east-1"


def moto_server_command() -> list[str] | None:
    """How to start moto's server: the venv's script, else one on PATH."""
    beside_python = Path(sys.executable).parent / "moto_server"
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("moto_server")
    return [found] if found else None


@dataclass
class S3Server:
    process: subprocess.Popen
    endpoint: str

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )


@dataclass
class S3Bucket:
    server: S3Server
    name: str

    @property
    def url(self) -> str:
        """Where the bucket's objects are, path-style: `url/key`."""
        return f"{self.server.endpoint}/{self.name}"

    def client(self) -> Any:
        return self.server.client()

    def keys(self, prefix: str = "") -> set[str]:
        pages = self.client().get_paginator("list_objects_v2")
        return {
            item["Key"]
            for page in pages.paginate(Bucket=self.name, Prefix=prefix)
            for item in page.get("Contents", [])
        }

    def head(self, key: str) -> dict:
        return self.client().head_object(Bucket=self.name, Key=key)

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def env(self, **extra: str) -> dict[str, str]:
        """The environment that points the site at this bucket, as
        production sets it (for a worker or web process of the test's)."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.server.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_S3_ADDRESSING_STYLE": "path",
            **extra,
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(server: S3Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            pytest.fail(f"moto_server exited ({server.process.returncode})")
        try:
            urllib.request.urlopen(server.endpoint + "/", timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # it answers: up
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"moto_server did not answer within {START_TIMEOUT} s")
            time.sleep(0.05)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[S3Server]:
    """moto's S3 server on 127.0.0.1, for the whole pytest process."""
    command = moto_server_command()
    if command is None:
        pytest.skip(
            "moto_server is not installed (pip install -e '.[dev]' brings "
            "moto[server]): the object storage tests need an S3 server"
        )
    port = _free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "AWS_DEFAULT_REGION": REGION},
        )
    server = S3Server(process=process, endpoint=f"http://127.0.0.1:{port}")
    try:
        _wait_until_up(server)
        yield server
    finally:
        stop_process(process)


def public_read(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
    )


@pytest.fixture
def s3(s3_server, settings) -> Iterator[S3Bucket]:
    """A fresh bucket, with the site's uploads and renditions stored in it."""
    bucket = S3Bucket(server=s3_server, name=f"newsroom-{uuid.uuid4().hex[:12]}")
    client = bucket.client()
    client.create_bucket(Bucket=bucket.name)
    # Readers fetch pictures anonymously: the bucket is public to read, by
    # a policy, as production buckets are (new AWS buckets refuse ACLs).
    client.put_bucket_policy(Bucket=bucket.name, Policy=public_read(bucket.name))
    point_at(settings, bucket)
    yield bucket


def point_at(settings, bucket: S3Bucket, **env: str) -> None:
    """Store the site's files in `bucket`, with the variables production
    sets (`env` adds or overrides some, e.g. AWS_S3_CUSTOM_DOMAIN)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket.env(**env)),
    }
