"""The formal layout (thể thức) of an outgoing document: what it shows and the lines derived from it.

``FormalDocument`` holds the components; ``layout`` turns it into the text of every line the
regulation places (Nghị định 30/2020/NĐ-CP Phụ lục I for the State, Hướng dẫn 36-HD/VPTW for the
Party), so the HTML and .docx renderers only position and style lines and can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .formal_styles import Family
from .values import Urgency

STATE_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
YOUTH_UNION_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"  # Quy định 367-QĐ/TWĐTN-VP, in place of the Party's title
BODY_PLACEHOLDER = "[Nội dung văn bản]"
LETTER_PREFIX = "V/v"
RECIPIENTS_HEADING = "Nơi nhận:"
CONFIDENTIALITY_MARKS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
URGENCY_MARK = {
    Urgency.NORMAL: "",
    Urgency.KHAN: "KHẨN",
    Urgency.THUONG_KHAN: "THƯỢNG KHẨN",
    Urgency.HOA_TOC: "HỎA TỐC",
}
URGENCY_MARKS = tuple(mark for mark in URGENCY_MARK.values() if mark)


class Authority(StrEnum):
    """Quyền hạn ký: how the signer signs. The State's forms end with a dot, the Party's have a slash."""

    TM = "TM."  # thay mặt (a collective)
    KT = "KT."  # ký thay (the head)
    Q = "Q."  # quyền (acting head)
    TL = "TL."  # thừa lệnh
    TUQ = "TUQ."  # thừa ủy quyền
    T_M = "T/M"  # Party: thay mặt
    K_T = "K/T"  # Party: ký thay

    @property
    def family(self) -> Family:
        return Family.PARTY if "/" in self.value else Family.STATE

    @property
    def is_collective(self) -> bool:
        return self in (Authority.TM, Authority.T_M)


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Who signs and how. ``collective`` is the body signed for with TM./T/M (``ỦY BAN NHÂN DÂN``);
    ``head_title`` the head's title signed for with KT., Q., TL., TUQ., K/T (``CHỦ TỊCH``);
    ``signer_title`` the signer's own title (``PHÓ CHỦ TỊCH``; not printed for Q., whose line is the
    head's title)."""

    signer_name: str
    signer_title: str = ""
    authority: Authority | None = None
    collective: str = ""
    head_title: str = ""


@dataclass(frozen=True, slots=True)
class FormalDocument:
    """Everything the formal layout shows. Blank ``number_text`` and ``issued_on``: a draft."""

    family: Family
    body_name: str  # "\n" breaks the name where the paper does: "ỦY BAN NHÂN DÂN\nXÃ TƯƠNG DƯƠNG"
    place: str
    summary: str
    signature: SignatureBlock
    type_name: str = ""  # "QUYẾT ĐỊNH"; blank for a công văn
    is_letter: bool = False  # công văn: no type name, "V/v …" under the number
    parent_body: str = ""
    number_text: str = ""  # already formatted: "Số: 05/QĐ-UBND", "Số 15-NQ/ĐU"
    issued_on: date | None = None
    body: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    urgency_mark: str = ""  # "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
    confidentiality_mark: str = ""  # "MẬT", "TỐI MẬT", "TUYỆT MẬT"
    title: str = ""  # the top-right title when the body's rules name another than the family's


@dataclass(frozen=True, slots=True)
class FormalLayout:
    """The text of every line, in the regulation's boxes; empty tuples/strings are not printed."""

    family: Family
    nation: str
    motto: str  # empty for the Party
    parent_body: tuple[str, ...]
    body_name: tuple[str, ...]
    number: str
    letter_subject: str  # the công văn's "V/v …", else empty
    confidentiality: str
    urgency: str
    place_date: str
    type_name: str
    summary: str  # empty for a công văn (its summary is the letter subject)
    body: tuple[str, ...]
    signature: tuple[str, ...]
    signer_name: str
    recipients_heading: str
    recipients: tuple[str, ...]


def family_of_body(catalogue_family: str) -> Family:
    """The layout family of a body from the catalogue's ``family`` column: the Party and the Youth
    Union number the Party's way; the State, the Front and the associations the State's way."""
    return Family.PARTY if catalogue_family.strip().casefold() in ("party", "youth") else Family.STATE


def place_and_date(place: str, day: date | None) -> str:
    """``Tương Dương, ngày 05 tháng 3 năm 2026``: days 1–9 and months 1–2 take a leading zero
    (Phụ lục I: "những số chỉ ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước"), so
    that no one can add a digit in front. Without a day (a draft) the blanks are left to fill in."""
    if day is None:
        return f"{place.strip()}, ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place.strip()}, ngày {day.day:02d} tháng {month} năm {day.year}"


def draft_number(family: Family) -> str:
    """The number line of a document not numbered yet: the word, the number left blank."""
    return "Số: …" if family is Family.STATE else "Số …"


def letter_subject(summary: str) -> str:
    """The công văn's summary under its number, with exactly one ``V/v`` in front."""
    text = summary.strip()
    if text[:3].casefold() == LETTER_PREFIX.casefold():
        text = text[3:].strip()
    return f"{LETTER_PREFIX} {text}"


