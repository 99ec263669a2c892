"""The reason templates a city starts with; moderators edit them as snippets."""

from django.db import migrations

REASONS = [
    ("all", "Propos injurieux ou discriminatoires",
     "Votre contribution contient des propos injurieux, diffamatoires ou discriminatoires, "
     "contraires à la charte de participation."),
    ("all", "Données personnelles",
     "Votre contribution cite des informations personnelles (nom, adresse, téléphone) d'une "
     "personne. Reformulez-la sans ces informations."),
    ("all", "Publicité ou propagande",
     "Votre contribution fait la promotion d'une entreprise, d'un produit ou d'un parti, ce que "
     "la charte de participation ne permet pas."),
    ("ideas", "Hors du champ de compétence de la commune",
     "Votre idée relève d'une autre administration (État, département, région) : la commune ne "
     "peut pas y donner suite."),
    ("ideas", "Signalement d'un problème, pas une idée",
     "Votre message signale un problème ponctuel (voirie, propreté, éclairage). Utilisez le "
     "formulaire « Signaler un problème » pour qu'il soit traité plus vite."),
    ("ideas", "Idée trop imprécise",
     "Votre idée est trop imprécise pour être étudiée. Décrivez ce que vous proposez, où, et "
     "pour qui, puis déposez-la à nouveau."),
    ("comments", "Hors sujet",
     "Votre commentaire ne porte pas sur la contribution discutée."),
]


def create(apps, schema_editor):
    ModerationReason = apps.get_model("moderation", "ModerationReason")
    for kind, title, text in REASONS:
        ModerationReason.objects.get_or_create(kind=kind, title=title, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
