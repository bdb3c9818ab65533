"""deploy/k8s/ renders to valid Kubernetes objects that keep the deployment's promises.

kustomize is not installed here, so :func:`render` reads a kustomization the way kustomize does for
the features deploy/k8s uses (resources, labels, namespace, replicas, images, config map and secret
generators, RFC 6902 patches applied with the ``jsonpatch`` library) and refuses any other field, so
a manifest cannot quietly use something this check does not understand. Every object of the base and
of each overlay is then validated by ``kubernetes-validate`` against the Kubernetes JSON schemas
(strict: an unknown field is an error) of the oldest and the newest version we support.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonpatch
import kubernetes_validate
import pytest
import yaml

from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting.config import Settings as ReportingSettings
from oneoffice.staff.config import Settings as StaffSettings

K8S = Path(__file__).resolve().parents[3] / "deploy" / "k8s"
KUSTOMIZATIONS = ["base", "overlays/province"]
# The oldest Kubernetes the manifests are for (gRPC probes are GA since 1.27) and the newest known.
VERSIONS = ["1.29.0", kubernetes_validate.utils.latest_version()]
UNDERSTOOD = {
    "apiVersion",
    "kind",
    "resources",
    "labels",
    "namespace",
    "replicas",
    "images",
    "configMapGenerator",
    "secretGenerator",
    "patches",
}
CLUSTER_SCOPED = {"Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding"}
GRPC_SERVICES = {"documents": 50051, "staff": 50052, "reporting": 50053}


def _env_file(path: Path) -> dict[str, str]:
    # A secrets file is never committed: its committed example stands in for it.
    if not path.exists():
        path = path.with_name(path.name + ".example")
    pairs = (
        line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#")
    )
    return {name: value for name, value in pairs}


def _generated(kind: str, spec: dict[str, Any], folder: Path) -> dict[str, Any]:
    data: dict[str, str] = {}
    for env in spec.get("envs", []):
        data.update(_env_file(folder / env))
    data.update(literal.split("=", 1) for literal in spec.get("literals", []))
    return {"apiVersion": "v1", "kind": kind, "metadata": {"name": spec["name"]}, "data": data}


def _find(objects: list[dict[str, Any]], kind: str | None, name: str) -> list[dict[str, Any]]:
    return [o for o in objects if (kind is None or o["kind"] == kind) and o["metadata"]["name"] == name]


def render(folder: Path) -> list[dict[str, Any]]:
    """The objects ``kustomize build folder`` would print (generated names without their hash)."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    assert set(kustomization) <= UNDERSTOOD, (
        f"{folder}: fields this check does not apply: {set(kustomization) - UNDERSTOOD}"
    )
    objects: list[dict[str, Any]] = []
    for resource in kustomization.get("resources", []):
        path = folder / resource
        if path.is_dir():
            objects += render(path)
        else:
            objects += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for spec in kustomization.get(key, []):
            made = _generated(kind, spec, folder)
            if spec.get("behavior") == "merge":
                [existing] = _find(objects, kind, spec["name"])
                existing["data"].update(made["data"])
            else:
                assert not _find(objects, kind, spec["name"]), f"{kind} {spec['name']} generated twice"
                objects.append(made)
    for entry in kustomization.get("labels", []):
        for obj in objects:
            obj["metadata"].setdefault("labels", {}).update(entry["pairs"])
    for entry in kustomization.get("replicas", []):
        [target] = [o for o in _find(objects, None, entry["name"]) if "replicas" in o.get("spec", {})]
        target["spec"]["replicas"] = entry["count"]
    for entry in kustomization.get("images", []):
        for container in _containers(objects):
            name, _, _ = container["image"].partition(":")
            if name == entry["name"]:
                container["image"] = f"{entry.get('newName', name)}:{entry['newTag']}"
    for entry in kustomization.get("patches", []):
        operations = yaml.safe_load((folder / entry["path"]).read_text())
        assert isinstance(operations, list), f"{entry['path']}: only RFC 6902 patches are applied here"
        [target] = _find(objects, entry["target"]["kind"], entry["target"]["name"])
        patched = jsonpatch.JsonPatch(operations).apply(target)
        target.clear()
        target.update(patched)
    if "namespace" in kustomization:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = kustomization["namespace"]
    return copy.deepcopy(objects)


