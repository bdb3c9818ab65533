"""Texts of the administrative-units page (đơn vị hành chính), in Vietnamese and English."""

from __future__ import annotations

from typing import Any

from .language import Language

TEXTS: dict[Language, dict[str, str]] = {
    "vi": {
        "title": "Đơn vị hành chính",
        "subtitle": "Cây đơn vị hành chính vào một ngày, và mỗi đơn vị hình thành từ đâu, trở thành gì.",
        "home": "Trang chủ",
        "other_language": "English",
        "as_of": "Vào ngày",
        "show": "Xem",
        "dashboard": "Tổng quan các xã (chỉ số, thí điểm, trước và sau mô hình)",
        "tree": "Các đơn vị ngày {day}",
        "none": "Không có đơn vị nào vào ngày này.",
        "synthetic": "mã tạm",
        "synthetic_hint": "Đơn vị không có mã công bố: mã do hệ thống đặt theo tên.",
        "lineage": "Lịch sử của {kind} {name} (mã {code})",
        "valid": "Tồn tại từ {start} đến {end}",
        "still": "nay",
        "came_from": "Hình thành từ",
        "became": "Trở thành",
        "nothing": "Không có.",
        "step": "{kind} {name} (mã {code}), ngày {day}",
        "merge": "sáp nhập",
        "split": "chia tách",
        "bodies": "Cơ quan, tổ chức",
        "bodies_on": "Cơ quan, tổ chức của đơn vị ngày {day}",
        "body": "{name} ({code}), từ ngày {since}",
        "carried_from": "tiếp nối từ {units}",
        "error": "Không xem được",
        "bad_date": "Ngày không hợp lệ; hãy chọn lại.",
    },
    "en": {
        "title": "Administrative units",
        "subtitle": "The tree of administrative units on a day, and what each came from and became.",
        "home": "Home",
        "other_language": "Tiếng Việt",
        "as_of": "On",
        "show": "Show",
        "dashboard": "Overview of the communes (KPIs, pilot, before and after the model)",
        "tree": "Units on {day}",
        "none": "No unit on this day.",
        "synthetic": "synthetic code",
        "synthetic_hint": "The unit has no published code: the system derived one from its name.",
        "lineage": "History of {kind} {name} (code {code})",
        "valid": "Existed from {start} to {end}",
        "still": "today",
        "came_from": "Came from",
        "became": "Became",
        "nothing": "Nothing.",
        "step": "{kind} {name} (code {code}), on {day}",
        "merge": "merger",
        "split": "split",
        "bodies": "Bodies",
        "bodies_on": "Bodies of the unit on {day}",
        "body": "{name} ({code}), since {since}",
        "carried_from": "carried from {units}",
        "error": "Could not show",
        "bad_date": "Invalid date; choose another.",
    },
}

KINDS: dict[Language, dict[str, str]] = {
    "vi": {
        "province": "tỉnh",
        "district": "huyện",
        "commune": "xã",
        "ward": "phường",
        "township": "thị trấn",
    },
    "en": {
        "province": "province",
        "district": "district",
        "commune": "commune",
        "ward": "ward",
        "township": "township",
    },
}


def text(language: Language, key: str, **values: Any) -> str:
    return TEXTS[language][key].format(**values)


def kind_name(language: Language, kind: str) -> str:
    return KINDS[language].get(kind, kind)
