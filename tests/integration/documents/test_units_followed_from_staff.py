"""Documents follows the staff topic and refuses communes that do not exist on the office day.

Real PostgreSQL and Kafka: the staff service records Tương Dương's units (2017 → 2020 → 2025); its
outbox relay publishes them to the staff topic; the documents service's subscription builds its
units read model from them; a registration then names a commune that exists today, one that never
existed, and one merged away in 2025.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import grpc
import pytest

from oneoffice.contracts.topics import dead_letter_topic, topic_for
from oneoffice.eventcore.kafka.topics import existing_partitions, topic_config
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import seed_tuong_duong
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.bootstrap import bootstrap as staff_bootstrap
from oneoffice.staff.config import Settings as StaffSettings
from tests.caller import clerk
from tests.conftest import CreateDatabase

from .conftest import StartDocuments, eventually, register_request

pytestmark = pytest.mark.integration

CURRENT = "16876"  # xã Tương Dương since 1 July 2025
MERGED_AWAY = "TD-LUU-KIEN"  # xã Lưu Kiền, merged into xã Tương Dương on 1 July 2025


@pytest.fixture
def prefix(run_id: str) -> str:
    return f"run{run_id}.{uuid.uuid4().hex[:6]}."


@pytest.fixture
async def staff(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, prefix: str
) -> AsyncIterator[StaffContainer]:
    container = await staff_bootstrap(
        StaffSettings(
            database_url=await create_pg_database("staffunits"),
            kafka_bootstrap=kafka_bootstrap,
            kafka_topic_prefix=prefix,
        )
    )
    try:
        yield container
    finally:
        await container.aclose()


async def test_the_staff_relay_publishes_the_units_to_the_staff_topic_it_made_with_infinite_retention(
    staff: StaffContainer, kafka_bootstrap: str, prefix: str
) -> None:
    recorded = await seed_tuong_duong(staff.units, Caller(actor="test"), tuong_duong_rows(), body_codes())
    assert staff.relay is not None

    async def published() -> None:
        assert staff.relay is not None and await staff.relay.lag() == 0

    await eventually(published, within=30)
    topic = topic_for("staff", prefix)
    assert staff.relay.topic == topic and recorded > 0
    for name in (topic, dead_letter_topic(topic)):
        config = await topic_config(kafka_bootstrap, name)
        assert (config["retention.ms"], config["retention.bytes"]) == ("-1", "-1"), name
        assert len(await existing_partitions(kafka_bootstrap, [name])) == 3, name


async def test_documents_refuses_an_unknown_commune_and_one_merged_away_and_registers_for_a_current_one(
    staff: StaffContainer, start_documents: StartDocuments, pg_url: str, kafka_bootstrap: str, prefix: str
) -> None:
    documents = await start_documents(
        database_url=pg_url,
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}documents",
        units=None,  # the units followed from the staff topic
    )
    # Nothing recorded by staff yet: documents knows no unit and says so.
    with pytest.raises(grpc.aio.AioRpcError) as not_yet:
        await documents.stub.RegisterIncomingDocument(register_request("early"))
    assert not_yet.value.code() == grpc.StatusCode.NOT_FOUND
    assert "chưa nhận được danh mục đơn vị hành chính" in (not_yet.value.details() or "")

    await seed_tuong_duong(staff.units, Caller(actor="test"), tuong_duong_rows(), body_codes())
    # Refused until the follower has applied the units: a retried key registers once.
    registered = await eventually(
        lambda: documents.stub.RegisterIncomingDocument(register_request("current")), within=60
    )

    refused = {}
    for code in ("99999", MERGED_AWAY):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await documents.stub.RegisterIncomingDocument(
                register_request(f"k-{code}", commune_id=code), metadata=clerk(code)
            )
        refused[code] = error.value
    assert registered.incoming_number == 1
    for code, error in refused.items():
        assert error.code() == grpc.StatusCode.NOT_FOUND, code
        assert f"Xã mã '{code}' không tồn tại vào ngày" in (error.details() or "")
        trailers = dict(error.trailing_metadata() or ())
        assert trailers["error-code"] == "commune_not_found"
        assert not await documents.container.store.read_stream(f"incoming-register:{code}:UBND:2026")
