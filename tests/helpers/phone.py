"""Driving the phone page in headless Chromium: a phone or a laptop, joining, adding, axe-core.

`PHONE` is a phone as the issue measured it (390x844 CSS pixels, device scale factor 3,
touch, mobile viewport); `LAPTOP` a 1280x800 window. Helpers wait on what the page shows,
never on time. `axe_violations` runs the vendored axe-core (`tests/data/axe-core/`) in the page.
"""

from __future__ import annotations

from pathlib import Path

try:  # assertions wait on the page, generously: the machine may be busy with other tests
    from playwright.async_api import expect

    expect.set_options(timeout=15_000)
except ImportError:  # no Playwright: the browser tests skip, saying why
    pass

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
AXE = Path(__file__).resolve().parents[1] / "data" / "axe-core" / "axe.min.js"
WAIT_MS = 15_000


async def open_page(browser, url: str, device: dict, **extra):
    """A new context (its own storage: one person's browser) and the join page opened in it."""
    context = await browser.new_context(**device, **extra)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    page.touch = bool(device.get("has_touch"))  # type: ignore[attr-defined]
    response = await page.goto(url)
    assert response is not None and response.status == 200
    return page


async def press(page, target) -> None:
    """A tap on a touch screen, a click elsewhere (`target`: a selector or a locator)."""
    locator = page.locator(target) if isinstance(target, str) else target
    if getattr(page, "touch", False):
        await locator.tap()
    else:
        await locator.click()


async def join(page, name: str) -> None:
    await page.wait_for_selector("#name", state="visible", timeout=WAIT_MS)
    await page.fill("#name", name)
    await press(page, "#join-form button[type=submit]")
    await page.wait_for_selector("#board:not([hidden])", timeout=WAIT_MS)


async def add(page, text: str, *, column: str | None = None, with_button: bool = False) -> None:
    """Type an item and add it (Enter, or the Add button); waits until the server has it."""
    if column:
        await press(page, f"label[for=pick-{column}]")
    await page.locator("#entry").fill(text)
    if with_button:
        await press(page, "#add")
    else:
        await page.locator("#entry").press("Enter")
    await item(page, text).and_(page.locator(".item:not(.-pending)")).first.wait_for(timeout=WAIT_MS)
    await page.wait_for_function("() => !document.querySelector('.item.-pending')", timeout=WAIT_MS)


def item(page, text: str):
    """The list entry showing exactly this text."""
    return page.locator(".item").filter(has=page.locator("p.text", has_text=text))


async def wait_status(page, text: str) -> None:
    await page.wait_for_function("(text) => document.getElementById('status').textContent.includes(text)",
                                 arg=text, timeout=WAIT_MS)


async def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the given impacts on the page as it is now."""
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the test harness, not as a <script>: the page's policy allows no inline script.
        await page.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in impacts
    ]
