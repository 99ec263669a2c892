from django.db import migrations, models


def completion_from_rule(apps, schema_editor):
    """Campaigns already set up keep counting as they did: "equalshares/add1" becomes Equal
    Shares with the Add1 completion; plain Equal Shares gets no completion (the new default,
    Add1 + comparison, is for campaigns created from now on)."""
    Campaign = apps.get_model("budget", "Campaign")
    Campaign.objects.filter(tally_rule="equalshares/add1").update(
        tally_rule="equalshares", equal_shares_completion="add1"
    )


def rule_from_completion(apps, schema_editor):
    Campaign = apps.get_model("budget", "Campaign")
    Campaign.objects.filter(tally_rule="equalshares", equal_shares_completion="add1").update(
        tally_rule="equalshares/add1"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('budget', '0003_french_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='campaign',
            name='equal_shares_completion',
            field=models.CharField(choices=[('none', 'Aucune : les parts égales seules'), ('add1', "Add1 : parts de chacun augmentées d'un euro à la fois"), ('add1-comparison', 'Add1 puis comparaison avec la règle gloutonne (recommandé)')], default='none', help_text="Méthode des parts égales seulement. « Aucune » : chaque votant reçoit sa part de l'enveloppe (enveloppe ÷ votants) et une partie de l'argent reste souvent inutilisée. « Add1 » : on refait le calcul en donnant un euro de plus à chaque votant, tant que les projets retenus tiennent dans l'enveloppe, et on s'arrête dès qu'aucun autre projet ne rentre (Assen, Świecie). « Add1 puis comparaison » : même principe, poussé tant que la sélection tient dans l'enveloppe ; puis on la compare avec celle de la règle gloutonne (les plus soutenus d'abord) et l'on garde celle que préfèrent le plus de votants, ceux dont elle retient le plus de projets choisis (Wieliczka).", max_length=20, verbose_name='complément des parts égales'),
        ),
        migrations.RunPython(completion_from_rule, rule_from_completion),
        migrations.AlterField(
            model_name='campaign',
            name='equal_shares_completion',
            field=models.CharField(choices=[('none', 'Aucune : les parts égales seules'), ('add1', "Add1 : parts de chacun augmentées d'un euro à la fois"), ('add1-comparison', 'Add1 puis comparaison avec la règle gloutonne (recommandé)')], default='add1-comparison', help_text="Méthode des parts égales seulement. « Aucune » : chaque votant reçoit sa part de l'enveloppe (enveloppe ÷ votants) et une partie de l'argent reste souvent inutilisée. « Add1 » : on refait le calcul en donnant un euro de plus à chaque votant, tant que les projets retenus tiennent dans l'enveloppe, et on s'arrête dès qu'aucun autre projet ne rentre (Assen, Świecie). « Add1 puis comparaison » : même principe, poussé tant que la sélection tient dans l'enveloppe ; puis on la compare avec celle de la règle gloutonne (les plus soutenus d'abord) et l'on garde celle que préfèrent le plus de votants, ceux dont elle retient le plus de projets choisis (Wieliczka).", max_length=20, verbose_name='complément des parts égales'),
        ),
        migrations.AlterField(
            model_name='campaign',
            name='greedy_completion',
            field=models.BooleanField(default=False, help_text="Méthode des parts égales seulement : s'il reste de l'argent à la fin, ajouter les projets les plus soutenus qui tiennent encore dans l'enveloppe (avant la comparaison, si elle a lieu). Plus de budget est dépensé, mais ces projets-là ne suivent plus la règle des parts égales.", verbose_name='compléter de façon gloutonne'),
        ),
        migrations.AlterField(
            model_name='campaign',
            name='tally_rule',
            field=models.CharField(choices=[('greedy', "Glouton (les plus soutenus d'abord, on saute ce qui dépasse)"), ('greedy-threshold', 'Glouton avec seuil minimal de voix'), ('greedy-no-skip', 'Glouton sans saut (arrêt au premier dépassement)'), ('equalshares', 'Méthode des parts égales')], default='greedy', max_length=20, verbose_name='règle de dépouillement'),
        ),
        migrations.AlterField(
            model_name='result',
            name='rule',
            field=models.CharField(max_length=40, verbose_name='règle'),
        ),
    ]
