"""The district-wide duty catalogue: versions 1..n on one stream, each a whole list of duties."""

from __future__ import annotations

import re

from .duty_errors import CatalogueVersionNotFound, InvalidDutyCommand
from .duty_events import CatalogueVersionPublished, Duty

CATALOGUE_STREAM = "duty-catalogue"

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")


class DutyCatalogue:
    def __init__(self) -> None:
        self.version = 0  # the stream's version (one event per catalogue version)
        self._versions: dict[int, CatalogueVersionPublished] = {}

    def publish(self, duties: tuple[Duty, ...], note: str = "") -> CatalogueVersionPublished:
        """The next version; raises ``InvalidDutyCommand`` naming every broken rule."""
        problems: list[tuple[str, str, str]] = []
        if not duties:
            problems.append(
                ("empty_catalogue", "Danh mục phải có ít nhất một nhiệm vụ.", "A catalogue needs a duty.")
            )
        seen: set[str] = set()
        for duty in duties:
            if not _CODE.match(duty.code):
                problems.append(
                    (
                        "invalid_duty_code",
                        f"Mã nhiệm vụ '{duty.code}' không hợp lệ (chữ in hoa, số, '_').",
                        f"Invalid duty code '{duty.code}' (capital letters, digits, '_').",
                    )
                )
            elif duty.code in seen:
                problems.append(
                    (
                        "duplicate_duty_code",
                        f"Mã nhiệm vụ '{duty.code}' bị trùng.",
                        f"Duty code '{duty.code}' appears twice.",
                    )
                )
            seen.add(duty.code)
            if not duty.name_vi.strip():
                problems.append(
                    (
                        "missing_duty_name",
                        f"Nhiệm vụ '{duty.code}' chưa có tên.",
                        f"Duty '{duty.code}' has no name.",
                    )
                )
        if problems:
            raise InvalidDutyCommand(problems)
        return CatalogueVersionPublished(version=len(self._versions) + 1, duties=duties, note=note)

    def get(self, version: int | None = None) -> CatalogueVersionPublished:
        """The given version, or the latest; raises ``CatalogueVersionNotFound``."""
        number = version if version is not None else len(self._versions)
        try:
            return self._versions[number]
        except KeyError:
            raise CatalogueVersionNotFound(version) from None

    def apply(self, event: CatalogueVersionPublished) -> None:
        self._versions[event.version] = event
        self.version += 1
