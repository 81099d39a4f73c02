"""The Compose file names the parts and settings the topology tests prove (no container engine runs here).

Compose's release step runs the commands the tests run, its app gets the settings the tests' instances
get, and its nginx is given the very configuration files the tests give Debian's nginx.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.topology.cluster import DEPLOYMENT_SETTINGS, RELEASE
from tests.topology.nginx import TEMPLATE, UPSTREAM_FILE, render
from veileder.config import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return dict(compose["services"])


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """A service's volumes as {where in the container: what is mounted}."""
    found = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        found[target] = source
    return found


def test_the_parts(services):
    assert set(services) == {"postgres", "redis", "release", "app", "nginx"}
    app = services["app"]
    assert app["deploy"]["replicas"] >= 2
    assert (DEPLOY / app["build"] / "Dockerfile").is_file()  # the repository's own image
    assert services["release"]["image"] == app["image"]
    assert "/readyz" in " ".join(app["healthcheck"]["test"])
    assert app["depends_on"]["release"]["condition"] == "service_completed_successfully"
    assert services["nginx"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert services["postgres"]["image"].startswith("postgres:15")  # the version the tests run


def test_the_app_is_configured_only_with_documented_settings_and_those_the_tests_give(services):
    documented = {variable for variable, _, _ in SETTINGS.values()}
    documented |= set(re.findall(r"`(VEILEDER_\w+)`", (ROOT / "README.md").read_text()))
    environment = services["app"]["environment"]
    assert set(environment) <= documented
    assert set(DEPLOYMENT_SETTINGS) <= set(environment)
    assert environment["VEILEDER_DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in environment["VEILEDER_DATABASE_URL"]
    assert environment["VEILEDER_RATELIMIT_STORAGE_URI"] == "redis://redis:6379/0"


def test_the_release_runs_the_tests_release_commands_once_before_the_instances(services):
    release = services["release"]
    export = next(target for target, source in mounts(release).items() if source == "static")
    assert release["command"] == ["sh", "-c", " && ".join(RELEASE).format(static=export)]
    assert release["restart"] == "no"
    assert "replicas" not in release.get("deploy", {})


def test_nginx_is_given_the_configuration_the_tests_prove(services):
    nginx = services["nginx"]
    volumes = mounts(nginx)
    template = volumes["/etc/nginx/templates/default.conf.template"]
    assert (DEPLOY / template).resolve() == TEMPLATE
    assert (DEPLOY / volumes[f"/etc/nginx/{UPSTREAM_FILE}"]).is_file()
    environment = nginx["environment"]
    assert volumes[environment["NGINX_STATIC_ROOT"]] == "static"  # the volume the release writes
    render(TEMPLATE.read_text(), environment)  # every variable the template has is given
    variables = set(re.findall(r"\$\{(\w+)\}", TEMPLATE.read_text()))
    assert all(re.fullmatch(environment["NGINX_ENVSUBST_FILTER"], name) for name in variables)
    upstream = (DEPLOY / volumes[f"/etc/nginx/{UPSTREAM_FILE}"]).read_text()
    assert re.search(r"^server app:8000\b", upstream, re.M)  # the app's service, on the image's port
    assert "VEILEDER_BIND=0.0.0.0:8000" in (ROOT / "Dockerfile").read_text()
    version = tuple(int(part) for part in re.findall(r"\d+", nginx["image"].split(":")[1])[:2])
    assert version >= (1, 28) or ("resolve" not in upstream)  # `resolve` in an upstream: nginx 1.27.3+
