"""Which addresses the newsroom may connect to (outbound.is_public and the
settings that widen it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

import outbound
from tests.project.procs import production_env, read_settings

pytestmark = pytest.mark.any_database

REFUSED = [
    # IPv4
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # carrier-grade NAT
    "100.127.255.254",
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "192.0.2.10",  # documentation
    "198.18.0.1",  # benchmarking
    # IPv6
    "::1",
    "::",
    "fe80::1",
    "fe80::1%eth0",  # link-local with its zone, as getaddrinfo gives it
    "fc00::1",  # unique local
    "fd12:3456:789a::1",
    "ff02::1",  # multicast
    "ff0e::1",
    "fec0::1",  # deprecated site-local
    "2001:db8::1",  # documentation
    "::127.0.0.1",  # deprecated IPv4-compatible
    # IPv6 forms of refused IPv4 addresses
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:100.64.0.1",
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
]

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "100.63.255.255",  # just below carrier-grade NAT
    "100.128.0.1",  # just above it
    "172.32.0.1",  # just above 172.16.0.0/12
    "2606:4700:4700::1111",
    "2a00:1450:4001:82b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    "2002:808:808::1",  # 6to4 of 8.8.8.8
]


@pytest.mark.parametrize("address", REFUSED)
def test_private_and_reserved_addresses_are_not_public(address):
    assert not outbound.is_public(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    assert outbound.is_public(address)


def test_allow_private_permits_everything(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = True
    assert outbound.permitted("localhost", "127.0.0.1")
    assert outbound.permitted("metadata", "169.254.169.254")


def test_allowed_hosts_by_name_and_by_network(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = False
    settings.OUTBOUND_ALLOWED_HOSTS = ["Wire.Agency.internal.", "10.20.0.0/16"]
    # By name: whatever the name resolves to.
    assert outbound.permitted("wire.agency.internal", "10.99.0.5")
    # By network: the address, whatever name led to it, IPv4-mapped too.
    assert outbound.permitted("other.internal", "10.20.3.4")
    assert outbound.permitted("other.internal", "::ffff:10.20.3.4")
    assert not outbound.permitted("other.internal", "10.21.0.1")
    assert not outbound.permitted("localhost", "127.0.0.1")
    assert outbound.permitted("anything", "8.8.8.8")


def test_a_mistyped_network_is_a_configuration_error(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.0/33"):
        outbound.permitted("x", "10.0.0.1")


def test_the_setting_follows_debug_by_default(tmp_path):
    """Production (DEBUG off) refuses private addresses unless told;
    development, where the demo reads its own feeds, allows them."""
    names = ("OUTBOUND_ALLOW_PRIVATE", "OUTBOUND_ALLOWED_HOSTS")
    production = production_env(tmp_path)
    assert read_settings(production, *names) == {
        "OUTBOUND_ALLOW_PRIVATE": False,
        "OUTBOUND_ALLOWED_HOSTS": [],
    }
    assert read_settings({**production, "DEBUG": "true"}, *names) == {
        "OUTBOUND_ALLOW_PRIVATE": True,
        "OUTBOUND_ALLOWED_HOSTS": [],
    }
    wire = {"OUTBOUND_ALLOWED_HOSTS": "wire.agency.internal, 10.20.0.0/16"}
    assert read_settings({**production, **wire}, *names) == {
        "OUTBOUND_ALLOW_PRIVATE": False,
        "OUTBOUND_ALLOWED_HOSTS": ["wire.agency.internal", "10.20.0.0/16"],
    }
