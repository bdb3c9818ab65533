from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"
GENERATE = CONTRACTS / "scripts" / "generate.py"
COMMITTED = CONTRACTS / "src" / "oneoffice" / "contracts" / "grpc"

SERVICES = {
    "documents": "oneoffice.documents.v1.DocumentsService",
    "staff": "oneoffice.staff.v1.StaffService",
    "reporting": "oneoffice.reporting.v1.ReportingService",
}


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def run_generate(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, GENERATE, *map(str, args)], capture_output=True, text=True)


def test_fresh_generation_is_byte_identical_to_the_committed_code(tmp_path: Path) -> None:
    out = tmp_path / "grpc"
    result = run_generate("--out", out)
    assert result.returncode == 0, result.stderr

    assert tree(out) == tree(COMMITTED), "run `make proto` and commit the result"


def test_check_passes_on_the_committed_code() -> None:
    result = run_generate("--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_lists_edited_and_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "grpc"
    shutil.copytree(COMMITTED, out, ignore=shutil.ignore_patterns("__pycache__"))
    (out / "staff" / "v1" / "staff_pb2.py").write_text("# edited by hand\n")
    (out / "staff" / "v1" / "old_pb2.py").write_text("")

    result = run_generate("--check", "--out", out)

    assert result.returncode == 1
    assert "differs: staff/v1/staff_pb2.py" in result.stdout
    assert "stale:   staff/v1/old_pb2.py" in result.stdout


def test_regeneration_removes_code_of_deleted_protos(tmp_path: Path) -> None:
    out = tmp_path / "grpc"
    shutil.copytree(COMMITTED, out, ignore=shutil.ignore_patterns("__pycache__"))
    (out / "staff" / "v1" / "old_pb2_grpc.py").write_text("")

    assert run_generate("--out", out).returncode == 0

    assert tree(out) == tree(COMMITTED)


@pytest.mark.parametrize(("service", "full_name"), SERVICES.items())
def test_generated_modules_import_under_the_contracts_package(service: str, full_name: str) -> None:
    package = f"oneoffice.contracts.grpc.{service}.v1"
    pb2 = importlib.import_module(f"{package}.{service}_pb2")
    pb2_grpc = importlib.import_module(f"{package}.{service}_pb2_grpc")

    short_name = full_name.rsplit(".", 1)[-1]
    assert pb2.DESCRIPTOR.services_by_name[short_name].full_name == full_name
    assert pb2.DESCRIPTOR.package == f"oneoffice.{service}.v1"
    assert hasattr(pb2_grpc, f"{short_name}Stub")
    assert hasattr(pb2_grpc, f"add_{short_name}Servicer_to_server")


@pytest.mark.parametrize("service", SERVICES)
def test_generated_code_never_imports_the_services_own_packages(service: str) -> None:
    for path in (COMMITTED / service / "v1").glob("*.py*"):
        text = path.read_text(encoding="utf-8")
        assert f"oneoffice.{service}.v1 import" not in text, path
        assert f"import oneoffice.{service}" not in text, path


def test_register_incoming_document_round_trips_on_the_wire() -> None:
    from oneoffice.contracts.grpc.documents.v1 import documents_pb2

    request = documents_pb2.RegisterIncomingDocumentRequest(
        commune_id="16876",
        body_code="UBND",
        issuer="UBND tỉnh Nghệ An",
        number_symbol="05/QĐ-UBND",
        document_date="2025-07-01",
        document_type="QD",
        summary="Về việc giao chỉ tiêu",
        urgency=documents_pb2.URGENCY_THUONG_KHAN,
        received_date="2025-07-03",
        idempotency_key="k-1",
        actor="user-1",
    )
    decoded = documents_pb2.RegisterIncomingDocumentRequest.FromString(request.SerializeToString())
    assert decoded == request

    response = documents_pb2.RegisterIncomingDocumentResponse(document_id="d", incoming_number=1, year=2025)
    assert not response.HasField("duplicate_of")
    response.duplicate_of = "d0"
    assert response.HasField("duplicate_of")
