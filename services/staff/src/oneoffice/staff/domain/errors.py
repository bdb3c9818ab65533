"""Typed errors of the staff domain, each with its message in Vietnamese (shown to the office) and
English; the gRPC edge maps them to statuses once (:mod:`..entrypoints.grpc_errors`).
"""

from __future__ import annotations


class StaffError(Exception):
    """Base of every error of the staff service that a caller can act on."""

    code: str = "staff_error"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


class InvalidAccount(StaffError):
    """A rule of accounts broken by the request (username, roles, scope, name, password)."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.code = code


class AccountExists(StaffError):
    code = "account_exists"

    def __init__(self, username: str) -> None:
        super().__init__(f"Tên đăng nhập '{username}' đã có người dùng.", f"Username '{username}' is taken.")


class AccountNotFound(StaffError):
    code = "account_not_found"

    def __init__(self, username: str) -> None:
        super().__init__(f"Không có tài khoản '{username}'.", f"There is no account '{username}'.")


class AccountDisabledError(StaffError):
    code = "account_disabled"

    def __init__(self, username: str) -> None:
        super().__init__(f"Tài khoản '{username}' đã bị khóa.", f"Account '{username}' is disabled.")


class AuthenticationFailed(StaffError):
    """Unknown username, wrong password or disabled account: one answer, so none can be told apart."""

    code = "authentication_failed"

    def __init__(self) -> None:
        super().__init__("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.")


class AccountBusy(StaffError):
    code = "account_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Tài khoản đang được thay đổi bởi yêu cầu khác; hãy thử lại.",
            "The account is being changed by another request; try again.",
        )
