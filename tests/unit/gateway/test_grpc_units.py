"""The units adapter puts each kind of reorganisation on the wire in the field the proto gives it."""

from __future__ import annotations

from datetime import date

from oneoffice.gateway.adapters.grpc_units import reorganise_request
from oneoffice.gateway.application.units import NewUnitDraft, ReorganisationDraft

DAY = date(2025, 7, 1)
NEW = NewUnitDraft("Tương Dương", "commune", "40", "16876")


def test_a_merger_into_a_new_unit_and_into_an_existing_one() -> None:
    into_new = reorganise_request(ReorganisationDraft("merge", DAY, ("A", "B"), new_units=(NEW,), note="NQ"))
    into_old = reorganise_request(ReorganisationDraft("merge", DAY, ("A", "B"), into_existing="B"))

    assert (into_new.WhichOneof("change"), into_new.merge.WhichOneof("into")) == ("merge", "into_new")
    assert (into_new.merge.into_new.code, into_new.effective, into_new.note) == ("16876", "2025-07-01", "NQ")
    assert (into_old.merge.into_existing, list(into_old.merge.units)) == ("B", ["A", "B"])


def test_establish_split_rename_reparent_and_cease_name_their_unit() -> None:
    establish = reorganise_request(ReorganisationDraft("establish", DAY, new_units=(NEW,)))
    split = reorganise_request(ReorganisationDraft("split", DAY, ("16876",), new_units=(NEW, NEW)))
    rename = reorganise_request(ReorganisationDraft("rename", DAY, ("16876",), name="Mới", unit_kind="ward"))
    reparent = reorganise_request(ReorganisationDraft("reparent", DAY, ("16885",), parent="40"))
    cease = reorganise_request(ReorganisationDraft("cease", DAY, ("NA-TUONG-DUONG",), reorganisation_id="k"))

    assert establish.establish.unit.name == "Tương Dương"
    assert (split.split.unit, len(split.split.into)) == ("16876", 2)
    assert (rename.rename.unit, rename.rename.name, rename.rename.kind) == ("16876", "Mới", "ward")
    assert (reparent.reparent.unit, reparent.reparent.parent) == ("16885", "40")
    assert (cease.cease.unit, cease.reorganisation_id) == ("NA-TUONG-DUONG", "k")
