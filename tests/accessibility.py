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


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


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


def axe_check(page) -> None:
    """Assert that axe-core finds no violation on `page`; the failure lists each one."""
    violations = axe_violations(page)
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n{axe_report(violations)}"
    )
