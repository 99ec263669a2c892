"""Accessibility assertion for browser tests (axe-core through axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA plus axe's best practices (landmarks, headings, skip link...).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}

_axe = Axe()

# A fade-in can start after the page looks ready: Wagtail's messages fade in only once its
# script marks the page `.ready`, which may come a frame after the test's last step. So the
# finite animations are finished, two frames are let pass, and again, until a pair of frames
# starts none (at most 30 rounds, about half a second).
_SETTLE_ANIMATIONS = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  const finite = () => document.getAnimations().filter(
    a => a.playState !== "finished" && a.effect
      && a.effect.getComputedTiming().endTime !== Infinity);
  if (document.readyState !== "complete") {
    await new Promise(resolve => addEventListener("load", resolve, {once: true}));
  }
  for (let round = 0; round < 30; round++) {
    const running = finite();
    running.forEach(a => { try { a.finish(); } catch (e) {} });
    await frame();
    await frame();
    if (!running.length && !finite().length) return;
  }
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now.

    axe runs on timers, which a page without JavaScript never fires (it would wait forever):
    such a page is checked as a copy, same URL and HTML, in a page where only axe runs.
    """
    if _javascript_enabled(page):
        # Colours are judged as fade-ins leave them (Wagtail's messages fade in, and axe would
        # read a half-transparent background): every animation that ends is sent to its end
        # at once rather than waited for (on the admin's pages that took ~25 s per check).
        page.evaluate(_SETTLE_ANIMATIONS)
        return _axe.run(page, options=AXE_OPTIONS).response["violations"]
    return _violations_of_copy(page)


def _javascript_enabled(page) -> bool:
    # Playwright has no public getter for the context's `java_script_enabled` option.
    options = getattr(getattr(page.context, "_impl_obj", None), "_options", None) or {}
    return options.get("javaScriptEnabled") is not False


def _violations_of_copy(page) -> list[dict]:
    html, url = page.content(), page.url

    def serve(route):
        request = route.request
        if request.resource_type == "document" and request.url == url:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif request.resource_type == "script":
            route.abort()  # the page's own scripts stay off, as in the original
        else:
            route.continue_()

    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()
        copy.route("**/*", serve)
        copy.goto(url)
        return _axe.run(copy, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()


def axe_report(violations: list[dict]) -> str:
    """A readable list: rule, impact, help URL, then each offending element."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node["target"])
            lines.append(f"    * {target}\n      {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


def _excepted(violations: list[dict], exceptions: dict[str, set[str]]) -> list[dict]:
    """`violations` without the nodes `exceptions` names: {rule id: {CSS target, ...}}.
    Only the named elements are dropped; the same rule elsewhere on the page still fails."""
    kept = []
    for violation in violations:
        targets = exceptions.get(violation["id"], set())
        nodes = [
            node
            for node in violation["nodes"]
            if ", ".join(str(t) for t in node["target"]) not in targets
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def axe_check(page, *, exceptions: dict[str, set[str]] | None = None) -> None:
    """Assert that axe-core finds no violation on `page`; the failure lists each one.

    `exceptions` is for what comes from Wagtail itself and cannot be fixed from Civic:
    {rule id: {CSS target of the element}}, each with a comment naming Wagtail's element."""
    violations = _excepted(axe_violations(page), exceptions or {})
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n{axe_report(violations)}"
    )
