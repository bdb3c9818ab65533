"""Every text the gateway shows, in Vietnamese and English, keyed by a stable name."""

from __future__ import annotations

from typing import Any

from .language import Language
from .messages_attachments import TEXTS as ATTACHMENT_TEXTS
from .messages_auth import TEXTS as AUTH_TEXTS
from .messages_incoming import TEXTS as INCOMING_TEXTS

_TEXTS: dict[Language, dict[str, str]] = {
    "vi": {
        "page.title": "OneOffice — Một văn phòng",
        "page.subtitle": "Văn phòng xã hợp nhất: Đảng ủy, HĐND - UBND, Mặt trận Tổ quốc và các đoàn thể.",
        "page.services": "Trạng thái các dịch vụ",
        "page.service": "Dịch vụ",
        "page.status": "Trạng thái",
        "page.other_language": "English",
        "page.api_docs": "Tài liệu API",
        "service.documents": "Văn bản",
        "service.staff": "Cán bộ",
        "service.reporting": "Báo cáo",
        "status.up": "Đang hoạt động",
        "status.down": "Không phản hồi",
        "problem.default.title": "Yêu cầu không thành công",
        "problem.default.detail": "Máy chủ không thể xử lý yêu cầu (mã {status}).",
        "problem.400.title": "Yêu cầu không hợp lệ",
        "problem.400.detail": "Máy chủ không hiểu yêu cầu này.",
        "problem.401.title": "Chưa xác thực",
        "problem.401.detail": "Cần đăng nhập để thực hiện yêu cầu này.",
        "problem.403.title": "Không có quyền",
        "problem.403.detail": "Bạn không có quyền thực hiện yêu cầu này.",
        "problem.404.title": "Không tìm thấy",
        "problem.404.detail": "Không có trang hoặc tài nguyên nào tại địa chỉ {path}.",
        "problem.405.title": "Phương thức không được hỗ trợ",
        "problem.405.detail": "Địa chỉ {path} không nhận phương thức {method}.",
        "problem.409.title": "Xung đột dữ liệu",
        "problem.409.detail": "Dữ liệu đã thay đổi trong lúc xử lý; hãy tải lại và thử lại.",
        "problem.422.title": "Dữ liệu không hợp lệ",
        "problem.422.detail": "Một số trường của yêu cầu không hợp lệ; xem danh sách lỗi.",
        "problem.500.title": "Lỗi máy chủ",
        "problem.500.detail": "Đã xảy ra lỗi không mong muốn; hãy thử lại sau.",
        "problem.501.title": "Chưa được hỗ trợ",
        "problem.501.detail": "Chức năng này chưa được hỗ trợ.",
        "problem.502.title": "Lỗi từ dịch vụ phía sau",
        "problem.502.detail": "Một dịch vụ phía sau trả lời không đúng; hãy thử lại sau.",
        "problem.503.title": "Dịch vụ không khả dụng",
        "problem.503.detail": "Một dịch vụ phía sau không phản hồi; hãy thử lại sau.",
        "problem.415.title": "Định dạng dữ liệu không được hỗ trợ",
        "problem.415.detail": "Địa chỉ {path} không nhận dữ liệu theo định dạng này.",
        "problem.413.title": "Dữ liệu quá lớn",
        "problem.413.detail": "Dữ liệu gửi lên vượt quá giới hạn cho phép.",
        "problem.not_ready.title": "Hệ thống chưa sẵn sàng",
        "problem.not_ready.detail": "Các dịch vụ sau không phản hồi: {services}.",
    },
    "en": {
        "page.title": "OneOffice — One Office",
        "page.subtitle": (
            "The merged commune office: Party committee, People's Council and Committee, "
            "Fatherland Front and mass organisations."
        ),
        "page.services": "Service status",
        "page.service": "Service",
        "page.status": "Status",
        "page.other_language": "Tiếng Việt",
        "page.api_docs": "API documentation",
        "service.documents": "Documents",
        "service.staff": "Staff",
        "service.reporting": "Reporting",
        "status.up": "Running",
        "status.down": "Not responding",
        "problem.default.title": "Request failed",
        "problem.default.detail": "The server could not process the request (status {status}).",
        "problem.400.title": "Bad request",
        "problem.400.detail": "The server could not understand this request.",
        "problem.401.title": "Not authenticated",
        "problem.401.detail": "Sign in to make this request.",
        "problem.403.title": "Forbidden",
        "problem.403.detail": "You are not allowed to make this request.",
        "problem.404.title": "Not found",
        "problem.404.detail": "There is no page or resource at {path}.",
        "problem.405.title": "Method not allowed",
        "problem.405.detail": "{path} does not accept the {method} method.",
        "problem.409.title": "Conflict",
        "problem.409.detail": "The data changed while the request was processed; reload and try again.",
        "problem.422.title": "Invalid data",
        "problem.422.detail": "Some fields of the request are invalid; see the list of errors.",
        "problem.500.title": "Server error",
        "problem.500.detail": "Something unexpected went wrong; try again later.",
        "problem.501.title": "Not implemented",
        "problem.501.detail": "This operation is not available yet.",
        "problem.502.title": "Bad gateway",
        "problem.502.detail": "A service behind the gateway answered wrongly; try again later.",
        "problem.503.title": "Service unavailable",
        "problem.503.detail": "A service behind the gateway is not responding; try again later.",
        "problem.415.title": "Unsupported media type",
        "problem.415.detail": "{path} does not accept data in this format.",
        "problem.413.title": "Content too large",
        "problem.413.detail": "The data sent is larger than allowed.",
        "problem.not_ready.title": "System not ready",
        "problem.not_ready.detail": "These services are not responding: {services}.",
    },
}


for _more in (INCOMING_TEXTS, AUTH_TEXTS, ATTACHMENT_TEXTS):
    for _language, _texts in _more.items():
        _TEXTS[_language].update(_texts)


def text(language: Language, key: str, **values: Any) -> str:
    return _TEXTS[language][key].format(**values)


def has_text(language: Language, key: str) -> bool:
    return key in _TEXTS[language]