def signature_lines(signature: SignatureBlock, family: Family) -> tuple[str, ...]:
    """The capitalised lines above the signature, e.g. ``("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH")``. A collective given with KT./K/T, TL., TUQ. or Q. is printed first."""
    authority = signature.authority
    collective_prefix = "TM." if family is Family.STATE else "T/M"
    collective = _upper(signature.collective)
    head = _upper(signature.head_title)
    title = _upper(signature.signer_title)
    if authority is None:
        return _present(title)
    if authority.is_collective:
        return _present(f"{authority.value} {collective}", title)
    lead = f"{collective_prefix} {collective}" if collective else ""
    if authority is Authority.Q:
        return _present(lead, f"Q. {head}")
    return _present(lead, f"{authority.value} {head}", title)


def recipient_lines(recipients: tuple[str, ...]) -> tuple[str, ...]:
    """``- Như trên;`` … ``- Lưu: VT.``: each line a dash, a semicolon, the last a full stop."""
    names = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in recipients]
    names = [n for n in names if n]
    return tuple(f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names))


def layout(doc: FormalDocument) -> FormalLayout:
    state = doc.family is Family.STATE
    return FormalLayout(
        family=doc.family,
        nation=_upper(doc.title) or (STATE_NATION if state else PARTY_TITLE),
        motto=STATE_MOTTO if state else "",
        parent_body=_name_lines(doc.parent_body),
        body_name=_name_lines(doc.body_name),
        number=doc.number_text.strip() or draft_number(doc.family),
        letter_subject=letter_subject(doc.summary) if doc.is_letter else "",
        confidentiality=_upper(doc.confidentiality_mark),
        urgency=_upper(doc.urgency_mark),
        place_date=place_and_date(doc.place, doc.issued_on),
        type_name="" if doc.is_letter else _upper(doc.type_name),
        summary="" if doc.is_letter else doc.summary.strip(),
        body=tuple(p.strip() for p in doc.body if p.strip()) or (BODY_PLACEHOLDER,),
        signature=signature_lines(doc.signature, doc.family),
        signer_name=doc.signature.signer_name.strip(),
        recipients_heading=RECIPIENTS_HEADING,
        recipients=recipient_lines(doc.recipients),
    )


# The components ``validate_components`` names (Vietnamese, English), as the regulation calls them.
COMPONENT_LABELS: dict[str, tuple[str, str]] = {
    "body_name": ("Tên cơ quan ban hành văn bản", "Issuing body"),
    "number_text": ("Số, ký hiệu của văn bản", "Number and symbol"),
    "place": ("Địa danh", "Place name"),
    "type_name": ("Tên loại văn bản", "Document type name"),
    "summary": ("Trích yếu nội dung", "Summary"),
    "authority": ("Quyền hạn ký", "Signing authority"),
    "collective": ("Tên tập thể được thay mặt", "Collective signed for"),
    "head_title": ("Chức vụ người đứng đầu được ký thay", "Title signed for"),
    "signer_title": ("Chức vụ người ký", "Signer's title"),
    "signer_name": ("Họ tên người ký", "Signer's name"),
    "recipients": ("Nơi nhận", "Recipients"),
    "confidentiality_mark": ("Dấu chỉ độ mật", "Confidentiality mark"),
    "urgency_mark": ("Dấu chỉ độ khẩn", "Urgency mark"),
}
_NEEDS_HEAD = (Authority.KT, Authority.K_T, Authority.Q, Authority.TL, Authority.TUQ)


def validate_components(doc: FormalDocument) -> list[str]:
    """The components of ``COMPONENT_LABELS`` the layout cannot print as the family requires, in
    layout order: missing (the mandatory ones of Điều 8 NĐ 30/2020 and HD 36-HD/VPTW, except the
    number, date and body, which a draft has not got yet) or of the wrong form (an authority or a
    number prefix of the other family, an unknown mark). Empty: the layout is complete."""
    sig = doc.signature
    collective_signs = sig.authority is not None and sig.authority.is_collective
    party_number = doc.number_text.strip().startswith("Số ") and ":" not in doc.number_text
    checks = {
        "body_name": not doc.body_name.strip(),
        "number_text": bool(doc.number_text.strip()) and party_number != (doc.family is Family.PARTY),
        "place": not doc.place.strip(),
        "type_name": not doc.is_letter and not doc.type_name.strip(),
        "summary": not doc.summary.strip().removeprefix(LETTER_PREFIX).strip(),
        "authority": sig.authority is not None and sig.authority.family is not doc.family,
        "collective": collective_signs and not sig.collective.strip(),
        "head_title": sig.authority in _NEEDS_HEAD and not sig.head_title.strip(),
        "signer_title": sig.authority is not Authority.Q and not sig.signer_title.strip(),
        "signer_name": not sig.signer_name.strip(),
        "recipients": not recipient_lines(doc.recipients),
        "confidentiality_mark": _unknown(doc.confidentiality_mark, CONFIDENTIALITY_MARKS),
        "urgency_mark": _unknown(doc.urgency_mark, URGENCY_MARKS),
    }
    return [name for name, broken in checks.items() if broken]


def _unknown(mark: str, known: tuple[str, ...]) -> bool:
    return bool(mark.strip()) and _upper(mark) not in known


def _upper(text: str) -> str:
    return " ".join(text.split()).upper()


def _name_lines(text: str) -> tuple[str, ...]:
    return _present(*(_upper(line) for line in text.split("\n")))


def _present(*lines: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line.strip())
