"""Texts of the incoming-documents page (văn bản đến), in Vietnamese and English."""

from __future__ import annotations

from .language import Language

TEXTS: dict[Language, dict[str, str]] = {
    "vi": {
        "incoming.title": "Văn bản đến",
        "incoming.commune": "Xã (mã {commune_id})",
        "incoming.home": "Trang chủ",
        "incoming.form.title": "Đăng ký văn bản đến",
        "incoming.form.body": "Sổ của cơ quan",
        "incoming.form.issuer": "Tác giả (cơ quan ban hành)",
        "incoming.form.number_symbol": "Số, ký hiệu",
        "incoming.form.number_symbol_hint": (
            "Ví dụ 125/QĐ-UBND hoặc 15-NQ/ĐU; để trống nếu văn bản không có số."
        ),
        "incoming.form.symbol_tool": "Xem số, ký hiệu được đọc thế nào",
        "incoming.form.document_date": "Ngày tháng văn bản",
        "incoming.form.document_type": "Loại văn bản",
        "incoming.form.choose": "— Chọn —",
        "incoming.form.summary": "Trích yếu nội dung",
        "incoming.form.urgency": "Độ khẩn",
        "incoming.form.received_date": "Ngày đến",
        "incoming.form.submit": "Đăng ký vào sổ",
        "incoming.form.errors": "Chưa đăng ký được văn bản: hãy sửa các lỗi được đánh dấu.",
        "incoming.notice.registered": "Đã đăng ký văn bản đến: số đến {number}, sổ {body} năm {year}.",
        "incoming.notice.duplicate": (
            "Cảnh báo: văn bản cùng tác giả và số, ký hiệu đã được đăng ký trước đó{first}. "
            "Văn bản vẫn được vào sổ; hãy kiểm tra xem có phải nhận trùng không."
        ),
        "incoming.notice.duplicate_first": " (số đến {number})",
        "incoming.register.title": "Sổ đăng ký văn bản đến",
        "incoming.register.of": "{body} — năm {year}",
        "incoming.register.body": "Cơ quan",
        "incoming.register.year": "Năm",
        "incoming.register.show": "Xem sổ",
        "incoming.register.empty": "Chưa có văn bản nào trong sổ này.",
        "incoming.register.unavailable": "Chưa tải được sổ đăng ký: {reason}",
        "incoming.register.next": "Trang sau →",
        "incoming.register.first": "← Trang đầu",
        "incoming.col.received_date": "Ngày đến",
        "incoming.col.number": "Số đến",
        "incoming.col.issuer": "Tác giả",
        "incoming.col.number_symbol": "Số, ký hiệu",
        "incoming.col.document_date": "Ngày tháng văn bản",
        "incoming.col.type_summary": "Tên loại và trích yếu nội dung",
        "incoming.col.recipient": "Đơn vị hoặc người nhận",
        "incoming.col.passed_on": "Ngày chuyển",
        "incoming.col.signature": "Ký nhận",
        "incoming.col.notes": "Ghi chú",
        "incoming.passed_on_late": "Chuyển muộn (hạn chuyển {deadline})",
        "page.incoming_link": "Văn bản đến — đăng ký và sổ đăng ký",
    },
    "en": {
        "incoming.title": "Incoming documents",
        "incoming.commune": "Commune (code {commune_id})",
        "incoming.home": "Home",
        "incoming.form.title": "Register an incoming document",
        "incoming.form.body": "Register of the body",
        "incoming.form.issuer": "Issuer",
        "incoming.form.number_symbol": "Number and symbol",
        "incoming.form.number_symbol_hint": (
            "E.g. 125/QĐ-UBND or 15-NQ/ĐU; leave empty if the document has none."
        ),
        "incoming.form.symbol_tool": "See how the number and symbol are read",
        "incoming.form.document_date": "Document date",
        "incoming.form.document_type": "Document type",
        "incoming.form.choose": "— Choose —",
        "incoming.form.summary": "Summary",
        "incoming.form.urgency": "Urgency",
        "incoming.form.received_date": "Received on",
        "incoming.form.submit": "Register",
        "incoming.form.errors": "The document was not registered: correct the marked fields.",
        "incoming.notice.registered": (
            "Incoming document registered: number {number} in the {body} register of {year}."
        ),
        "incoming.notice.duplicate": (
            "Warning: a document with the same issuer and number/symbol was registered before{first}. "
            "This one is registered too; check whether it was received twice."
        ),
        "incoming.notice.duplicate_first": " (incoming number {number})",
        "incoming.register.title": "Incoming register",
        "incoming.register.of": "{body} — {year}",
        "incoming.register.body": "Body",
        "incoming.register.year": "Year",
        "incoming.register.show": "Show",
        "incoming.register.empty": "No document in this register yet.",
        "incoming.register.unavailable": "The register could not be loaded: {reason}",
        "incoming.register.next": "Next page →",
        "incoming.register.first": "← First page",
        "incoming.col.received_date": "Received",
        "incoming.col.number": "No.",
        "incoming.col.issuer": "Issuer",
        "incoming.col.number_symbol": "Number, symbol",
        "incoming.col.document_date": "Document date",
        "incoming.col.type_summary": "Type and summary",
        "incoming.col.recipient": "Unit or person receiving",
        "incoming.col.passed_on": "Passed on",
        "incoming.col.signature": "Signature",
        "incoming.passed_on_late": "Passed on late (due {deadline})",
        "incoming.col.notes": "Notes",
        "page.incoming_link": "Incoming documents — register one, see the register",
    },
}
