# The part of the edge configuration that differs between installs: where
# the web nodes are and who may purge (default.vcl includes it). This one is
# docker-compose.yml's with two web nodes, `web` and `web-2` (the
# "two-nodes" profile; VARNISH_BACKENDS=backend-two-nodes.vcl).

# The node is healthy while /healthz answers 200, i.e. while the database
# does (newsroom/health.py). Sick, Varnish serves what it has for as long as
# its grace allows (default.vcl) instead of queueing readers on errors. The
# Host must be one of ALLOWED_HOSTS.
probe healthz {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: localhost"
        "Connection: close";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend web {
    .host = "web";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

backend web_2 {
    .host = "web-2";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# default.vcl sends misses to `nodes`: each page to its node, by the hash
# of its address, or to the next healthy one.
sub vcl_init {
    new nodes = directors.shard();
    nodes.add_backend(web);
    nodes.add_backend(web_2);
    nodes.reconfigure();
}

# The web nodes and the worker send purges from the compose network.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}
