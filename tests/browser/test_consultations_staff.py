"""The staff path by the buttons people click: an Élu drafts a consultation in the Wagtail
admin and submits it for approval (no "Publier" for them), an administrator approves it,
a citizen answers, an agent types in a paper questionnaire, and once it is closed the Élu
publishes "Ce que nous avons retenu"; participants are emailed."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from civic.accounts import roles
from consultations.models import ConsultationPage, Feedback, Response
from tests.consultations.factories import index_page
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def shoot(page, name):
    screenshots_take(page, "consultations-staff", name)


def _page_permissions_on(page_obj):
    """What the roles hold on the tree, given on this page too: a database restored between
    transactional tests must not decide what the test sees."""
    roles.sync_group_permissions()
    for group_name in (roles.ELECTED, roles.ADMINISTRATORS):
        for codename in roles.ROLE_PAGE_PERMISSIONS[group_name]:
            GroupPagePermission.objects.get_or_create(
                group=Group.objects.get(name=group_name),
                page=page_obj,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_the_whole_staff_path(
    live_server,
    browser,
    browser_login,
    default_site,
    elected,
    administrator,
    citizen,
    agent,
    axe_check,
):
    from consultations.workflow import workflow_ensure

    workflow_ensure()
    index = index_page(default_site)
    _page_permissions_on(Page.objects.get(pk=index.pk))

    # 1. The Élu drafts the consultation in the page editor.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    browser_login(page, elected)
    page.goto(f"{live_server.url}/admin/pages/{index.pk}/")
    page.get_by_role("link", name=re.compile("Ajouter une sous-page")).first.click()
    expect(page.get_by_role("button", name="Plus d'actions")).to_be_visible()
    page.get_by_label(re.compile("^Titre")).first.fill("Horaires de la piscine")
    page.get_by_label(re.compile("^Introduction")).fill("Quels horaires pour la piscine ?")
    now = timezone.now()
    page.locator("input[name='opens_at']").fill(_local(now - datetime.timedelta(hours=1)))
    page.locator("input[name='closes_at']").fill(_local(now + datetime.timedelta(days=7)))
    page.locator("select[name='questions-0-kind']").select_option("single")
    page.locator("input[name='questions-0-label']").fill("Quel créneau préférez-vous ?")
    page.locator("textarea[name='questions-0-options']").fill("Le matin\nLe soir")
    shoot(page, "elu-editor")
    page.get_by_role("button", name="Plus d'actions").click()
    expect(page.get_by_role("button", name="Publier", exact=True)).to_have_count(0)
    page.get_by_role("button", name=re.compile("Soumettre à Publication des consultations")).click()
    expect(page.get_by_text(re.compile("soumise|Soumis|a été soumis", re.I)).first).to_be_visible()
    axe_check(page)
    consultation = ConsultationPage.objects.get(title="Horaires de la piscine")
    assert not consultation.live
    assert consultation.current_workflow_state.requested_by == elected
    context.close()

    # 2. The administrator approves it in the editor: it is published.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    browser_login(page, administrator)
    page.goto(f"{live_server.url}/admin/pages/{consultation.pk}/edit/")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name=re.compile(r"^\s*Approuver( et Publier)?$")).first.click()
    page.wait_for_load_state()
    consultation.refresh_from_db()
    assert consultation.live
    context.close()

    # 3. A citizen answers on the public site.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    browser_login(page, citizen)
    page.goto(live_server.url + "/consultations/")
    page.get_by_role("link", name="Horaires de la piscine").click()
    page.get_by_label("Le soir").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_text(re.compile("Merci, votre réponse est enregistrée"))).to_be_visible()
    axe_check(page)
    context.close()

    # 4. An agent types in a paper questionnaire from the admin's list.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    browser_login(page, agent)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Réponses aux consultations").first.click()
    expect(page).to_have_url(re.compile("/admin/consultations/$"))
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Saisir un questionnaire papier")).first.click()
    expect(page).to_have_url(re.compile("/papier/$"))
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_label("Canal").select_option("mail")
    page.get_by_label("Le matin").check()
    shoot(page, "agent-paper-entry")
    page.get_by_role("button", name="Enregistrer le questionnaire").click()
    expect(page.get_by_text("Questionnaire enregistré.")).to_be_visible()
    assert sorted(Response.objects.values_list("channel", flat=True)) == ["mail", "web"]
    context.close()

    # 5. Once closed, the Élu publishes the feedback; the citizen is emailed.
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=now - datetime.timedelta(days=8), closes_at=now - datetime.timedelta(minutes=5)
    )
    mail.outbox.clear()
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    browser_login(page, elected)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Ce que nous avons retenu").first.click()
    page.get_by_role("link", name=re.compile("Ajouter")).first.click()
    page.locator("select[name='consultation']").select_option(label="Horaires de la piscine")
    page.locator("select[name='status']").select_option("decision")
    page.locator("[data-streamfield-list-container] button, button.c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("Intertitre")).click()
    page.get_by_label("Texte de l'intertitre").fill("La piscine ouvrira le soir")
    page.get_by_role("checkbox", name="Publier ce retour").check()
    axe_check(page)
    shoot(page, "elu-feedback")
    page.get_by_role("button", name="Créer").click()
    page.wait_for_load_state()
    feedback = Feedback.objects.get(consultation=consultation)
    assert feedback.published_at is not None
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    context.close()

    # The citizen reads it on the consultation's page.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + consultation.url)
    expect(page.get_by_role("heading", name="Ce que nous avons retenu")).to_be_visible()
    expect(page.get_by_text("La piscine ouvrira le soir")).to_be_visible()
    axe_check(page)
    shoot(page, "feedback-public")
    context.close()
