# The Newsroom web image: gunicorn serving newsroom.wsgi on port 8000.
# Configuration comes from the environment at run time (see README,
# "Configuration"); docker-compose.yml shows a complete set.
#
# Same Python minor version and Debian release as CI tests on.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 10001 newsroom \
    && useradd --system --uid 10001 --gid newsroom --home-dir /app \
        --shell /usr/sbin/nologin newsroom

WORKDIR /app

# Dependencies come from pyproject.toml alone, in their own layer, so a code
# change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
print('\n'.join(deps))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# Editable, so that BASE_DIR stays /app and templates/ and static/ are found
# beside the code. var/media exists before the media volume is mounted there,
# so a new volume takes its owner from it.
RUN pip install --no-deps --editable . \
    && mkdir -p var/media staticfiles \
    && chown -R newsroom:newsroom var staticfiles

USER newsroom

# Static files are part of the image. The key only lets settings load in
# production mode (DEBUG off); collectstatic neither signs nor stores anything.
RUN SECRET_KEY=build-only DEBUG=false python manage.py collectstatic --no-input

EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it), 3 unless set.
CMD ["gunicorn", "newsroom.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
