"""What the account routes take and answer (never a password or its hash in an answer).

What they take is a :class:`RequestBody`: the gateway refuses forbidden characters (422) before
they reach the staff service, as it does for every JSON body.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ..application.ports import Account
from .text_fields import RequestBody

USERNAME_PATTERN = r"^[a-z0-9._-]{3,64}$"
_SECRET: JsonDict = {"format": "password", "writeOnly": True}
_ROLES_DOC = "clerk, handler, leader, team_lead, district_viewer, auditor, admin."


class AccountOut(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    scope: list[str] = Field(description="Administrative unit codes the account reaches.")
    disabled: bool = False

    @classmethod
    def of(cls, account: Account) -> AccountOut:
        return cls(
            username=account.username,
            display_name=account.display_name,
            roles=list(account.roles),
            scope=list(account.scope),
            disabled=account.disabled,
        )


class AccountIn(RequestBody):
    """An account to open (tài khoản)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "username": "vanthu-16876",
                    "display_name": "Nguyễn Thị Lan",
                    "roles": ["clerk"],
                    "scope": ["16876"],
                    "password": "mat-khau-tam-thoi",
                }
            ]
        },
    )

    username: str = Field(max_length=64, description="3 to 64 lowercase letters, digits, '.', '_', '-'.")
    display_name: str = Field(max_length=200)
    roles: list[str] = Field(max_length=7, description=_ROLES_DOC)
    scope: list[str] = Field(default_factory=list, max_length=1000, description="Unit codes, e.g. 16876.")
    password: str = Field(max_length=1024, json_schema_extra=_SECRET)


class AccessIn(RequestBody):
    """The roles and scope an account is to have from now on (replacing the old ones)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"roles": ["leader"], "scope": ["16876"]}]}
    )

    roles: list[str] = Field(max_length=7, description=_ROLES_DOC)
    scope: list[str] = Field(default_factory=list, max_length=1000)


class PasswordResetIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"new_password": "mat-khau-moi"}]}
    )

    new_password: str = Field(max_length=1024, json_schema_extra=_SECRET)


class PasswordChangeIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"current_password": "demo", "new_password": "mat-khau-moi"}]},
    )

    current_password: str = Field(max_length=1024, json_schema_extra=_SECRET)
    new_password: str = Field(max_length=1024, json_schema_extra=_SECRET)
