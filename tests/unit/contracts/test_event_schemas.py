from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from oneoffice.contracts.events import ALL_EVENTS
from oneoffice.contracts.json_schemas import render, schema_filename
from oneoffice.eventcore.events import DomainEvent

from .samples import SAMPLES

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"
SCHEMA_DIR = CONTRACTS / "schemas" / "events"
EXPORT = CONTRACTS / "scripts" / "export_schemas.py"
EVENT_IDS = [cls.event_type for cls in ALL_EVENTS]


def test_there_is_exactly_one_schema_file_per_registered_event() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.iterdir()) == sorted(schema_filename(c) for c in ALL_EVENTS)


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_schema_file_matches_the_model(cls: type[DomainEvent]) -> None:
    committed = (SCHEMA_DIR / schema_filename(cls)).read_text(encoding="utf-8")
    assert committed == render(cls), "run contracts/scripts/export_schemas.py"


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_schema_names_the_event_by_urn(cls: type[DomainEvent]) -> None:
    schema = json.loads((SCHEMA_DIR / schema_filename(cls)).read_text(encoding="utf-8"))
    assert schema["$id"] == f"urn:oneoffice:event:{cls.event_type}:v{cls.schema_version}"
    assert schema["x-event-type"] == cls.event_type
    assert schema["x-schema-version"] == cls.schema_version


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_event_payload_validates_against_its_schema(cls: type[DomainEvent]) -> None:
    schema = json.loads((SCHEMA_DIR / schema_filename(cls)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    validator.validate(SAMPLES[cls].to_payload())
    assert not validator.is_valid({**SAMPLES[cls].to_payload(), "unexpected": 1})


def test_export_check_passes_on_the_committed_files() -> None:
    result = subprocess.run([sys.executable, EXPORT, "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_export_check_reports_stale_and_edited_files(tmp_path: Path) -> None:
    subprocess.run([sys.executable, EXPORT, "--out", tmp_path], check=True, capture_output=True)
    edited = tmp_path / "events" / schema_filename(ALL_EVENTS[0])
    edited.write_text(edited.read_text(encoding="utf-8") + " ", encoding="utf-8")
    (tmp_path / "events" / "documents.Gone.v1.json").write_text("{}\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, EXPORT, "--check", "--out", tmp_path], capture_output=True, text=True
    )

    assert result.returncode == 1
    assert f"differs: events/{edited.name}" in result.stdout
    assert "stale:   events/documents.Gone.v1.json" in result.stdout
