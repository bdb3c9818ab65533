"""Reads the form labels shipped with the gateway (see ``reference/README.md``)."""

from __future__ import annotations

import csv
import io
from importlib import resources

from ..application.catalogue import Choice, FormCatalogue


def _choices(name: str) -> list[Choice]:
    text = resources.files("oneoffice.gateway").joinpath("reference", name).read_text(encoding="utf-8")
    return [
        Choice(row["code"].strip(), row["name_vi"].strip(), row["name_en"].strip())
        for row in csv.DictReader(io.StringIO(text))
    ]


def load_form_catalogue() -> FormCatalogue:
    return FormCatalogue(bodies=_choices("bodies.csv"), document_types=_choices("document-types.csv"))
