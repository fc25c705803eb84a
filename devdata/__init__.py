"""Data for development, never for production: the demo newsroom `make demo`
serves (`demo/`, its texts in `data/`) and the benchmark generator
(`generate.py`). The wheel and the Docker image leave this package out, and
settings install it only when DEBUG is on or NEWSROOM_DEVDATA asks for it.
"""
