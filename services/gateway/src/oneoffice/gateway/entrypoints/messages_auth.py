"""Texts of logging in and out, the page header and the 403 page, in Vietnamese and English."""

from __future__ import annotations

from .language import Language

TEXTS: dict[Language, dict[str, str]] = {
    "vi": {
        "auth.home": "Trang chủ",
        "auth.signed_in_as": "Đang đăng nhập:",
        "auth.logout": "Đăng xuất",
        "auth.login": "Đăng nhập",
        "auth.login.title": "Đăng nhập",
        "auth.login.intro": "Đăng nhập bằng tài khoản cán bộ của văn phòng xã.",
        "auth.login.username": "Tên đăng nhập",
        "auth.login.password": "Mật khẩu",
        "auth.login.submit": "Đăng nhập",
        "auth.login.failed": "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.",
        "auth.login.too_many": "Đăng nhập sai quá nhiều lần; hãy thử lại sau {seconds} giây.",
        "auth.forbidden.title": "Không có quyền truy cập",
        "auth.forbidden.home": "Về trang chủ",
        "auth.home.incoming": "Văn bản đến — xã (mã {commune_id})",
        "auth.nav.registers": "Sổ đăng ký",
        "auth.nav.figures": "Số liệu",
        "auth.nav.dashboard": "Tổng quan",
    },
    "en": {
        "auth.home": "Home",
        "auth.signed_in_as": "Signed in:",
        "auth.logout": "Log out",
        "auth.login": "Log in",
        "auth.login.title": "Log in",
        "auth.login.intro": "Log in with your commune office staff account.",
        "auth.login.username": "Username",
        "auth.login.password": "Password",
        "auth.login.submit": "Log in",
        "auth.login.failed": "Wrong username or password, or the account is disabled.",
        "auth.login.too_many": "Too many failed logins; try again in {seconds} seconds.",
        "auth.forbidden.title": "Access denied",
        "auth.forbidden.home": "Back to the home page",
        "auth.home.incoming": "Incoming documents — commune (code {commune_id})",
        "auth.nav.registers": "Registers",
        "auth.nav.figures": "Figures",
        "auth.nav.dashboard": "Dashboard",
    },
}
