"""Use case: the formal layout (thể thức) of an outgoing document, rendered as a file.

The document's fields come from the outgoing read model; the names and family of its body from the
numbering rules; the layout itself from ``domain.formal_layout``. Which renderers exist (HTML, .docx) is
the composition root's choice: this module only maps a document to a :class:`FormalDocument` and asks a
renderer for the bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..domain.errors import RuleViolation
from ..domain.formal_layout import URGENCY_MARK, Authority, FormalDocument, SignatureBlock
from ..domain.formal_styles import Family
from ..domain.number_symbol import SymbolStyle
from ..domain.outgoing_rules import OutgoingRules
from ..domain.values import Urgency
from .outgoing_errors import OutgoingDocumentNotFound
from .outgoing_views import OutgoingDocumentReader, OutgoingDocumentView

CONFIDENTIALITY_MARK = {"NONE": "", "MAT": "MẬT", "TOI_MAT": "TỐI MẬT", "TUYET_MAT": "TUYỆT MẬT"}
LETTER_TYPE = "CV"  # công văn: no type name; its summary is the "V/v …" line under the number


@dataclass(frozen=True, slots=True)
class Rendered:
    content: bytes
    media_type: str
    file_name: str
    content_security_policy: str = ""


@dataclass(frozen=True, slots=True)
class Renderer:
    """One output format: the function making the bytes and what the answer says of them."""

    render: Callable[[FormalDocument], bytes]
    media_type: str
    extension: str
    content_security_policy: str = ""


class UnknownRenderFormat(RuleViolation):
    code = "unknown_render_format"
    field = "format"

    def __init__(self, requested: str, known: tuple[str, ...]) -> None:
        listed = ", ".join(known)
        super().__init__(
            f"Định dạng '{requested}' không được hỗ trợ; hãy chọn một trong: {listed}.",
            f"Format '{requested}' is not offered; choose one of: {listed}.",
        )


def formal_document(view: OutgoingDocumentView, rules: OutgoingRules) -> FormalDocument:
    """The formal layout's data of ``view``: what a clerk would write on the paper form.

    The body prints under its parent (the Party committee under the provincial Party organisation);
    a body numbering in the Party style is laid out in the Party family, and one whose signatures are
    the State's (the Youth Union) prints its own title instead of the Party's. The commune's name is the
    place name of the date line (NĐ 30/2020: địa danh is the commune's name).
    """
    body = rules.bodies.get(view.body_code)
    kind = rules.types.get(view.document_type)
    party_style = body is not None and body.style is SymbolStyle.PARTY
    family = Family.PARTY if party_style else Family.STATE
    own_title = party_style and body is not None and body.authority_family != "party"
    body_name = body.name_vi.upper() if body else view.body_code
    authority = _authority(view.authority)
    return FormalDocument(
        family=family,
        body_name=f"{body_name}\n{view.place_name.upper()}" if view.place_name else body_name,
        parent_body="" if own_title or body is None else body.parent_name_vi,
        title=body.parent_name_vi if own_title and body is not None else "",
        place=view.place_name,
        summary=view.summary,
        type_name="" if view.document_type == LETTER_TYPE or kind is None else kind.name_vi.upper(),
        is_letter=view.document_type == LETTER_TYPE,
        number_text=view.formatted,
        issued_on=view.issued_on,
        recipients=view.recipients,
        urgency_mark=_urgency_mark(view.urgency),
        confidentiality_mark=CONFIDENTIALITY_MARK.get(view.confidentiality, ""),
        signature=SignatureBlock(
            signer_name=view.signer_name,
            signer_title=view.signer_title,
            authority=authority,
            collective=body_name if authority is not None and authority.is_collective else "",
        ),
    )


def _urgency_mark(urgency: str) -> str:
    try:
        return URGENCY_MARK.get(Urgency(urgency), "")
    except ValueError:
        return ""


def _authority(text: str) -> Authority | None:
    try:
        return Authority(text.strip())
    except ValueError:
        return None


def file_name(view: OutgoingDocumentView, extension: str) -> str:
    """An ASCII file name: "van-ban-di-05-QD-UBND.docx", or the document id for a draft."""
    label = view.number_symbol or f"du-thao-{view.document_id}"
    ascii_label = unicodedata.normalize("NFKD", label.replace("Đ", "D").replace("đ", "d"))
    ascii_label = ascii_label.encode("ascii", "ignore").decode()
    return f"van-ban-di-{re.sub(r'[^A-Za-z0-9]+', '-', ascii_label).strip('-')}.{extension}"


class RenderOutgoingDocument:
    def __init__(
        self, reader: OutgoingDocumentReader, rules: OutgoingRules, renderers: Mapping[str, Renderer]
    ) -> None:
        self._reader = reader
        self._rules = rules
        self._renderers = dict(renderers)

    async def __call__(self, commune_id: str, document_id: str, output: str) -> Rendered:
        """Raises ``UnknownRenderFormat`` or ``OutgoingDocumentNotFound``."""
        renderer = self._renderers.get(output.strip().lower())
        if renderer is None:
            raise UnknownRenderFormat(output, tuple(sorted(self._renderers)))
        view = await self._reader.get(commune_id, document_id)
        if view is None:
            raise OutgoingDocumentNotFound(commune_id, document_id)
        return Rendered(
            content=renderer.render(formal_document(view, self._rules)),
            media_type=renderer.media_type,
            file_name=file_name(view, renderer.extension),
            content_security_policy=renderer.content_security_policy,
        )
