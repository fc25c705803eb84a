"""The guard where it counts: at connection time, against real servers on
the loopback interface, for the opener, ingest's fetch and webhook push."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import outbound
from ingest import fetching

pytestmark = pytest.mark.any_database


def get(url: str) -> bytes:
    with outbound.opener().open(url, timeout=5) as response:
        return response.read()


def test_a_local_server_is_refused_with_the_setting_off(server):
    with pytest.raises(outbound.Refused, match=r"127\.0\.0\.1 is not a public address"):
        get(server.url())
    assert server.requests == []


def test_a_local_server_is_reached_with_the_setting_on(server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    assert get(server.url("/feed")) == b"ok"
    assert server.requests == [("GET", "/feed")]


def test_localhost_is_refused(server):
    with pytest.raises(outbound.Refused, match=r"localhost \((127\.0\.0\.1|::1)\)"):
        get(server.url(host="localhost"))
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "2130706433",  # 127.0.0.1 as one decimal number
        "0x7f.1",  # and in inet_aton's hexadecimal shorthand
        "127.1",
        "0.0.0.0",  # connects to the local host on Linux
    ],
)
def test_other_spellings_of_the_local_host_are_refused(server, host):
    with pytest.raises(outbound.Refused):
        get(server.url(host=host))
    assert server.requests == []


def test_an_ipv4_mapped_address_is_refused(start_server):
    server = start_server("::")
    with pytest.raises(outbound.Refused, match=r"::ffff:127\.0\.0\.1"):
        get(server.url(host="::ffff:127.0.0.1"))
    with pytest.raises(outbound.Refused, match=r"\[?::1"):
        get(server.url(host="::1"))
    assert server.requests == []


def test_allowed_hosts_let_a_named_host_or_a_network_through(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    assert get(server.url("/by-name", host="localhost")) == b"ok"
    with pytest.raises(outbound.Refused):
        get(server.url("/by-address"))  # 127.0.0.1 is not named
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.0/8"]
    assert get(server.url("/by-network")) == b"ok"
    assert server.requests == [("GET", "/by-name"), ("GET", "/by-network")]


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(
    start_server, settings
):
    """Each hop is checked as it connects: an allowed (or public) host
    cannot hand the request on to an internal one."""
    internal = start_server()
    allowed = start_server()
    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    redirecting = allowed.url(f"/moved?to={internal.url('/secret')}", host="localhost")
    with pytest.raises(outbound.Refused, match=r"127\.0\.0\.1"):
        get(redirecting)
    assert len(allowed.requests) == 1
    assert internal.requests == []


def test_redirects_are_followed_when_every_hop_is_allowed(start_server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    first, second = start_server(), start_server()
    assert get(first.url(f"/moved?to={second.url('/here')}")) == b"ok"
    assert second.requests == [("GET", "/here")]


def test_a_redirect_out_of_http_is_refused(server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    with pytest.raises(outbound.Refused, match="not http or https"):
        get(server.url("/moved?to=ftp://127.0.0.1/x"))
    # urllib itself refuses file:, before the redirect handler is asked.
    with pytest.raises(urllib.error.HTTPError, match="not allowed"):
        get(server.url("/moved?to=file:///etc/passwd"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/"])
def test_other_schemes_are_refused(url, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    with pytest.raises(outbound.Refused, match="Only http and https"):
        get(url)


def test_no_redirects_returns_the_redirect(server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    with pytest.raises(urllib.error.HTTPError) as answer:
        outbound.opener(redirects=False).open(server.url("/moved?to=/x"), timeout=5)
    assert answer.value.code == 302
    assert len(server.requests) == 1


def test_the_address_connected_to_is_the_one_checked(server, monkeypatch):
    """DNS rebinding: a name that resolves to a public address when a form
    validates it and to 127.0.0.1 when the worker connects. (A resolver
    that changes its answer cannot be set up here: getaddrinfo is replaced,
    the connection is real.)"""
    answers = [
        [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", server.port))],
        [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port))],
    ]
    resolved = []

    def rebinding(host, port, *args, **kwargs):
        resolved.append(host)
        return answers[min(len(resolved) - 1, 1)]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = server.url(host="rebind.example")
    outbound.validate_url(url)  # the form's check passes
    with pytest.raises(outbound.Refused, match=r"rebind\.example \(127\.0\.0\.1\)"):
        get(url)
    assert resolved == ["rebind.example", "rebind.example"]
    assert server.requests == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(
    server, monkeypatch
):
    infos = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", server.port)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: infos)
    with pytest.raises(outbound.Refused, match=r"127\.0\.0\.1"):
        get(server.url(host="mixed.example"))
    assert server.requests == []


# Ingest's fetch --------------------------------------------------------------


def test_fetch_refuses_localhost_with_a_clear_reason(server):
    with pytest.raises(fetching.FetchError, match="not a public address"):
        fetching.fetch(url=server.url("/feed.xml", host="localhost"))
    assert server.requests == []


def test_fetch_follows_a_redirect_only_to_allowed_hosts(start_server, settings):
    internal, allowed = start_server(), start_server()
    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    with pytest.raises(fetching.FetchError, match="not a public address"):
        fetching.fetch(
            url=allowed.url(f"/feed?to={internal.url('/admin')}", host="localhost")
        )
    assert internal.requests == []
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.0/8"]
    fetched = fetching.fetch(url=allowed.url(f"/feed?to={internal.url('/feed')}"))
    assert fetched.body == b"ok"
    assert internal.requests == [("GET", "/feed")]


# HTTPS -----------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for the
    name `localhost` (made by the openssl program), and a client context
    trusting it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl program is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            names.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Length", "6")
            self.end_headers()
            self.wfile.write(b"secure")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    client_context = ssl.create_default_context(cafile=str(cert))
    try:
        yield httpd.server_address[1], client_context, names
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_is_checked_and_verifies_the_name_not_the_address(tls_server, settings):
    """The socket goes to the checked address; TLS still verifies the
    certificate against the host name (SNI), and Host is the name."""
    port, context, names = tls_server
    url = f"https://localhost:{port}/"
    with pytest.raises(outbound.Refused, match="localhost"):
        outbound.opener(context=context).open(url, timeout=5)
    assert names == []

    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    with outbound.opener(context=context).open(url, timeout=5) as response:
        assert response.read() == b"secure"
    assert names == [f"localhost:{port}"]
    # The certificate names localhost, not 127.0.0.1: asked by address, it fails.
    settings.OUTBOUND_ALLOW_PRIVATE = True
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        outbound.opener(context=context).open(f"https://127.0.0.1:{port}/", timeout=5)
