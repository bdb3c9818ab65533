"""Texts of the outgoing-documents page (văn bản đi), in Vietnamese and English, and the names of
its choices."""

from __future__ import annotations

from .language import Language

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Văn bản đi", "en": "Outgoing documents"},
    "body": {"vi": "Cơ quan ban hành", "en": "Issuing body"},
    "year": {"vi": "Năm", "en": "Year"},
    "show": {"vi": "Xem", "en": "Show"},
    "draft_title": {"vi": "Soạn văn bản đi", "en": "Draft an outgoing document"},
    "document_type": {"vi": "Loại văn bản", "en": "Document type"},
    "summary": {"vi": "Trích yếu nội dung", "en": "Summary"},
    "drafting_unit": {"vi": "Đơn vị soạn thảo (công văn)", "en": "Drafting unit (công văn)"},
    "signer": {"vi": "Người ký", "en": "Signer"},
    "no_signer": {"vi": "— chưa chọn —", "en": "— not chosen —"},
    "authority": {"vi": "Thẩm quyền ký", "en": "Authority"},
    "place_name": {"vi": "Địa danh", "en": "Place name"},
    "recipients": {"vi": "Nơi nhận (mỗi dòng một nơi)", "en": "Recipients (one per line)"},
    "urgency": {"vi": "Độ khẩn", "en": "Urgency"},
    "confidentiality": {"vi": "Độ mật", "en": "Confidentiality"},
    "save_draft": {"vi": "Lưu dự thảo", "en": "Save the draft"},
    "drafts": {"vi": "Dự thảo chưa cấp số", "en": "Drafts without a number"},
    "no_drafts": {"vi": "Không có dự thảo nào.", "en": "No drafts."},
    "register": {"vi": "Sổ đăng ký văn bản đi", "en": "Outgoing register"},
    "empty_register": {"vi": "Chưa có văn bản nào trong sổ.", "en": "The register is empty."},
    "number_symbol": {"vi": "Số, ký hiệu", "en": "Number and symbol"},
    "issued_on": {"vi": "Ngày tháng văn bản", "en": "Date"},
    "type_summary": {"vi": "Tên loại và trích yếu nội dung", "en": "Type and summary"},
    "dispatched_on": {"vi": "Ngày chuyển", "en": "Dispatched on"},
    "state": {"vi": "Tình trạng", "en": "State"},
    "actions": {"vi": "Thao tác", "en": "Actions"},
    "layout": {"vi": "Bản thể thức", "en": "Formal layout"},
    "download_docx": {"vi": "Tải .docx", "en": "Download .docx"},
    "print_html": {"vi": "Xem bản in", "en": "Printable view"},
    "number": {"vi": "Cấp số", "en": "Number"},
    "import_number": {"vi": "Số đã cấp (nhập sổ giấy)", "en": "Given number (paper register)"},
    "dispatch": {"vi": "Chuyển", "en": "Dispatch"},
    "channel": {"vi": "Hình thức", "en": "Channel"},
    "recall": {"vi": "Thu hồi", "en": "Recall"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "errors": {"vi": "Không thực hiện được:", "en": "Not done:"},
    "drafted": {"vi": "Đã lưu dự thảo.", "en": "The draft is saved."},
    "numbered": {"vi": "Đã cấp số: {symbol}", "en": "Numbered: {symbol}"},
    "dispatched": {"vi": "Đã ghi nhận chuyển văn bản.", "en": "The dispatch is recorded."},
    "recalled": {"vi": "Đã thu hồi văn bản; văn bản giữ nguyên số.", "en": "Recalled; the number is kept."},
    "back": {"vi": "← Về sổ văn bản đi", "en": "← Back to the outgoing documents"},
    "open": {"vi": "Xem, đính kèm tệp", "en": "Open, attach files"},
    "bad_text": {"vi": "Nội dung có ký tự không được phép.", "en": "The text holds a forbidden character."},
}
STATES: dict[str, dict[Language, str]] = {
    "DRAFT": {"vi": "Dự thảo", "en": "Draft"},
    "NUMBERED": {"vi": "Đã cấp số", "en": "Numbered"},
    "DISPATCHED": {"vi": "Đã chuyển", "en": "Dispatched"},
    "RECALLED": {"vi": "Đã thu hồi", "en": "Recalled"},
}
URGENCIES = {"NORMAL": "Thường", "KHAN": "Khẩn", "THUONG_KHAN": "Thượng khẩn", "HOA_TOC": "Hỏa tốc"}
CONFIDENTIALITIES = {"NONE": "Không mật", "MAT": "Mật", "TOI_MAT": "Tối mật", "TUYET_MAT": "Tuyệt mật"}
CHANNELS = {"PAPER": "Bưu chính / bản giấy", "ELECTRONIC": "Điện tử", "HAND": "Trao tay"}
AUTHORITIES = ["", "TM.", "KT.", "Q.", "TL.", "TUQ.", "T/M", "K/T"]
