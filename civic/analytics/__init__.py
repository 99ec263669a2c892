"""Participation analytics: who participates and who does not (dashboard, report, public
statistics). Each app contributes its figures on `civic.hooks.ANALYTICS_FIGURES`."""
