"""Events the staff service publishes on ``oneoffice.staff.events.v1``."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

DocumentFamily = Literal["STATE", "PARTY", "FRONT", "YOUTH"]
"""Which rules a body's documents follow: State (NĐ 30/2020), Party (QĐ 66-QĐ/TW), Front (State-style
number, HD 91/HD-MTTW-BTT) or Youth Union (Party-style number, QĐ 367-QĐ/TWĐTN-VP). Mass
organisations with no rules of their own are STATE."""


class BodyRegistered(DomainEvent):
    """A body (Đảng ủy, HĐND, UBND, MTTQ, a mass organisation) joined those a commune office serves."""

    event_type: ClassVar[str] = "staff.BodyRegistered"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="Commune whose office serves the body.")
    body_code: str = Field(description="Stable code of the body, e.g. DANG_UY, HDND, UBND, MTTQ, DOAN_TN.")
    name: str = Field(description="Vietnamese name of the body, e.g. 'Ủy ban nhân dân'.")
    family: DocumentFamily = Field(description="Document family: header, number format and numbering scope.")


Role = Literal["clerk", "handler", "leader", "team_lead", "district_viewer", "auditor", "admin"]
"""What a user account may do: văn thư, cán bộ xử lý, lãnh đạo, tổ trưởng, huyện (read-only over many
communes), kiểm toán (read-only everything, history included), quản trị."""


# Accounts: one stream per username (``account-<username>``), so the store keeps usernames unique.
# The password hash travels in AccountCreated and AccountPasswordChanged because the account is
# rebuilt from its events: an argon2 hash (never the password), which must still never be logged.


class AccountCreated(DomainEvent):
    """A user account was opened for a person (its password hash included: see the module note)."""

    event_type: ClassVar[str] = "staff.AccountCreated"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="Login name: lowercase letters, digits, '.', '_' or '-', 3 to 64.")
    display_name: str = Field(description="The person's name as shown, e.g. 'Nguyễn Thị Lan'.")
    roles: list[Role] = Field(description="What the account may do.")
    scope: list[str] = Field(
        description="Administrative unit codes the account reaches: commune codes, or a district "
        "code meaning every commune of the district."
    )
    password_hash: str = Field(description="Argon2 hash (PHC string) of the password; never the password.")


class AccountRolesChanged(DomainEvent):
    """An account's roles were replaced."""

    event_type: ClassVar[str] = "staff.AccountRolesChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    roles: list[Role] = Field(description="The roles from now on.")


class AccountScopeChanged(DomainEvent):
    """The administrative units an account reaches were replaced."""

    event_type: ClassVar[str] = "staff.AccountScopeChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    scope: list[str] = Field(description="Administrative unit codes from now on.")


class AccountDisabled(DomainEvent):
    """An account was disabled: it no longer logs in and its tokens are refused."""

    event_type: ClassVar[str] = "staff.AccountDisabled"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")


class AccountPasswordChanged(DomainEvent):
    """An account's password was replaced (the new argon2 hash, never the password)."""

    event_type: ClassVar[str] = "staff.AccountPasswordChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    password_hash: str = Field(description="Argon2 hash (PHC string) of the new password.")


EVENTS: tuple[type[DomainEvent], ...] = (
    BodyRegistered,
    AccountCreated,
    AccountRolesChanged,
    AccountScopeChanged,
    AccountDisabled,
    AccountPasswordChanged,
)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
