# Newsroom's edge cache: Varnish 7 with xkey (varnish-modules).
#
# What may be cached is decided once, by Django (caching/pages.py): a
# response Varnish may keep says `Cache-Control: public, max-age=N` and
# names what it shows in `Surrogate-Key`; anything else (a session cookie
# set, private/no-store/no-cache, a Vary on the browser's language) is
# passed. The rules below only spare Django requests it would never let
# anyone share (staff, previews, the admin, the API, the beacon) and make
# the cache key agree with Django's page key (the query string).
#
# The site purges on commit by surrogate key (caching/edge.py): a PURGE
# with `xkey-purge: key1 key2` removes every object naming one of the keys,
# stale copies kept for grace included, so a killed piece is never served
# again, not even while the backend is down. `xkey-softpurge` only expires
# them (they stay servable as grace); the site does not use it.
#
# The web nodes, their health probe and who may purge live in backend.vcl,
# the one file that differs between installs: it defines the `nodes`
# director (docker-compose.yml's one `web`, backend-two-nodes.vcl's `web`
# and `web-2`; tests/edge/ use them with their servers' addresses), a shard
# director: each page goes to one node, by the hash of its address, so the
# pages are spread over the nodes and a node's own memory keeps serving the
# same ones. A GET or HEAD a node fails to answer (it refused the
# connection, or died mid-answer) is asked of the next node on the ring.

vcl 4.1;

import directors;
import std;
import xkey;

include "backend.vcl";

sub vcl_recv {
    # Resolved per fetch (vcl_backend_fetch); here it answers std.healthy.
    set req.backend_hint = nodes.backend(resolve=LAZY);
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        return (synth(200, "Purged " + req.http.n-gone));
    }

    # Only this proxy says which scheme the reader used (TLS ends before
    # it, at a balancer that sets X-Forwarded-Proto, or nowhere).
    if (!req.http.X-Forwarded-Proto) {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Never stored by Django either (caching.pages._excluded_prefixes);
    # their answers are private, this only keeps them off the waiting list.
    if (req.url ~ "^/(admin|preview|api|beacon)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Staff carry Django's session or CSRF cookie. Django asks its session
    # store whether the session is signed in; Varnish cannot, so it passes
    # any such request and Django serves anonymous ones from its own cache.
    # Every other cookie (analytics) means nothing to the site: dropped, so
    # it neither splits the cache nor forces a pass.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;

    # The query string Django's page key uses (caching.pages.normalise_query):
    # only the parameters some page reads, sorted. Views never see the
    # others, so `/?utm_source=x` is the object `/`. tests/edge/ checks this
    # list against the one the apps register (reads_query_params).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?!(?:date_from|date_to|p|page|q|section|type)=)[^&#]*", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }

    # Fresh copies only while the backend is healthy; when it is not (the
    # database is down), whatever grace still holds.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # Feeds and sitemaps print absolute links: one object per scheme, as
    # Django's page key has.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # A background refresh that fails keeps the stale object rather than
    # replacing it with the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Django's max-age counts from now: it is the time to the next change
    # the clock alone makes (a scheduled piece going live). Its Age header
    # tells how long Django itself has kept the page, which HTTP would
    # subtract from max-age; here it must not, or a page Django has cached
    # for a minute would never be kept.
    if (beresp.http.Cache-Control ~ "max-age=\d+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Cache-Control, "^.*max-age=(\d+).*$", "\1s"), 0s);
    }
    unset beresp.http.Age;
    # Grace: how long a copy past its max-age may still be served while the
    # backend is sick (a purge removes it whatever its grace).
    set beresp.grace = 24h;
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_backend_fetch {
    # A retry (vcl_backend_error) goes to the next node on the ring; a sick
    # node is skipped whatever the count.
    set bereq.backend = nodes.backend(alt=bereq.retries);
}

sub vcl_backend_error {
    # Safe to send twice, so never lost to one node's failure: the director
    # picks the next node (a node marked sick by the probe is skipped).
    if (bereq.method ~ "^(GET|HEAD)$" && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
