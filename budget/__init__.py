"""Participatory budgeting: campaigns, envelopes, projects, secret ballots, counting, follow-up.

Where the budget writes
-----------------------
Every change that matters goes through one function that checks permission, runs in one
transaction and writes the audit log (`civic.audit.audit_log`). They live in five modules,
by concern, and nowhere else:

``services.py``
    campaigns (`campaign_check`, the rules every campaign change keeps; `campaign_update`)
    and projects: submission and photos, review, the ballot list, ideas turned into
    projects, the follow-up of winners (status, milestones).
``ballots.py``
    votes: `ballot_cast` online, `paper_ballot_record` at the counter, `ballots_shuffle`
    (mixing the ballot box before any count).
``paper.py``
    the all-or-nothing CSV import of paper ballots (through `ballots.py`).
``results.py``
    counting: `results_preview`, `results_publish`, `results_withdraw` (the rules
    themselves are pure functions in ``rules/``, which writes nothing).
``pabulib_campaign.py``
    a whole campaign from a Pabulib file (`campaign_import_pabulib`, the ``pb_import``
    command); the export beside it only reads.

Two writes are Wagtail's own, and Wagtail logs them (``wagtail.create``/``wagtail.edit``):
the campaign form of the admin (`admin_views.CampaignForm`, which refuses what
`services.campaign_check` refuses) and the direct correction of a project's descriptive
fields; a project's status never changes there. ``demo.py`` seeds the Ingeville demo.

Reads are in ``selectors.py``. Views, admin views, the API (``api.py``), the moderation
source (``moderation.py``) and the commands only call those modules.
"""
