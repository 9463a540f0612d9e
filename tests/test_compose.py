"""The compose stack: every service the deployment needs, health-checked (`docker compose config` runs in CI)."""

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"


def test_compose_runs_the_full_stack_with_health_checks():
    services = yaml.safe_load(COMPOSE.read_text())["services"]

    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat"):
        depends = services[name].get("depends_on") or services["web"]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
    assert "celery -A newsapi beat" in services["beat"]["command"]
