"""Feeds, sitemaps and robots.txt: the site as machines read it.

Every list here starts from `Article.objects.published()`, like the reader
pages; the subscriber API (`api/`) is the other way out, for client
newsrooms.
"""
