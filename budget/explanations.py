"""The count in words: what each rule does, and why each project was funded or not.

Every sentence is built from the figures frozen in the published `Result`
(`budget.results.campaign_count`), so that the results page, the API and the downloads say
the same thing, and a citizen can check every figure against the anonymous ballots.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civic.formats import euros

from .models import Campaign

RULE_LABELS = {
    "equalshares/add1": gettext_lazy("Parts égales, parts augmentées (Add1)"),
    "equalshares/add1-comparison": gettext_lazy(
        "Parts égales, parts augmentées (Add1) puis comparaison avec la règle gloutonne"
    ),
}
RULE_EXPLANATIONS = {
    Campaign.TallyRule.GREEDY: gettext_lazy(
        "Règle « gloutonne » : on classe les projets du plus soutenu au moins soutenu, puis on "
        "les retient dans cet ordre tant que l'enveloppe le permet ; un projet trop cher pour "
        "ce qui reste est sauté, et on passe au suivant."
    ),
    Campaign.TallyRule.GREEDY_THRESHOLD: gettext_lazy(
        "Règle « gloutonne avec seuil » : comme la règle gloutonne (les plus soutenus d'abord, "
        "on saute ce qui dépasse), mais un projet qui n'atteint pas le nombre minimal de voix "
        "fixé par la ville n'est jamais retenu."
    ),
    Campaign.TallyRule.GREEDY_NO_SKIP: gettext_lazy(
        "Règle « gloutonne sans saut » : les projets sont retenus du plus soutenu au moins "
        "soutenu, et la sélection s'arrête au premier projet qui ne tient plus dans "
        "l'enveloppe."
    ),
    Campaign.TallyRule.EQUAL_SHARES: gettext_lazy(
        "Méthode des parts égales : l'enveloppe est partagée à parts égales entre les votants. "
        "Chaque projet est financé par les parts des personnes qui l'ont choisi ; on retient à "
        "chaque tour le projet qui coûte le moins cher à ses soutiens par personne satisfaite. "
        "Elle est plus juste que la règle gloutonne : un groupe qui représente 30 % des votants "
        "décide d'environ 30 % du budget, au lieu qu'une majorité remporte tout, et les "
        "quartiers ou sujets moins nombreux obtiennent aussi des projets."
    ),
    "equalshares/add1": gettext_lazy(
        "Méthode des parts égales (variante « Add1 ») : l'enveloppe est partagée à parts "
        "égales entre les votants, chaque projet étant financé par les parts de ses soutiens ; "
        "comme une partie du budget peut rester inutilisée, on refait le calcul en donnant un "
        "euro de plus à chacun tant que la sélection tient dans l'enveloppe, et l'on s'arrête "
        "dès qu'aucun autre projet ne rentre. Elle est plus juste que la règle gloutonne : un "
        "groupe qui représente 30 % des votants décide d'environ 30 % du budget, au lieu "
        "qu'une majorité remporte tout."
    ),
    "equalshares/add1-comparison": gettext_lazy(
        "Méthode des parts égales, comme à Wieliczka : l'enveloppe est partagée à parts égales "
        "entre les votants, chaque projet étant financé par les parts de ses soutiens ; on "
        "refait le calcul en donnant un euro de plus à chacun tant que la sélection tient dans "
        "l'enveloppe. Puis on compare cette sélection avec celle de la règle gloutonne (les "
        "projets les plus soutenus d'abord) : on garde celle que préfèrent le plus de votants, "
        "c'est-à-dire celle qui retient le plus de projets qu'ils ont choisis. Un groupe qui "
        "représente 30 % des votants décide ainsi d'environ 30 % du budget, sans qu'un projet "
        "très largement soutenu soit écarté contre l'avis de la majorité."
    ),
}


def rule_label(rule: str) -> str:
    """A counting rule named as Pabulib names it, in words ("equalshares/add1" included)."""
    if rule in Campaign.TallyRule.values:
        return str(Campaign.TallyRule(rule).label)
    return str(RULE_LABELS.get(rule, rule))


def _ordinal(number: int) -> str:
    return _("1er") if number == 1 else _("%(n)se") % {"n": number}


def project_explanation(row: dict, titles: dict[int, str], amount: int | None = None) -> str:
    """Why a project was funded or not, in words, from the reason frozen at publication
    (`budget.results.campaign_count`); "" for results published without one. ``amount``:
    the envelope's, to say first that a project costing more could never be funded."""
    reason = row.get("reason") or {}
    kind = reason.get("reason")
    cost = euros(row["cost"])
    if amount is not None and not row.get("selected") and row["cost"] > amount and reason:
        return _("Il coûte %(cost)s, plus que toute l'enveloppe (%(amount)s).") % {
            "cost": cost,
            "amount": euros(amount),
        }
    if kind == "greedy":
        return _(
            "Retenu en %(rank)s parmi les plus soutenus : il restait %(remaining)s dans "
            "l'enveloppe pour un coût de %(cost)s."
        ) % {
            "rank": _("position %(n)s") % {"n": reason["rank"]},
            "remaining": euros(reason["remaining"]),
            "cost": cost,
        }
    if kind == "mes_funded":
        return ngettext(
            "Retenu au %(round)s tour : son seul soutien en a payé le coût (%(payment)s).",
            "Retenu au %(round)s tour : %(payers)s de ses soutiens se sont partagé son coût, "
            "%(payment)s au plus chacun.",
            reason["payers"],
        ) % {
            "round": _ordinal(reason["round"]),
            "payers": reason["payers"],
            "payment": euros(reason["payment"]),
        }
    if kind == "completion":
        return _(
            "Retenu avec l'argent que les parts égales avaient laissé : il restait "
            "%(remaining)s dans l'enveloppe pour un coût de %(cost)s."
        ) % {"remaining": euros(reason["remaining"]), "cost": cost}
    if kind == "no_votes":
        return _("Il n'a reçu aucune voix.")
    if kind == "threshold":
        return ngettext(
            "Il n'a pas atteint le seuil de %(threshold)s voix.",
            "Il n'a pas atteint le seuil de %(threshold)s voix.",
            reason["threshold"],
        ) % {"threshold": reason["threshold"]}
    if kind == "no_room":
        if not reason["remaining"]:
            return _("L'enveloppe était déjà entièrement attribuée quand son tour est venu.")
        return _(
            "Il ne rentrait plus dans l'enveloppe restante de %(remaining)s pour un coût de "
            "%(cost)s."
        ) % {"remaining": euros(reason["remaining"]), "cost": cost}
    if kind == "stopped":
        return _(
            "La sélection s'est arrêtée avant lui : « %(title)s », plus soutenu, ne rentrait "
            "plus dans l'enveloppe."
        ) % {"title": titles.get(reason["after"], "?")}
    if kind == "mes":
        figures = {
            "count": reason["supporters"],
            "money": euros(reason["money"]),
            "cost": cost,
        }
        if "round" not in reason:  # results published before the round was recorded
            text = (
                ngettext(
                    "Son seul soutien ne disposait plus que de %(money)s pour un coût de %(cost)s.",
                    "Ses %(count)s soutiens ne disposaient plus ensemble que de %(money)s pour un "
                    "coût de %(cost)s.",
                    reason["supporters"],
                )
                % figures
            )
        elif reason["round"] == 0:
            text = (
                ngettext(
                    "Dès le premier tour, son seul soutien ne disposait que de %(money)s pour un "
                    "coût de %(cost)s.",
                    "Dès le premier tour, ses %(count)s soutiens ne disposaient ensemble que de "
                    "%(money)s pour un coût de %(cost)s.",
                    reason["supporters"],
                )
                % figures
            )
        else:
            text = ngettext(
                "Écarté après le %(round)s projet retenu : son seul soutien ne disposait plus "
                "que de %(money)s pour un coût de %(cost)s.",
                "Écarté après le %(round)s projet retenu : ses %(count)s soutiens ne "
                "disposaient plus ensemble que de %(money)s pour un coût de %(cost)s.",
                reason["supporters"],
            ) % {**figures, "round": _ordinal(reason["round"])}
        if "remaining" in reason:
            text += " " + _(
                "Le reste de l'enveloppe (%(remaining)s) ne suffisait pas non plus."
            ) % {"remaining": euros(reason["remaining"])}
        return text
    return ""


