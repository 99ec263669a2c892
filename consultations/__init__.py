"""Consultations: questionnaires published by elected officials, one response per citizen,
results with charts and tables, and the city's official feedback.

Where it writes: `services.py` (responses, feedback, flags and moderation of free-text
answers, opening notices). Where it reads: `selectors.py` (listings, eligibility) and
`results.py` (aggregates computed in SQL, shaped by pandas, drawn by plotly). It joins the
platform only through `civic.hooks` (`wagtail_hooks.py`).
"""
