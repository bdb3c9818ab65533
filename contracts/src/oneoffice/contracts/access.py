"""Who may do what: the roles, the permissions each grants and the communes a caller reaches.

The gateway decides with this before it calls a service, and each service decides again with the
identity the gateway passes in the call's metadata, so both read the same table.

Glossary: ``văn thư`` = clerk (registers, numbers, dispatches documents); ``cán bộ`` = handler
(works on assigned tasks); ``lãnh đạo`` = leader (directs, signs, assigns); ``tổ trưởng`` = team
lead of the office; ``huyện`` viewer = district viewer (read-only, many communes); ``kiểm toán`` =
auditor (read-only, every commune, history included); ``quản trị`` = admin (accounts, catalogues).

A permission names an action; a role grants a set of them. An action on a commune is allowed when
one of the caller's roles grants it **and** that commune is in the caller's scope — or the role
reaches every commune (the auditor, read-only). Actions on no commune (reading the catalogues,
managing accounts) need the permission only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    HANDLER = "handler"
    LEADER = "leader"
    TEAM_LEAD = "team_lead"
    DISTRICT_VIEWER = "district_viewer"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Permission(StrEnum):
    INCOMING_REGISTER = "incoming:register"
    INCOMING_READ = "incoming:read"
    REFERENCE_READ = "reference:read"
    ACCOUNTS_MANAGE = "accounts:manage"
    UNITS_MANAGE = "units:manage"  # reorganise administrative units (reading them: any signed-in account)
    STAFF_READ = "staff:read"  # a commune's people, office team and model adoption
    STAFF_MANAGE = (
        "staff:manage"  # hire, transfer, let go; set up and change the office team; adopt the model
    )
    DUTY_CATALOGUE_MANAGE = "duty-catalogue:manage"  # publish catalogue versions (reading: any signed-in)
    DUTIES_READ = "duties:read"  # a commune's duties, assignments, gaps, absences and coverage
    DUTIES_MANAGE = "duties:manage"  # adopt a catalogue version, assign primary and backup
    ABSENCES_RECORD = "absences:record"
    OUTGOING_READ = "outgoing:read"  # outgoing documents (văn bản đi) and their register
    OUTGOING_ISSUE = "outgoing:issue"  # draft, number, dispatch and recall outgoing documents
    BOARD_READ = "board:read"  # a commune's work-board (open, due soon, overdue, untracked work)
    RECORDS_READ = "records:read"  # the record files (hồ sơ) of a commune, hand-overs and disposals
    RECORDS_MANAGE = "records:manage"  # keep the file list: create, link, close, hand over, dispose
    # Tracked work (#12): read a commune's tasks; pass incoming documents on (clerks); direct, reassign,
    # extend and reopen tasks (leaders); note progress on and complete one's own tasks (handlers).
    TASKS_READ = "tasks:read"
    DOCUMENTS_PASS_ON = "documents:pass-on"
    TASKS_DIRECT = "tasks:direct"
    TASKS_WORK = "tasks:work"
    # One set of figures (#13): read a commune's figures and conflicts; report a body's figure (clerks,
    # handlers, leaders, team leads); adopt one value of a conflict (leaders, team leads).
    FIGURES_READ = "figures:read"
    FIGURES_REPORT = "figures:report"
    FIGURES_ADOPT = "figures:adopt"
    # The district and province view (#13): KPIs, workload and headcount of the communes in scope.
    DASHBOARD_READ = "dashboard:read"
    HISTORY_READ = "history:read"  # a document's audit history rebuilt from its events (#13)


_READ_COMMUNE = frozenset(
    {Permission.INCOMING_READ, Permission.REFERENCE_READ, Permission.STAFF_READ, Permission.DUTIES_READ}
    | {Permission.OUTGOING_READ}
    | {Permission.BOARD_READ}
)
# Who organises a commune's duties and records absences (in their communes).
_ORGANISE = frozenset({Permission.DUTIES_MANAGE, Permission.ABSENCES_RECORD})

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _READ_COMMUNE | {Permission.INCOMING_REGISTER, Permission.OUTGOING_ISSUE},
    Role.HANDLER: _READ_COMMUNE,
    Role.LEADER: _READ_COMMUNE | _ORGANISE,
    Role.TEAM_LEAD: _READ_COMMUNE
    | _ORGANISE
    | {Permission.INCOMING_REGISTER, Permission.STAFF_MANAGE, Permission.OUTGOING_ISSUE},
    Role.DISTRICT_VIEWER: _READ_COMMUNE,
    Role.AUDITOR: _READ_COMMUNE,
    Role.ADMIN: frozenset(
        {Permission.REFERENCE_READ, Permission.ACCOUNTS_MANAGE, Permission.UNITS_MANAGE}
        | {Permission.STAFF_READ, Permission.STAFF_MANAGE}
        | {Permission.DUTY_CATALOGUE_MANAGE, Permission.DUTIES_READ}
        | _ORGANISE
    ),
}
# Tracked work (#12), added to the table above.
_TASKS_READ = frozenset({Permission.TASKS_READ})
_TASKS_WORK = frozenset({Permission.TASKS_READ, Permission.TASKS_WORK})
_TASKS_LEAD = _TASKS_WORK | {Permission.TASKS_DIRECT, Permission.DOCUMENTS_PASS_ON}
for _role, _added in (
    (Role.CLERK, _TASKS_WORK | {Permission.DOCUMENTS_PASS_ON}),
    (Role.HANDLER, _TASKS_WORK),
    (Role.LEADER, _TASKS_LEAD),
    (Role.TEAM_LEAD, _TASKS_LEAD),
    (Role.DISTRICT_VIEWER, _TASKS_READ),
    (Role.AUDITOR, _TASKS_READ),
):
    GRANTS[_role] = GRANTS[_role] | _added

# Record files (hồ sơ, #12): every commune role reads them; the clerk and the team lead keep them.
for _role in (Role.CLERK, Role.HANDLER, Role.LEADER, Role.TEAM_LEAD, Role.DISTRICT_VIEWER, Role.AUDITOR):
    GRANTS[_role] |= {Permission.RECORDS_READ}
for _role in (Role.CLERK, Role.TEAM_LEAD):
    GRANTS[_role] |= {Permission.RECORDS_MANAGE}

# One set of figures (#13): every commune role reads them; the office reports; its leaders adopt.
for _role in (Role.CLERK, Role.HANDLER, Role.LEADER, Role.TEAM_LEAD, Role.DISTRICT_VIEWER, Role.AUDITOR):
    GRANTS[_role] |= {Permission.FIGURES_READ}
for _role in (Role.CLERK, Role.HANDLER, Role.LEADER, Role.TEAM_LEAD):
    GRANTS[_role] |= {Permission.FIGURES_REPORT}
for _role in (Role.LEADER, Role.TEAM_LEAD):
    GRANTS[_role] |= {Permission.FIGURES_ADOPT}

# The dashboard (#13): the commune's leaders, the district viewers and the auditors read it.
for _role in (Role.LEADER, Role.TEAM_LEAD, Role.DISTRICT_VIEWER, Role.AUDITOR):
    GRANTS[_role] |= {Permission.DASHBOARD_READ}

# Audit history (#13): the auditor (in every commune) and admins (in their scope).
for _role in (Role.AUDITOR, Role.ADMIN):
    GRANTS[_role] |= {Permission.HISTORY_READ}

# Roles whose permissions hold in every commune, whatever the account's scope (read-only roles only).
EVERY_COMMUNE: frozenset[Role] = frozenset({Role.AUDITOR})


class Decision(StrEnum):
    ALLOWED = "allowed"
    NO_ROLE = "no_role"  # no role of the caller grants the permission: 403
    OUT_OF_SCOPE = "out_of_scope"  # a role grants it, but not in that commune: 403


@dataclass(frozen=True, slots=True)
class Identity:
    """The authenticated caller: who, with which roles, over which communes (unit codes)."""

    username: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]

    def decide(self, permission: Permission, commune_id: str | None = None) -> Decision:
        granting = [role for role in _known(self.roles) if permission in GRANTS[role]]
        if not granting:
            return Decision.NO_ROLE
        if commune_id is None or commune_id in self.scope:
            return Decision.ALLOWED
        if any(role in EVERY_COMMUNE for role in granting):
            return Decision.ALLOWED
        return Decision.OUT_OF_SCOPE

    def may(self, permission: Permission, commune_id: str | None = None) -> bool:
        return self.decide(permission, commune_id) is Decision.ALLOWED

    def reaches_every_commune(self, permission: Permission) -> bool:
        """True when a role grants ``permission`` in every commune (lists need no commune filter)."""
        return any(role in EVERY_COMMUNE and permission in GRANTS[role] for role in _known(self.roles))


def _known(roles: Iterable[str]) -> list[Role]:
    # A role this table does not know grants nothing (an older gateway, a newer account).
    return [Role(role) for role in roles if role in Role._value2member_map_]
