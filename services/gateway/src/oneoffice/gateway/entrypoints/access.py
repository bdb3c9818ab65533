"""Who may call each route: every route declares it, and the app refuses to start if one does not.

A route takes its request context from :func:`requires` (a permission of
:mod:`oneoffice.contracts.access`, checked on the commune of its path) or declares itself
:data:`PUBLIC`. The declaration is what the check runs *and* what the OpenAPI document shows
(``x-oneoffice-access`` on each operation, with 401 and 403 answers), so a test can walk every route
from the document and new routes are covered without editing the test.

A refusal is a 403 problem+json naming why (the role, or the commune outside the account's scope);
the services check again with the identity the gateway passes them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Request, routing
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from oneoffice.contracts.access import Decision, Identity, Permission

from ..application.errors import Forbidden
from ..application.ports import Account, RequestContext
from .authentication import CurrentAccount
from .deps import RequestContextDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem

ACCESS_EXTENSION = "x-oneoffice-access"
COMMUNE_PARAM = "commune_id"


@dataclass(frozen=True, slots=True)
class AccessRule:
    """``public``: anyone; else an authenticated account, holding ``permission`` when one is named,
    on the commune of the path parameter ``commune_param`` when one is named."""

    public: bool = False
    permission: Permission | None = None
    commune_param: str | None = None

    def describe(self) -> dict[str, Any]:
        if self.public:
            return {"public": True}
        return {
            "public": False,
            "permission": str(self.permission) if self.permission else None,
            "commune_param": self.commune_param,
        }


def identity_of(account: Account) -> Identity:
    return Identity(account.username, account.roles, account.scope)


def refusal(decision: Decision, commune_id: str | None) -> Forbidden:
    if decision is Decision.OUT_OF_SCOPE:
        return Forbidden(
            "gateway",
            f"Tài khoản của bạn không được truy cập đơn vị hành chính {commune_id}.",
            f"Your account does not reach administrative unit {commune_id}.",
        )
    return Forbidden(
        "gateway",
        "Vai trò của bạn không cho phép thao tác này.",
        "None of your roles allows this action.",
    )


def authorize(
    rule: AccessRule, account: Account, commune_id: str | None, base: RequestContext
) -> RequestContext:
    """The context of ``account``'s request if ``rule`` lets it through; raises :class:`Forbidden`."""
    identity = identity_of(account)
    if rule.permission is not None:
        decision = identity.decide(rule.permission, commune_id)
        if decision is not Decision.ALLOWED:
            raise refusal(decision, commune_id)
    return RequestContext(actor=account.username, correlation_id=base.correlation_id, identity=identity)


def requires(
    permission: Permission | None, *, on_commune: bool = True
) -> Callable[..., Awaitable[RequestContext]]:
    """A dependency giving the authorized request context; ``permission=None``: any signed-in account.

    With ``on_commune`` the permission is checked on the path's ``commune_id``, which the dependency
    validates itself, so a malformed one is a 422 before any decision.
    """
    rule = AccessRule(
        permission=permission, commune_param=COMMUNE_PARAM if permission and on_commune else None
    )

    if rule.commune_param:

        async def authorized(
            request: Request,
            account: CurrentAccount,
            base: RequestContextDep,
            commune_id: Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)],
        ) -> RequestContext:
            return authorize(rule, account, commune_id, base)

    else:

        async def authorized(  # type: ignore[misc]
            request: Request, account: CurrentAccount, base: RequestContextDep
        ) -> RequestContext:
            return authorize(rule, account, None, base)

    authorized.access_rule = rule  # type: ignore[attr-defined]
    return authorized


async def _public() -> None:
    """Anyone may call the route (probes, the token route, the login page)."""


_public.access_rule = AccessRule(public=True)  # type: ignore[attr-defined]
PUBLIC = Depends(_public)


# The request contexts routes take (one per rule, so each route's signature names its rule).
SignedIn = Annotated[RequestContext, Depends(requires(None))]
RegistersIncoming = Annotated[RequestContext, Depends(requires(Permission.INCOMING_REGISTER))]
ReadsIncoming = Annotated[RequestContext, Depends(requires(Permission.INCOMING_READ))]
ReadsReference = Annotated[RequestContext, Depends(requires(Permission.REFERENCE_READ, on_commune=False))]


class UndeclaredAccess(RuntimeError):
    """A route declares no access rule, or more than one: the app must not start."""


def _rules(dependant: Dependant | None) -> Iterator[AccessRule]:
    if dependant is None:
        return
    rule = getattr(dependant.call, "access_rule", None)
    if isinstance(rule, AccessRule):
        yield rule
    for child in dependant.dependencies:
        yield from _rules(child)


_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_REFUSALS: dict[str, dict[str, Any]] = {
    "401": {"description": "No valid token / Chưa xác thực", **_PROBLEM},
    "403": {"description": "The role or the commune is not the caller's / Không có quyền", **_PROBLEM},
}


def declared_rules(app: FastAPI) -> dict[tuple[str, str], AccessRule]:
    """The rule of every API operation, by (path, lower-case method); raises :class:`UndeclaredAccess`."""
    found: dict[tuple[str, str], AccessRule] = {}
    for route in routing.iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute):
            continue  # docs, openapi.json and the metrics mount: the framework's own
        rules = set(_rules(route.dependant))
        if len(rules) != 1:
            raise UndeclaredAccess(
                f"route {sorted(route.methods or ())} {route.path} declares {len(rules)} access rules; "
                "take the context from access.requires(...) or add access.PUBLIC"
            )
        (rule,) = rules
        if rule.commune_param and f"{{{rule.commune_param}}}" not in (route.path_format or ""):
            raise UndeclaredAccess(f"route {route.path} has no parameter {rule.commune_param} to scope")
        for method in route.methods or ():
            found[(route.path_format or "", method.lower())] = rule
    return found


def enforce_declarations(app: FastAPI) -> None:
    """Refuse to build an app with an undeclared route; publish each rule and its refusals in OpenAPI."""
    rules = declared_rules(app)
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        for (path, method), rule in rules.items():
            operation = schema.get("paths", {}).get(path, {}).get(method)
            if operation is None:
                continue  # not in the schema (the web pages)
            operation[ACCESS_EXTENSION] = rule.describe()
            if not rule.public:
                operation["responses"].setdefault("401", _REFUSALS["401"])
            if rule.permission is not None:  # without one, any signed-in account is let through
                operation["responses"].setdefault("403", _REFUSALS["403"])
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
