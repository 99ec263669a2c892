"""Screenshots of the pages a browser test walks through, for people to look at.

Taken only when `CIVIC_SCREENSHOTS` names a folder (`CIVIC_SCREENSHOTS=screenshots make test`):
they are never asserted, and full-page captures at two widths cost CI about a minute and a
half for nothing. Each lands in `<folder>/<suite>/<name>-<width>.png`.
"""

import os
from pathlib import Path

WIDTHS = (1280, 375)


def screenshots_take(page, suite: str, name: str, *, reload: bool = False) -> None:
    """Full-page screenshots of `page` at 1280 and 375 px; `reload` (GET pages only) loads the
    page again at each width, so that what scripts draw (charts, maps) fits it."""
    folder = os.environ.get("CIVIC_SCREENSHOTS")
    if not folder:
        return
    target = Path(folder) / suite
    target.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if reload:
            page.reload()
        page.wait_for_timeout(300)
        # The whole page in one viewport rather than `full_page`, which draws sticky elements
        # (the ballot's totals) where the 900 px viewport left them, over the content, and
        # misses what scrolls inside an element (Wagtail's admin scrolls its content pane).
        height = page.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('*'), e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": width, "height": max(900, min(height, 16000))})
        page.wait_for_timeout(100)
        page.screenshot(path=str(target / f"{name}-{width}.png"))
    page.set_viewport_size(size)
