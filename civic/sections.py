"""Page sections that other modules contribute to a shared page (home, citizen dashboard).

A module registers a Wagtail hook that returns a `Section`, or None when it has nothing to
show (so an empty module renders nothing)::

    @hooks.register(HOME_SECTIONS)
    def latest_ideas(request):
        ideas = list(selectors.idea_list_latest(limit=3))
        if not ideas:
            return None
        return Section("proposals/includes/home_latest.html", {"ideas": ideas}, order=30)

The page calls `sections_collect(HOME_SECTIONS, request)` and includes each section's template
with its context.
"""

from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

HOME_SECTIONS = "civic_home_sections"
DASHBOARD_SECTIONS = "civic_dashboard_sections"


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def sections_collect(hook_name: str, request, **kwargs) -> list[Section]:
    """The non-empty sections registered for `hook_name`, in their display order."""
    sections = (hook(request, **kwargs) for hook in hooks.get_hooks(hook_name))
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)
