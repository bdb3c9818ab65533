"""A clerk logs in and registers incoming documents in a real browser (headless Chromium), as in
the office.

Runs OneOffice as ``python -m oneoffice.embedded`` (the services on loopback gRPC, SQLite files) with
its demo accounts (password ``demo``). Needs Debian's ``chromium`` and ``chromium-driver`` and the
Python ``selenium`` package. Chromium keeps the gateway's ``Secure`` session cookie on
http://127.0.0.1, which it counts as a secure origin, so the embedded demo needs no setting changed.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser_waits import staleness_of
from tests.e2e.live_demo import LiveDemo

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
WAIT_SECONDS = 15.0
COMMUNE = "16876"  # xã Tương Dương, Nghệ An (since 1 July 2025)
CLERK = "vanthu-16876"
DEMO_PASSWORD = "demo"
VIETNAM = timezone(timedelta(hours=7))


@pytest.fixture
def oneoffice(live_demo: LiveDemo) -> str:
    """OneOffice as ``make demo`` runs it: the session's shared demo (one per test worker); its base URL.

    Other tests write to the same demo: a test finds what it wrote by what it wrote (a number symbol
    of its own), and compares numbers with the ones it was given before, never with absolute ones.
    """
    return live_demo.base_url


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: apt-get install -y chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (*CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'chromium-profile'}", "--lang=vi"):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as exc:
        pytest.fail(f"headless Chromium did not start: {exc.msg}")
    try:
        yield driver
    finally:
        driver.quit()


def own_symbol(suffix: str) -> str:
    """A number and symbol (``4711/QĐ-UBND``) no other test of the shared demo registers."""
    return f"{secrets.randbelow(90_000) + 10_000}/{suffix}"


def _office_today() -> datetime:
    return datetime.now(UTC).astimezone(VIETNAM)


def _wait(browser: WebDriver, element_id: str) -> str:
    element = WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.visibility_of_element_located((By.ID, element_id))
    )
    return str(element.text)


def log_in(browser: WebDriver, username: str = CLERK, password: str = DEMO_PASSWORD) -> None:
    """Fill the login form the browser shows and send it; returns once the next page has loaded."""
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("/dang-nhap"))
    form = browser.find_element(By.ID, "login-form")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "login-submit").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))


def open_signed_in(browser: WebDriver, url: str, username: str = CLERK) -> None:
    """Open ``url`` as ``username``: a page sends the browser to the login form, then back; the login
    form itself goes to the home page."""
    browser.get(url)
    log_in(browser, username)


def _fill_and_submit(browser: WebDriver, *, issuer: str, number_symbol: str, summary: str) -> None:
    today = _office_today().date()
    browser.find_element(By.ID, "issuer").send_keys(issuer)
    browser.find_element(By.ID, "number_symbol").send_keys(number_symbol)
    # Date inputs take typed text in the browser's locale format; setting the value is locale-proof.
    browser.execute_script(
        "document.getElementById('document_date').value = arguments[0];"
        "document.getElementById('received_date').value = arguments[1];",
        (today - timedelta(days=3)).isoformat(),
        today.isoformat(),
    )
    Select(browser.find_element(By.ID, "document_type")).select_by_value("QD")
    Select(browser.find_element(By.ID, "urgency")).select_by_value("KHAN")
    browser.find_element(By.ID, "summary").send_keys(summary)
    form = browser.find_element(By.ID, "register-form")
    browser.find_element(By.ID, "register-submit").click()
    # Wait for the next page, or the previous page's notice would be read as the answer.
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))


def test_a_clerk_registers_an_incoming_document_and_sees_its_incoming_number(
    oneoffice: str, browser: WebDriver, tmp_path: Path
) -> None:
    browser.get(f"{oneoffice}/")
    browser.find_element(By.ID, "login-link").click()
    log_in(browser)
    browser.find_element(By.ID, "incoming-link").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.url_contains(f"/communes/{COMMUNE}/van-ban-den")
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "Văn bản đến"

    symbol = own_symbol("QĐ-UBND")
    _fill_and_submit(
        browser,
        issuer="UBND tỉnh Nghệ An",
        number_symbol=symbol,
        summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
    )

    notice = _wait(browser, "notice-success")
    year = _office_today().year
    first = int(str(browser.find_element(By.ID, "notice-success").get_attribute("data-incoming-number")))
    assert notice == f"Đã đăng ký văn bản đến: số đến {first}, sổ Ủy ban nhân dân năm {year}."
    browser.save_screenshot(str(tmp_path / "registered.png"))

    # The same document received a second time: registered with the next number, and flagged.
    _fill_and_submit(
        browser,
        issuer="UBND tỉnh Nghệ An",
        number_symbol=symbol,
        summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
    )

    assert f"số đến {first + 1}" in _wait(browser, "notice-success")
    warning = _wait(browser, "notice-warning")
    assert warning.startswith(
        f"Cảnh báo: văn bản cùng tác giả và số, ký hiệu đã được đăng ký trước đó (số đến {first})."
    )


def test_a_form_with_mistakes_comes_back_with_vietnamese_messages_next_to_the_fields(
    oneoffice: str, browser: WebDriver
) -> None:
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/van-ban-den")

    _fill_and_submit(browser, issuer="", number_symbol="12/TB-UBND", summary="")

    assert _wait(browser, "error-issuer") == "Chưa nhập tác giả (cơ quan ban hành văn bản)."
    assert _wait(browser, "error-summary") == "Chưa nhập trích yếu nội dung."
    assert browser.find_element(By.ID, "issuer").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "number_symbol").get_attribute("value") == "12/TB-UBND"
    assert "notice-success" not in browser.page_source


def test_the_page_is_english_on_request(oneoffice: str, browser: WebDriver) -> None:
    browser.get(f"{oneoffice}/communes/{COMMUNE}/van-ban-den?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"
    log_in(browser)

    assert browser.find_element(By.TAG_NAME, "h1").text == "Incoming documents"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=issuer]").text == "Issuer"


def test_the_registered_document_appears_in_the_register_table(oneoffice: str, browser: WebDriver) -> None:
    today = _office_today().date()
    symbol = own_symbol("NQ-HĐND")
    with httpx.Client(base_url=oneoffice, trust_env=False) as http:
        signed_in = http.post("/api/v1/auth/token", data={"username": CLERK, "password": DEMO_PASSWORD})
        http.headers["Authorization"] = f"Bearer {signed_in.json()['access_token']}"
        created = http.post(
            f"/api/v1/communes/{COMMUNE}/incoming-documents",
            json={
                "body_code": "HDND",
                "issuer": "HĐND tỉnh Nghệ An",
                "number_symbol": symbol,
                "document_date": (today - timedelta(days=2)).isoformat(),
                "document_type": "NQ",
                "summary": "Về kế hoạch tổ chức kỳ họp thường lệ",
                "received_date": today.isoformat(),
            },
        )
        assert created.status_code == 201, created.text
        number = created.json()["incoming_number"]

    open_signed_in(browser, f"{oneoffice}/dang-nhap")
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        browser.get(f"{oneoffice}/communes/{COMMUNE}/van-ban-den?body=HDND&year={today.year}")
        rows = [
            [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in browser.find_elements(By.CSS_SELECTOR, "#incoming-register tbody tr")
        ]
        ours = [cells for cells in rows if len(cells) > 3 and cells[3] == symbol]
        if ours or time.monotonic() > deadline:
            break
        time.sleep(0.5)

    assert len(ours) == 1, rows
    cells = ours[0]
    assert cells[:5] == [
        today.strftime("%d/%m/%Y"),
        str(number),
        "HĐND tỉnh Nghệ An",
        symbol,
        (today - timedelta(days=2)).strftime("%d/%m/%Y"),
    ]
    assert cells[5] == "Nghị quyết: Về kế hoạch tổ chức kỳ họp thường lệ"


def test_a_clerk_logs_in_registers_logs_out_and_is_asked_to_log_in_again(
    oneoffice: str, browser: WebDriver
) -> None:
    page = f"{oneoffice}/communes/{COMMUNE}/van-ban-den"
    browser.get(page)
    assert "/dang-nhap?next=" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == "Đăng nhập"

    browser.find_element(By.ID, "username").send_keys(CLERK)
    browser.find_element(By.ID, "password").send_keys("sai-mat-khau")
    browser.find_element(By.ID, "login-submit").click()
    assert _wait(browser, "login-error").startswith("Sai tên đăng nhập hoặc mật khẩu")
    assert browser.find_element(By.ID, "username").get_attribute("value") == CLERK
    browser.find_element(By.ID, "username").clear()
    log_in(browser)

    assert browser.current_url == page
    assert CLERK in str(browser.find_element(By.ID, "signed-in-user").get_attribute("data-username"))
    _fill_and_submit(
        browser,
        issuer="Sở Nội vụ tỉnh Nghệ An",
        number_symbol=own_symbol("SNV-CCVC"),
        summary="Về việc rà soát vị trí việc làm sau sắp xếp",
    )
    number = browser.find_element(By.ID, "notice-success").get_attribute("data-incoming-number")
    assert number is not None and int(number) >= 1

    logout = browser.find_element(By.ID, "logout-form")
    browser.find_element(By.ID, "logout-submit").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(logout))
    assert urlsplit(browser.current_url).path == "/dang-nhap"
    assert not [cookie for cookie in browser.get_cookies() if cookie["name"] == "oneoffice_session"]

    browser.get(page)
    assert "/dang-nhap?next=" in browser.current_url
    assert browser.find_element(By.ID, "login-form").is_displayed()


def test_a_clerk_of_another_commune_sees_the_403_page(oneoffice: str, browser: WebDriver) -> None:
    open_signed_in(browser, f"{oneoffice}/dang-nhap", username="vanthu-16882")

    browser.get(f"{oneoffice}/communes/{COMMUNE}/van-ban-den")

    assert browser.find_element(By.TAG_NAME, "h1").text == "Không có quyền truy cập"
    assert _wait(browser, "forbidden-reason") == (
        f"Tài khoản của bạn không được truy cập đơn vị hành chính {COMMUNE}."
    )
    assert "register-form" not in browser.page_source
