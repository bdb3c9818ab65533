"""The access table: roles grant permissions, scope limits them to communes, the auditor reads all."""

from __future__ import annotations

from oneoffice.contracts.access import Decision, Identity, Permission, Role


def clerk_of(*communes: str) -> Identity:
    return Identity("vanthu-16876", (Role.CLERK,), communes)


def test_a_clerk_registers_in_a_commune_of_their_scope() -> None:
    assert clerk_of("16876").decide(Permission.INCOMING_REGISTER, "16876") is Decision.ALLOWED


def test_a_clerk_reaches_no_commune_outside_their_scope() -> None:
    assert clerk_of("16876").decide(Permission.INCOMING_READ, "16882") is Decision.OUT_OF_SCOPE


def test_a_handler_may_read_but_not_register() -> None:
    handler = Identity("canbo-16876", (Role.HANDLER,), ("16876",))
    assert handler.may(Permission.INCOMING_READ, "16876")
    assert handler.decide(Permission.INCOMING_REGISTER, "16876") is Decision.NO_ROLE


def test_the_auditor_reads_every_commune_but_registers_nowhere() -> None:
    auditor = Identity("kiemtoan", (Role.AUDITOR,), ())
    assert auditor.may(Permission.INCOMING_READ, "16936")
    assert auditor.reaches_every_commune(Permission.INCOMING_READ)
    assert auditor.decide(Permission.INCOMING_REGISTER, "16936") is Decision.NO_ROLE


def test_the_admin_manages_accounts_and_reads_no_documents() -> None:
    admin = Identity("quantri", (Role.ADMIN,), ())
    assert admin.may(Permission.ACCOUNTS_MANAGE)
    assert admin.decide(Permission.INCOMING_READ, "16876") is Decision.NO_ROLE


def test_an_unknown_role_grants_nothing() -> None:
    stranger = Identity("x", ("superuser",), ("16876",))
    assert stranger.decide(Permission.INCOMING_READ, "16876") is Decision.NO_ROLE


def test_scope_of_one_role_does_not_widen_another() -> None:
    # A clerk of one commune who also audits may read anywhere but still registers only at home.
    both = Identity("x", (Role.CLERK, Role.AUDITOR), ("16876",))
    assert both.may(Permission.INCOMING_READ, "16882")
    assert both.decide(Permission.INCOMING_REGISTER, "16882") is Decision.OUT_OF_SCOPE
    assert both.may(Permission.INCOMING_REGISTER, "16876")


def test_record_files_are_kept_by_the_clerk_and_team_lead_and_read_by_every_commune_role() -> None:
    from oneoffice.contracts.access import GRANTS, Role

    keepers = {role for role, grants in GRANTS.items() if Permission.RECORDS_MANAGE in grants}
    readers = {role for role, grants in GRANTS.items() if Permission.RECORDS_READ in grants}
    assert keepers == {Role.CLERK, Role.TEAM_LEAD}
    assert readers == set(Role) - {Role.ADMIN}
