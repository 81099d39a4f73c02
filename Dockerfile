# Veileder in a container: `docker build -t veileder . && docker run -p 8000:8000 veileder`.
# Multi-stage: front-end files from npm, a virtual environment, then a small image that runs as a
# user without privileges. Every setting is an environment variable (see the README).

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json purgecss.config.cjs ./
RUN npm ci --no-audit --no-fund --loglevel=error
# Designsystemet's style sheet, trimmed to the rules the templates and scripts use (as `make setup` does).
COPY veileder ./veileder
RUN npm run --silent build

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /venv
COPY pyproject.toml constraints.txt README.md wsgi.py gunicorn.conf.py babel.cfg ./
COPY veileder ./veileder
COPY --from=assets /build/veileder/static/vendor/designsystemet.css ./veileder/static/vendor/
RUN /venv/bin/pip install -c constraints.txt -e .
COPY translations ./translations
RUN /venv/bin/pybabel compile -d translations
COPY content ./content
# Broken content fails the build, not the deployment.
RUN /venv/bin/flask --app veileder content check

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VEILEDER_BIND=0.0.0.0:8000
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin veileder
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
# The SQLite database lives in instance/ when VEILEDER_DATABASE_URL names none: mount a volume on it.
# `flask assets export /app/public` writes the static files for nginx in public/ (deploy/compose.yaml).
RUN install -d -o 10001 /app/instance /app/public
WORKDIR /app
USER 10001
EXPOSE 8000
# /readyz also asks the database, which may take its 3-second connect timeout to answer "unavailable".
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
