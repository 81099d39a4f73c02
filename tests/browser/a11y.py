"""Helpers for the accessibility tests: axe-core, focus indicators, keyboard moves, sideways scrolling."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page
from pypdf import PdfReader

#: WCAG 2.1 level A and AA, which Norwegian law requires of public web services.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


@dataclass
class AxeReport:
    """What axe-core scanned in this run; the terminal summary prints it."""

    scanned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


REPORT = AxeReport()
_axe = Axe()


def format_violations(violations: list[dict], url: str, state: str) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {state} ({url}):"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(" >> ".join(part) if isinstance(part, list) else part for part in node["target"])
            lines.append(f"    - {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, state: str) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fail with a readable list."""
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    REPORT.scanned.append(state)
    if violations:
        REPORT.failed.append(state)
    assert not violations, format_violations(violations, page.url, state)


# -- Focus ------------------------------------------------------------------------------------------

#: The focus ring of the focused element. Designsystemet draws the ring of a radio button or a check
#: box around its whole row (the `.ds-field` with the label), so that is where to look for those.
_FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'BODY', visible: false, describe: 'nothing (body)'};
  const toggle = el.matches('input[type=radio], input[type=checkbox]');
  const ring = toggle ? (el.closest('.ds-field') || el) : el;
  const style = getComputedStyle(ring);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  // a shadow with some length other than 0 (colours taken out first)
  const shadow = /[1-9]/.test(style.boxShadow.replace(/(rgba?|hsla?|oklch|color)\\([^)]*\\)/g, ''));
  const rect = ring.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.textContent || el.id || '').trim().replace(/\\s+/g, ' ');
  return {
    tag: el.tagName,
    visible: (outline || shadow) && rect.width > 1 && rect.height > 1,
    describe: `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}${el.className ? ' class="' + el.className + '"' : ''}> ${label.slice(0, 40)}`
      + ` (outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}; ${Math.round(rect.width)}x${Math.round(rect.height)})`,
  };
}"""


def assert_focus_visible(page: Page) -> str:
    """The focused element shows a focus indicator (a computed outline or box-shadow); returns its description."""
    ring = page.evaluate(_FOCUS_RING)
    assert ring["visible"], f"no visible focus indicator on {ring['describe']} at {page.url}"
    return ring["describe"]


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def press(page: Page, key: str) -> None:
    """Press a key and check that whatever has focus afterwards shows it."""
    page.keyboard.press(key)
    assert_focus_visible(page)


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus, checking the focus indicator at every stop."""
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        passed.append(assert_focus_visible(page))
        if is_focused(target):
            return
    raise AssertionError(f"{key} never reached {target} on {page.url}; stops: " + "\n  ".join(passed))


# -- Layout -----------------------------------------------------------------------------------------

_SIDEWAYS = """() => {
  const width = window.innerWidth;
  const scroll = document.documentElement.scrollWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}`
      + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
  return {scroll, width, wide};
}"""


def sideways_overflow(page: Page) -> str | None:
    """None when the page fits the viewport's width; otherwise what sticks out."""
    found = page.evaluate(_SIDEWAYS)
    if found["scroll"] <= found["width"]:
        return None
    return (
        f"{page.url}: {found['scroll']} px wide in a {found['width']} px viewport; too wide: {', '.join(found['wide'])}"
    )


def pdf_page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


# -- Privacy ----------------------------------------------------------------------------------------


def assert_nothing_stored(page: Page) -> None:
    """The browser holds no cookie for the site, and nothing in localStorage or sessionStorage."""
    assert page.context.cookies() == [], f"cookies left behind: {page.context.cookies()}"
    stored = page.evaluate("[localStorage.length, sessionStorage.length]")
    assert stored == [0, 0], f"left in localStorage, sessionStorage: {stored} at {page.url}"
