"""The roles an account may hold are exactly the roles the access table grants permissions to."""

from __future__ import annotations

from oneoffice.contracts.access import GRANTS, Role
from oneoffice.staff.domain.account import ROLES


def test_the_staff_domain_knows_exactly_the_roles_of_the_access_table() -> None:
    # The domain keeps its own tuple (it imports the standard library only); this keeps them equal.
    assert set(ROLES) == {role.value for role in Role} == {role.value for role in GRANTS}
    assert len(ROLES) == len(set(ROLES))
