"""The pages work in a real browser (headless Chromium) under their Content-Security-Policy.

Reuses the OneOffice process and the browser of :mod:`tests.e2e.test_incoming_documents_ui`.
A ``securitypolicyviolation`` listener, installed before each page's own code, records what the
CSP blocked; the browser console is read as well.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e import test_incoming_documents_ui as ui
from tests.e2e.test_incoming_documents_ui import (
    COMMUNE,
    WAIT_SECONDS,
    _fill_and_submit,
    _wait,
    log_in,
    own_symbol,
)

pytestmark = pytest.mark.e2e
# The same fixtures: OneOffice in one process, and headless Chromium.
oneoffice = ui.oneoffice
browser = ui.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def _violations(browser: WebDriver) -> list[Any]:
    recorded = browser.execute_script("return window.__cspViolations || [];")
    console = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry.get("message", "")
    ]
    return [*recorded, *console]


def _computed(browser: WebDriver, selector: str, property_name: str) -> str:
    element = browser.find_element(By.CSS_SELECTOR, selector)
    return str(browser.execute_script(f"return getComputedStyle(arguments[0]).{property_name};", element))


def test_the_pages_are_styled_and_the_form_works_with_no_csp_violation(
    oneoffice: str, browser: WebDriver
) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})

    # The login form, then the home page it leads to (signed in: it links to the commune's page).
    browser.get(f"{oneoffice}/dang-nhap")
    assert _violations(browser) == []
    log_in(browser)
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_to_be(f"{oneoffice}/"))
    assert _violations(browser) == []
    # The home page's stylesheet (a file, as the CSP wants) is applied.
    assert _computed(browser, "body", "maxWidth") == "640px"

    browser.find_element(By.ID, "incoming-link").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.url_contains(f"/communes/{COMMUNE}/van-ban-den")
    )
    assert _violations(browser) == []
    assert _computed(browser, "form.register", "display") == "grid"

    _fill_and_submit(
        browser,
        issuer="UBND tỉnh Nghệ An",
        number_symbol=own_symbol("TB-UBND"),
        summary="Thông báo lịch tiếp công dân",
    )

    assert re.search(r"số đến \d+,", _wait(browser, "notice-success"))
    assert _violations(browser) == []


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_api_documentation_pages_break_no_csp_rule(oneoffice: str, browser: WebDriver, path: str) -> None:
    # Their bundles come from jsDelivr, out of reach here; what is checked is that the browser
    # accepts the page itself (Swagger UI's inline script through its hash) and every source it names.
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})

    browser.get(f"{oneoffice}{path}")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )

    assert _violations(browser) == []
