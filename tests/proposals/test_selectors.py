from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment

from proposals import selectors
from proposals.models import Idea
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status

# Ingeville's centre; 0.0009° of latitude is about 100 m.
LAT, LON = Decimal("47.080000"), Decimal("2.400000")


def comment_on(idea, n=1, **fields):
    content_type = ContentType.objects.get_for_model(Idea)
    for _i in range(n):
        XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(idea.pk),
            site_id=1,
            user=idea.author,
            comment="D'accord",
            **fields,
        )


# Similar ideas ------------------------------------------------------------------------------


def test_similar_ideas_share_a_significant_word_whatever_the_accents():
    velo = IdeaFactory(title="Des pistes cyclables et des arceaux à vélo")
    IdeaFactory(title="Une idée pour la ville et le quartier")  # only stop words in common
    IdeaFactory(title="Un vélo-école pour adultes", status=S.SUBMITTED)  # not public yet

    similar = selectors.idea_similar(title="Plus d'arceaux VELO devant la gare")

    assert similar == [velo]


def test_more_shared_words_rank_first():
    one = IdeaFactory(title="Un banc au parc")
    two = IdeaFactory(title="Un banc ombragé au parc des Prés")
    assert selectors.idea_similar(title="Banc ombragé") == [two, one]


def test_similar_ideas_within_200_metres_under_the_same_theme():
    theme = ThemeFactory(name="Environnement")
    near = IdeaFactory(
        title="Fleurir le rond-point",
        theme=theme,
        latitude=LAT + Decimal("0.0015"),
        longitude=LON,
    )
    IdeaFactory(
        title="Repeindre le kiosque", theme=theme, latitude=LAT + Decimal("0.0030"), longitude=LON
    )

    similar = selectors.idea_similar(title="Sans rapport", theme=theme, latitude=LAT, longitude=LON)

    assert similar == [near]
    assert 160 <= similar[0].distance_m <= 170
    assert similar[0].similar_reasons == [f"même thème, à {similar[0].distance_m} m de votre lieu"]


def test_being_near_is_no_reason_alone():
    """A bike park was offered the fruit trees of the park next to it."""
    IdeaFactory(
        title="Planter des arbres fruitiers dans le parc des Prés",
        theme=ThemeFactory(name="Environnement"),
        latitude=LAT + Decimal("0.0005"),
        longitude=LON,
    )

    similar = selectors.idea_similar(
        title="Stationnement vélo sécurisé",
        theme=ThemeFactory(name="Mobilité"),
        latitude=LAT,
        longitude=LON,
    )

    assert similar == []


def test_one_common_word_lost_in_long_titles_is_not_enough():
    IdeaFactory(title="Une piste cyclable continue entre la gare et le centre")
    assert selectors.idea_similar(title="Un abri fermé pour les vélos à la gare") == []


def test_each_suggestion_says_which_words_it_shares():
    arceaux = IdeaFactory(title="Des arceaux vélos devant le marché couvert")

    (similar,) = selectors.idea_similar(title="Stationnement vélo au marché")

    assert similar == arceaux
    assert similar.similar_reasons == ["mots en commun : marché, vélo"]


def test_closed_ideas_are_not_suggested():
    IdeaFactory(title="Piscine ouverte le soir", status=S.NOT_RETAINED)
    assert selectors.idea_similar(title="Piscine le soir") == []


def test_significant_words_drop_stop_words_and_accents():
    assert selectors.significant_words("Une idée pour l'Éclairage des rues") == {
        "eclairage",
        "rues",
    }


# Listing -----------------------------------------------------------------------------------


def test_public_listing_hides_pending_rejected_and_duplicate_ideas():
    shown = [IdeaFactory(status=s) for s in Idea.LISTED_STATUSES]
    kept = shown[0]
    IdeaFactory(status=S.SUBMITTED)
    IdeaFactory(status=S.REJECTED)
    IdeaFactory(status=S.DUPLICATE, duplicate_of=kept)

    assert set(selectors.idea_list_public()) == set(shown)


def test_listing_filters_by_theme_district_status_and_text():
    mobility = ThemeFactory(slug="mobilite", name="Mobilité")
    bike = IdeaFactory(title="Arceaux vélo", theme=mobility, status=S.UNDER_STUDY)
    IdeaFactory(title="Arceaux fleuris", status=S.PUBLISHED)
    IdeaFactory(title="Navette", theme=mobility)

    assert list(selectors.idea_list_public(theme="mobilite", q="arceaux")) == [bike]
    assert list(selectors.idea_list_public(status=S.UNDER_STUDY)) == [bike]
    # a status that is not public is ignored rather than revealing anything
    assert selectors.idea_list_public(status=S.SUBMITTED).count() == 3


def test_listing_sorts_by_supports_and_by_comments():
    quiet, supported, discussed = IdeaFactory(), IdeaFactory(), IdeaFactory()
    for _n in range(3):
        SupportFactory(idea=supported)
    comment_on(discussed, n=2)
    comment_on(quiet, n=1, is_removed=True)  # removed comments do not count

    by_supports = list(selectors.idea_list_public(sort="soutenues"))
    by_comments = list(selectors.idea_list_public(sort="commentees"))

    assert by_supports[0] == supported and by_supports[0].supports_count == 3
    assert by_comments[0] == discussed and by_comments[0].comments_count == 2
    assert {i.pk: i.comments_count for i in by_comments}[quiet.pk] == 0


def test_geojson_lists_located_public_ideas_without_personal_data():
    located = IdeaFactory(
        latitude=LAT, longitude=LON, author=CitizenFactory(email="secret@example.org")
    )
    IdeaFactory()  # not located
    IdeaFactory(status=S.SUBMITTED, latitude=LAT, longitude=LON)

    data = selectors.idea_list_geojson()

    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.4, 47.08]}
    assert feature["properties"]["id"] == located.pk
    assert "secret" not in str(data)
