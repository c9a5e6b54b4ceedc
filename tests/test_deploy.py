"""The deployment files agree with the code: probe paths, settings, command and port."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from service import cli
from service.api.app import create_app
from service.backfill import Shard
from service.cli import build_parser
from service.config import Settings

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
BACKFILL = K8S / "backfill"


def k8s_documents(folder: Path = K8S) -> list[dict[str, Any]]:
    docs = []
    for path in sorted(folder.glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d and d.get("kind") != "Kustomization"]
    return docs


def quotes_container() -> dict[str, Any]:
    deployment = next(
        d for d in k8s_documents() if d["kind"] == "Deployment" and d["metadata"]["name"] == "quotes"
    )
    container: dict[str, Any] = deployment["spec"]["template"]["spec"]["containers"][0]
    return container


def test_probe_paths_are_routes() -> None:
    routes = set(create_app(Settings()).openapi()["paths"])
    container = quotes_container()
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz" in routes
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz" in routes


def test_every_variable_the_files_set_is_a_setting() -> None:
    known = {f"QUOTES_{name.upper()}" for name in Settings.model_fields}
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    configmap = next(d for d in k8s_documents() if d["kind"] == "ConfigMap")
    used = set(compose["services"]["quotes"]["environment"]) | set(configmap["data"])
    used |= {e["name"] for e in quotes_container()["env"]}
    used |= set(re.findall(r"\b(QUOTES_[A-Z_]+)=", (ROOT / "deploy" / "Dockerfile").read_text()))
    assert used <= known, used - known


def test_commands_use_the_real_cli_and_port() -> None:
    assert quotes_container()["command"] == ["quotes", "serve"]
    build_parser().parse_args(quotes_container()["command"][1:])
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert 'CMD ["quotes", "serve"]' in dockerfile and "EXPOSE 8000" in dockerfile
    configmap = next(d for d in k8s_documents() if d["kind"] == "ConfigMap")
    assert configmap["data"]["QUOTES_PORT"] == "8000"
    assert quotes_container()["ports"][0]["containerPort"] == 8000
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["quotes"]["ports"][0].endswith(":8000")


@pytest.mark.parametrize("folder", [K8S, BACKFILL], ids=["service", "backfill"])
def test_kustomization_lists_every_manifest(folder: Path) -> None:
    listed = set(yaml.safe_load((folder / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in folder.glob("*.yaml")} - {"kustomization.yaml"}


def test_backfill_job_runs_one_shard_per_completion_index(monkeypatch: pytest.MonkeyPatch) -> None:
    [job] = [d for d in k8s_documents(BACKFILL) if d["kind"] == "Job"]
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed"
    container = spec["template"]["spec"]["containers"][0]
    [index_var] = [e for e in container["env"] if e["name"] == "SHARD_INDEX"]
    annotation = index_var["valueFrom"]["fieldRef"]["fieldPath"]
    assert annotation == "metadata.annotations['batch.kubernetes.io/job-completion-index']"
    # The real CLI accepts the command as Kubernetes expands it, for every index.
    argv = container["command"][1:] + container["args"]
    # The input lives on the Job's volume, not here: let the CLI's readable-file check pass.
    monkeypatch.setattr(cli.os.path, "isfile", lambda path: path.startswith("/data/"))
    monkeypatch.setattr(cli.os, "access", lambda path, mode: path.startswith("/data/"))
    for index in range(spec["completions"]):
        expanded = [arg.replace("$(SHARD_INDEX)", str(index)) for arg in argv]
        args = build_parser().parse_args(expanded)
        assert args.jsonl and args.shard == Shard(index, spec["completions"])
        assert args.output == f"/data/out/part-{index}.jsonl"
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert args.file.startswith("/data/") and "/data" in mounts


def test_compose_checks_the_health_of_both_services_on_real_routes() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["quotes"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "redis-cli" in services["redis"]["healthcheck"]["test"]
    probe = " ".join(services["quotes"]["healthcheck"]["test"])
    assert "/healthz" in probe and "/healthz" in create_app(Settings()).openapi()["paths"]


def test_shutdown_fits_in_the_grace_period() -> None:
    """SIGTERM after preStop: in-flight requests (each bounded by the budget) get
    QUOTES_SHUTDOWN_SECONDS, and the pod's grace period covers both with room to spare."""
    deployment = next(d for d in k8s_documents() if d["kind"] == "Deployment")
    spec = deployment["spec"]["template"]["spec"]
    config = next(d for d in k8s_documents() if d["kind"] == "ConfigMap")["data"]
    pre_stop = int(quotes_container()["lifecycle"]["preStop"]["exec"]["command"][-1])
    shutdown = int(config["QUOTES_SHUTDOWN_SECONDS"])
    assert float(config["QUOTES_MAX_SECONDS"]) <= shutdown
    assert spec["terminationGracePeriodSeconds"] >= pre_stop + shutdown + 5
