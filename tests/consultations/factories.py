"""Consultation pages for tests: an index under the site's home, consultations under it."""

import datetime

from django.utils import timezone

from consultations.models import ConsultationIndexPage, ConsultationPage, Question

QUESTIONS = [
    {"kind": "single", "label": "Fréquence", "options": "Souvent\nParfois\nJamais"},
    {
        "kind": "multiple",
        "label": "Souhaits",
        "options": "Arbres\nBancs\nJeux\nFontaine",
        "max_choices": 2,
    },
    {
        "kind": "scale",
        "label": "Satisfaction",
        "scale_min_label": "Pas du tout",
        "scale_max_label": "Tout à fait",
    },
    {"kind": "ranking", "label": "Esquisses", "options": "A\nB\nC"},
    {"kind": "yes_no", "label": "Piétonne ?"},
    {"kind": "text", "label": "Remarque", "required": False, "publish_text_answers": True},
]


def index_page(site) -> ConsultationIndexPage:
    index = ConsultationIndexPage.objects.first()
    if index is not None:
        return index
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def consultation(
    site,
    *,
    title="Place du marché",
    slug=None,
    questions=QUESTIONS,
    opens_in_days=-1,
    closes_in_days=10,
    live=True,
    districts=(),
    **fields,
) -> ConsultationPage:
    now = timezone.now()
    page = ConsultationPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-").replace("é", "e"),
        intro=f"Introduction de {title}",
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=closes_in_days),
        **fields,
    )
    for data in questions:
        page.questions.add(Question(**data))
    index_page(site).add_child(instance=page)
    if districts:
        page.target_districts.set(districts)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def full_answers(page, **overrides) -> dict:
    """Valid form data answering every question of QUESTIONS."""
    q = {question.label: question for question in page.questions.all()}
    data = {
        f"q{q['Fréquence'].pk}": "Souvent",
        f"q{q['Souhaits'].pk}": ["Arbres", "Bancs"],
        f"q{q['Satisfaction'].pk}": "4",
        f"q{q['Esquisses'].pk}_0": "2",
        f"q{q['Esquisses'].pk}_1": "1",
        f"q{q['Esquisses'].pk}_2": "3",
        f"q{q['Piétonne ?'].pk}": "Oui",
        f"q{q['Remarque'].pk}": "Plus d'ombre",
    }
    data.update(overrides)
    return data


class Data(dict):
    """A dict with QueryDict's `getlist`, for calling services directly."""

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[-1] if isinstance(value, list) and value else value

    def getlist(self, key):
        value = super().get(key, [])
        return value if isinstance(value, list) else [value]
