# syntax=docker/dockerfile:1
# e-Kinerja: one image for web (gunicorn), worker (celery) and beat.  See docs/operasi.md.

ARG PYTHON_IMAGE=python:3.11-slim

# --- build: dependencies, compiled messages, collected static files ---------------------------
FROM ${PYTHON_IMAGE} AS build
ARG UV_VERSION=0.13.9
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# msgfmt for compilemessages; only in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==${UV_VERSION}"

WORKDIR /app
# Dependencies first: this layer is reused until pyproject.toml or uv.lock change.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Production settings need a SECRET_KEY to import; this one exists only during the build.
# DEBUG=false selects the manifest storage, so the hashed names match those served at runtime.
RUN export DEBUG=false SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        EKINERJA_VAR_DIR=/tmp/build-var \
    && if find . -name '*.po' -not -path './.venv/*' | grep -q .; then \
           python manage.py compilemessages --ignore=.venv; fi \
    && python manage.py collectstatic --noinput \
    && rm -rf /tmp/build-var

# --- runtime ----------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=ekinerja.settings \
    EKINERJA_VAR_DIR=/app/var \
    DEBUG=false

# WeasyPrint renders the signed documents: Pango, HarfBuzz (with subsetting) and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 ekinerja \
    && useradd --system --uid 10001 --gid ekinerja --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin ekinerja

WORKDIR /app
# Code and venv stay owned by root: the app user can read them, not change them.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN mkdir -p /app/var && chown ekinerja:ekinerja /app/var

USER ekinerja
EXPOSE 8000
ENTRYPOINT ["sh", "/app/deploy/entrypoint.sh"]
CMD ["gunicorn", "ekinerja.wsgi", "--config", "deploy/gunicorn.conf.py"]
