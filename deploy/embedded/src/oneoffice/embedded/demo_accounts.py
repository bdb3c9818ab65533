"""The demo's accounts (embedded mode only; a deployment has none and creates its admin with
``python -m oneoffice.staff create-admin``): four per commune of Tương Dương since 1 July 2025, one
district viewer over the nine, an auditor and an administrator, all with the password ``demo``.

Created idempotently at every start: an account that exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import SystemClock
from oneoffice.staff.application.accounts import AccountService, Caller
from oneoffice.staff.application.ports import PasswordHasher
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.domain.errors import AccountExists

PASSWORD = "demo"
ACTOR = "embedded:demo"

# The nine communes of Tương Dương from 1 July 2025 (NQ 1678/NQ-UBTVQH15; shared/domain reference §6).
COMMUNES: tuple[tuple[str, str], ...] = (
    ("16876", "Tương Dương"),
    ("16882", "Nhôn Mai"),
    ("16885", "Hữu Khuông"),
    ("16903", "Nga My"),
    ("16906", "Lượng Minh"),
    ("16909", "Yên Hòa"),
    ("16912", "Yên Na"),
    ("16933", "Tam Quang"),
    ("16936", "Tam Thái"),
)

# Per commune: username prefix, role, how the person is named.
COMMUNE_ROLES: tuple[tuple[str, str, str], ...] = (
    ("vanthu", "clerk", "Văn thư"),
    ("canbo", "handler", "Cán bộ"),
    ("lanhdao", "leader", "Lãnh đạo"),
    ("totruong", "team_lead", "Tổ trưởng"),
)


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    scope: tuple[str, ...]


def demo_accounts() -> list[DemoAccount]:
    accounts = [
        DemoAccount(f"{prefix}-{code}", f"{person} xã {name}", role, (code,))
        for code, name in COMMUNES
        for prefix, role, person in COMMUNE_ROLES
    ]
    all_communes = tuple(code for code, _ in COMMUNES)
    accounts += [
        DemoAccount("huyen-tuongduong", "Theo dõi các xã Tương Dương", "district_viewer", all_communes),
        DemoAccount("kiemtoan", "Kiểm toán", "auditor", ()),
        DemoAccount("quantri", "Quản trị hệ thống", "admin", ()),
    ]
    return accounts


class _HashedOnce:
    """Hashes each password once (salted), so the 34 demo accounts do not cost 34 argon2 runs."""

    def __init__(self, passwords: PasswordHasher) -> None:
        self._passwords = passwords
        self._hashes: dict[str, str] = {}

    def hash(self, password: str) -> str:
        if password not in self._hashes:
            self._hashes[password] = self._passwords.hash(password)
        return self._hashes[password]

    def verify(self, password: str, password_hash: str) -> bool:
        return self._passwords.verify(password, password_hash)

    def dummy_verify(self) -> None:
        self._passwords.dummy_verify()


async def create_demo_accounts(staff: StaffContainer, passwords: PasswordHasher) -> list[DemoAccount]:
    """Create the demo accounts that do not exist yet; all of them, for printing."""
    service = AccountService(staff.store, build_registry(), SystemClock(), _HashedOnce(passwords))
    caller = Caller(actor=ACTOR)
    accounts = demo_accounts()
    for account in accounts:
        try:
            await service.create(
                caller,
                username=account.username,
                display_name=account.display_name,
                roles=[account.role],
                scope=list(account.scope),
                password=PASSWORD,
            )
        except AccountExists:
            pass
    return accounts


def describe(accounts: list[DemoAccount]) -> tuple[str, str]:
    """What the demo prints at start (Vietnamese, English)."""
    by_role: dict[str, list[str]] = {}
    for account in accounts:
        by_role.setdefault(account.role, []).append(account.username)
    lines = "\n".join(f"  {role}: {', '.join(names)}" for role, names in by_role.items())
    return (
        f"Tài khoản thử (mật khẩu '{PASSWORD}'):\n{lines}",
        f"Demo accounts (password '{PASSWORD}'): see above; get a token at POST /api/v1/auth/token.",
    )
