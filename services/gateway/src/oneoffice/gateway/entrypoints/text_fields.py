"""Text the JSON API takes, held to the one hygiene rule of every edge (``eventcore.text_hygiene``).

A refused character is a request validation error like any other (a 422 problem naming the field);
its message travels in both languages in the error's context, and the problem handler picks one.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from oneoffice.eventcore.text_hygiene import CODE, find_forbidden


def _refuse(text: str, field: str | None) -> None:
    found = find_forbidden(text)
    if found is not None:
        raise PydanticCustomError(
            CODE,
            "{message_en}",
            {"message_vi": found.message_vi(field), "message_en": found.message_en(field)},
        )


def _walk(value: Any, field: str | None) -> None:
    if isinstance(value, str):
        _refuse(value, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(key, field)
            _walk(item, field)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _walk(item, field)


def refuse_forbidden_text(value: str, info: ValidationInfo) -> str:
    _refuse(value, info.field_name)
    return value


# A query or path parameter, or a body field outside :class:`RequestBody`.
CleanText = Annotated[str, AfterValidator(refuse_forbidden_text)]


class RequestBody(BaseModel):
    """Base of every JSON request body: each string in it, however nested, passes the hygiene rule."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_forbidden_text(cls, value: Any, info: ValidationInfo) -> Any:
        _walk(value, info.field_name)
        return value
