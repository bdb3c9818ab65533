"""Waits for a page that a click replaces, robust to how ChromeDriver reports the old page's elements.

Selenium's ``staleness_of`` asks the element something and expects ``StaleElementReferenceException``
once the page is replaced. While the new document loads, ChromeDriver may answer instead with an
"unknown error" ("Node with given id does not belong to the document"): the element is just as gone,
but ``staleness_of`` lets that error escape and the test fails on a page that worked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.remote.webelement import WebElement

_GONE = ("does not belong to the document", "No node with given id", "node is detached")


def staleness_of(element: WebElement) -> Callable[[Any], bool]:
    """True once ``element`` no longer belongs to the page (replaced by a navigation)."""

    def gone(_driver: Any) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if any(sign in (exc.msg or "") for sign in _GONE):
                return True
            raise
        return False

    return gone
