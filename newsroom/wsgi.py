import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from newsroom.fastpath import PageCacheFastPath

# Page-cache hits are answered before Django's handler (newsroom/fastpath.py).
application = PageCacheFastPath(get_wsgi_application())
