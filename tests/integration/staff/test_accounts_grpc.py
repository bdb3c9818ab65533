"""The staff service's account RPCs over gRPC, on a real PostgreSQL event store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.staff.bootstrap import StaffContainer, bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.entrypoints.grpc_server import build_server
from tests.caller import ActingAs, admin, clerk, gateway

pytestmark = pytest.mark.integration


@dataclass
class Staff:
    container: StaffContainer
    stub: pb_grpc.StaffServiceStub
    target: str


@pytest.fixture
async def staff(pg_url: str) -> AsyncIterator[Staff]:
    container = await bootstrap(Settings(database_url=pg_url, grpc_host="127.0.0.1", grpc_port=0))
    server = build_server(container)
    await server.start()
    try:
        # Calls naming no caller are the gateway's own (logging a user in, reading an account).
        target = f"127.0.0.1:{server.port}"
        async with grpc.aio.insecure_channel(target, interceptors=[ActingAs("gateway")]) as channel:
            yield Staff(container, pb_grpc.StaffServiceStub(channel), target)  # type: ignore[no-untyped-call]
    finally:
        await server.stop(None)
        await container.aclose()


def vanthu(password: str = "demo") -> pb.CreateAccountRequest:
    return pb.CreateAccountRequest(
        username="vanthu-16876", display_name="Văn thư", roles=["clerk"], scope=["16876"], password=password
    )


async def refusal(call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call  # type: ignore[misc]
    return refused.value


async def test_an_account_is_created_read_back_without_its_hash_and_recorded_by_its_actor(
    staff: Staff,
) -> None:
    created = await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    assert (created.username, list(created.roles), list(created.scope), created.disabled) == (
        "vanthu-16876",
        ["clerk"],
        ["16876"],
        False,
    )
    assert "hash" not in str(await staff.stub.GetAccount(pb.GetAccountRequest(username="vanthu-16876")))
    (event,) = await staff.container.store.read_stream("account-vanthu-16876")
    assert (event.event_type, event.actor, event.correlation_id) == (
        "staff.AccountCreated",
        "quantri",
        "corr-accounts",
    )
    assert event.payload["password_hash"].startswith("$argon2id$")


async def test_a_taken_username_is_refused_with_already_exists(staff: Staff) -> None:
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    error = await refusal(staff.stub.CreateAccount(vanthu("other-password"), metadata=admin("corr-accounts")))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert dict(error.trailing_metadata() or ())["error-code"] == "account_exists"
    assert len(await staff.container.store.read_stream("account-vanthu-16876")) == 1


async def test_an_invalid_username_is_refused_in_both_languages(staff: Staff) -> None:
    request = vanthu()
    request.username = "Văn Thư"
    error = await refusal(staff.stub.CreateAccount(request, metadata=admin("corr-accounts")))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "Tên đăng nhập" in (error.details() or "")
    assert "username" in dict(error.trailing_metadata() or ())["message-en"]


async def test_authentication_accepts_the_right_password_only_and_never_a_disabled_account(
    staff: Staff,
) -> None:
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    account = await staff.stub.Authenticate(pb.AuthenticateRequest(username="vanthu-16876", password="demo"))
    assert account.username == "vanthu-16876"
    answers = set()
    for username, password in (("vanthu-16876", "wrong"), ("nobody", "demo")):
        error = await refusal(
            staff.stub.Authenticate(pb.AuthenticateRequest(username=username, password=password))
        )
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED
        answers.add(error.details())
    assert len(answers) == 1
    await staff.stub.DisableAccount(
        pb.DisableAccountRequest(username="vanthu-16876"), metadata=admin("corr-accounts")
    )
    error = await refusal(
        staff.stub.Authenticate(pb.AuthenticateRequest(username="vanthu-16876", password="demo"))
    )
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert (await staff.stub.GetAccount(pb.GetAccountRequest(username="vanthu-16876"))).disabled


async def test_a_changed_password_replaces_the_old_one_and_access_changes_are_events(staff: Staff) -> None:
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    await staff.stub.ChangePassword(
        pb.ChangePasswordRequest(username="vanthu-16876", new_password="new-secret"),
        metadata=admin("corr-accounts"),
    )
    await refusal(staff.stub.Authenticate(pb.AuthenticateRequest(username="vanthu-16876", password="demo")))
    await staff.stub.Authenticate(pb.AuthenticateRequest(username="vanthu-16876", password="new-secret"))
    changed = await staff.stub.ChangeAccess(
        pb.ChangeAccessRequest(username="vanthu-16876", roles=["clerk", "handler"], scope=["16876", "16882"]),
        metadata=admin("corr-accounts"),
    )
    assert (list(changed.roles), list(changed.scope)) == (["clerk", "handler"], ["16876", "16882"])
    types = [e.event_type for e in await staff.container.store.read_stream("account-vanthu-16876")]
    assert types == [
        "staff.AccountCreated",
        "staff.AccountPasswordChanged",
        "staff.AccountRolesChanged",
        "staff.AccountScopeChanged",
    ]


async def test_an_unknown_account_is_not_found(staff: Staff) -> None:
    error = await refusal(staff.stub.GetAccount(pb.GetAccountRequest(username="nobody")))
    assert error.code() == grpc.StatusCode.NOT_FOUND


async def test_a_non_admin_cannot_change_access_and_nothing_is_recorded(staff: Staff) -> None:
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    request = pb.ChangeAccessRequest(username="vanthu-16876", roles=["admin"], scope=["16876"])

    error = await refusal(staff.stub.ChangeAccess(request, metadata=clerk("16876")))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert dict(error.trailing_metadata() or ())["error-code"] == "forbidden"
    assert error.details() == "Tài khoản vanthu-16876 không có vai trò được phép làm việc này."
    assert len(await staff.container.store.read_stream("account-vanthu-16876")) == 1


async def test_the_gateway_itself_cannot_create_or_disable_accounts(staff: Staff) -> None:
    created = await refusal(staff.stub.CreateAccount(vanthu(), metadata=gateway()))
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    disabled = await refusal(
        staff.stub.DisableAccount(pb.DisableAccountRequest(username="vanthu-16876"), metadata=gateway())
    )

    assert (created.code(), disabled.code()) == (grpc.StatusCode.PERMISSION_DENIED,) * 2
    assert not (await staff.stub.GetAccount(pb.GetAccountRequest(username="vanthu-16876"))).disabled


async def test_a_call_without_an_identity_is_unauthenticated(staff: Staff) -> None:
    async with grpc.aio.insecure_channel(staff.target) as bare:
        stub = pb_grpc.StaffServiceStub(bare)  # type: ignore[no-untyped-call]
        error = await refusal(stub.Authenticate(pb.AuthenticateRequest(username="quantri", password="demo")))

    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert dict(error.trailing_metadata() or ())["error-code"] == "caller_unauthenticated"


async def test_an_account_changes_its_own_password_but_not_anothers(staff: Staff) -> None:
    await staff.stub.CreateAccount(vanthu(), metadata=admin("corr-accounts"))
    other = pb.CreateAccountRequest(
        username="canbo-16876", display_name="Cán bộ", roles=["handler"], scope=["16876"], password="demo"
    )
    await staff.stub.CreateAccount(other, metadata=admin("corr-accounts"))
    own = pb.ChangePasswordRequest(username="vanthu-16876", new_password="mine-now")

    await staff.stub.ChangePassword(own, metadata=clerk("16876"))
    error = await refusal(
        staff.stub.ChangePassword(
            pb.ChangePasswordRequest(username="canbo-16876", new_password="taken"), metadata=clerk("16876")
        )
    )

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    changed = (await staff.container.store.read_stream("account-vanthu-16876"))[-1]
    assert (changed.event_type, changed.actor) == ("staff.AccountPasswordChanged", "vanthu-16876")
    assert len(await staff.container.store.read_stream("account-canbo-16876")) == 1