def _containers(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for o in objects for c in _pod_spec(o).get("containers", [])]


def _pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = obj.get("spec", {}).get("template", {}).get("spec", {})
    return spec


@pytest.fixture(scope="module", params=KUSTOMIZATIONS)
def rendered(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return render(K8S / request.param)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_is_valid_against_the_kubernetes_schemas(
    rendered: list[dict[str, Any]], version: str
) -> None:
    for obj in rendered:
        kubernetes_validate.validate(obj, version, strict=True)


def test_the_services_are_probed_on_their_grpc_health_and_the_gateway_on_readyz(
    rendered: list[dict[str, Any]],
) -> None:
    deployments = {o["metadata"]["name"]: o for o in rendered if o["kind"] == "Deployment"}
    assert set(deployments) == {*GRPC_SERVICES, "gateway"}
    for name, port in GRPC_SERVICES.items():
        [container] = _pod_spec(deployments[name])["containers"]
        assert container["readinessProbe"]["grpc"]["port"] == port
        assert container["livenessProbe"]["grpc"]["port"] == port
    [gateway] = _pod_spec(deployments["gateway"])["containers"]
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_every_container_asks_for_resources_and_every_workload_has_a_disruption_budget(
    rendered: list[dict[str, Any]],
) -> None:
    for container in _containers(rendered):
        assert {"cpu", "memory"} <= set(container["resources"]["requests"]), container["name"]
        assert "memory" in container["resources"]["limits"], container["name"]
    budgets = [o["spec"]["selector"]["matchLabels"] for o in rendered if o["kind"] == "PodDisruptionBudget"]
    for workload in (o for o in rendered if o["kind"] in {"Deployment", "StatefulSet"}):
        labels = workload["spec"]["template"]["metadata"]["labels"]
        assert any(b.items() <= labels.items() for b in budgets), workload["metadata"]["name"]


def test_every_secret_and_setting_referenced_exists_and_is_read_by_a_service(
    rendered: list[dict[str, Any]],
) -> None:
    maps = {o["metadata"]["name"]: o["data"] for o in rendered if o["kind"] == "ConfigMap"}
    secret_keys = set(_env_file(K8S / "overlays" / "province" / "secrets.env"))
    read = _variables_read()
    for name, value in maps["oneoffice-settings"].items():
        assert name in read, f"{name}={value}: no service reads it"
    for container in _containers(rendered):
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                assert source["configMapRef"]["name"] in maps
            else:
                assert source["secretRef"]["name"] == "oneoffice-secrets"
        for variable in container.get("env", []):
            ref = variable.get("valueFrom", {}).get("secretKeyRef")
            if ref is not None:
                assert ref["name"] == "oneoffice-secrets" and ref["key"] in secret_keys, variable
            if container["name"] != "kafka":
                assert variable["name"] in read, f"{variable['name']}: no service reads it"


def test_no_secret_value_is_committed() -> None:
    for path in K8S.rglob("*.yaml"):
        for doc in yaml.safe_load_all(path.read_text()):
            assert not (isinstance(doc, dict) and doc.get("kind") == "Secret"), path
    example = _env_file(K8S / "overlays" / "province" / "secrets.env")
    assert all("REPLACE-ME" in value for value in example.values()), example


def _variables_read() -> set[str]:
    """Every ONEOFFICE_* variable some service's settings read."""
    names: set[str] = set()
    for settings in (DocumentsSettings, StaffSettings, ReportingSettings, GatewaySettings):
        prefix = settings.model_config.get("env_prefix", "")
        names |= {f"{prefix}{field}".upper() for field in settings.model_fields}
    return names