def envelope_explanation(envelope: dict, rule: str) -> list[str]:
    """What the count of one envelope did, in words: each voter's share (Equal Shares) and
    the comparison step's verdict; [] for a greedy rule or results published without them."""
    sentences = []
    share = envelope.get("share")
    if rule.startswith("equalshares") and envelope.get("ballots"):
        start = envelope["amount"] // envelope["ballots"]
        if share is None and "share" in envelope and rule != "equalshares":
            sentences.append(
                _(
                    "Tous les projets qui ont reçu des voix tiennent ensemble dans "
                    "l'enveloppe : ils sont tous retenus."
                )
            )
        elif share is not None and share > start:
            sentences.append(
                _(
                    "Chaque votant disposait au départ d'une part d'environ %(start)s "
                    "(l'enveloppe divisée par %(voters)s votants) ; pour dépenser davantage, "
                    "la part a été augmentée d'un euro à la fois, jusqu'à environ %(share)s."
                )
                % {
                    "start": euros(start),
                    "voters": envelope["ballots"],
                    "share": euros(share),
                }
            )
        elif share is not None:
            sentences.append(
                _(
                    "Chaque votant disposait d'une part d'environ %(share)s (l'enveloppe "
                    "divisée par %(voters)s votants)."
                )
                % {"share": euros(share), "voters": envelope["ballots"]}
            )
    comparison = envelope.get("comparison")
    if comparison:
        if comparison.get("same") or not (
            comparison["prefer_greedy"] or comparison["prefer_equal_shares"]
        ):
            sentences.append(
                _("La règle gloutonne (les plus soutenus d'abord) aurait retenu les mêmes projets.")
            )
        else:
            figures = {
                "greedy": comparison["prefer_greedy"],
                "equal": comparison["prefer_equal_shares"],
            }
            if comparison["kept"] == "greedy":
                text = _(
                    "Comparaison : %(greedy)s votants obtiennent plus de projets qu'ils ont "
                    "choisis avec la règle gloutonne (les plus soutenus d'abord), %(equal)s "
                    "avec les parts égales. La sélection de la règle gloutonne, préférée par "
                    "plus de votants, est donc retenue."
                )
            else:
                text = _(
                    "Comparaison : %(equal)s votants obtiennent plus de projets qu'ils ont "
                    "choisis avec les parts égales, %(greedy)s avec la règle gloutonne (les "
                    "plus soutenus d'abord). La sélection des parts égales, qui n'est pas "
                    "moins préférée, est conservée."
                )
            sentences.append(text % figures)
    return sentences
