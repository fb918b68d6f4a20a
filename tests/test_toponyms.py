"""Toponym recognition on tiny worlds: a blank spaCy pipeline whose entity_ruler plays the model."""

from __future__ import annotations

from typing import Any

import pytest

from sortie.geodata.pipeline import sentences_of
from sortie.geodata.places.matcher import phrase_index
from sortie.geodata.places.recognize import recognize
from sortie.geodata.records import Place


def found(nlp: Any, gazetteer: Any, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    mentions = recognize(doc, sentences_of(doc), gazetteer)
    for m in mentions:
        assert text[m.start : m.end] == m.text  # offsets point into the text exactly as given
    return [(m.text, m.label) for m in mentions]


def gpe(*names: str) -> list[dict[str, Any]]:
    return [{"label": "GPE", "pattern": n} for n in names]


@pytest.fixture
def nlp(rule_nlp: Any) -> Any:
    return rule_nlp(
        [
            *gpe("Paris", "Texas", "Iraq", "Baghdad", "Washington", "U.S.", "Soleimani", "Iran"),
            {"label": "PERSON", "pattern": "Qassem Soleimani"},
            {"label": "NORP", "pattern": "Iraqi"},
            {"label": "GPE", "pattern": "Iraqi"},
            {"label": "ORG", "pattern": "the State Department"},
            {"label": "GPE", "pattern": "the Interior Department"},
        ]
    )


def test_model_places_with_offsets_and_sentences(nlp: Any, tiny_gazetteer: Any) -> None:
    text = "He lives in Paris. Then he moved to Texas."
    doc = nlp(text)
    mentions = recognize(doc, sentences_of(doc), tiny_gazetteer)
    assert [(m.text, m.start, m.sentence) for m in mentions] == [("Paris", 12, 0), ("Texas", 36, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bombers took off from Minot Air Force Base on Monday.", [("Minot Air Force Base", "GAZ")]),
        ("Ships sailed into the Arabian Gulf.", [("Arabian Gulf", "GAZ")]),
        ("Rockets fell on the Green Zone.", [("Green Zone", "GAZ")]),
        ("Militias spread across the Middle East.", [("Middle East", "GAZ")]),
        ("He returned to the White House.", [("White House", "GAZ")]),
        # An airport code as an upper-case word where the text talks of flying.
        ("The bombers flew out of KMIB at dawn.", [("KMIB", "GAZ")]),
    ],
)
def test_gazetteer_names_the_model_missed(nlp: Any, tiny_gazetteer: Any, text: str, expected: Any) -> None:
    assert found(nlp, tiny_gazetteer, text) == expected


def test_gazetteer_names_must_be_capitalised(nlp: Any, tiny_gazetteer: Any) -> None:
    # "the middle east of the country" is a description, not the region.
    assert found(nlp, tiny_gazetteer, "Fighting spread to the middle east of the country.") == []


def test_code_without_aviation_context_is_not_an_airport(nlp: Any, tiny_gazetteer: Any) -> None:
    assert found(nlp, tiny_gazetteer, "KMIB reported the story on its evening news.") == []


def test_model_span_inside_gazetteer_name_gives_way_to_the_longer_name(
    rule_nlp: Any, tiny_gazetteer: Any
) -> None:
    nlp = rule_nlp(gpe("Minot"))
    assert found(nlp, tiny_gazetteer, "They left Minot Air Force Base.") == [("Minot Air Force Base", "GAZ")]


@pytest.mark.parametrize(
    "text",
    [
        "Soleimani was killed near Baghdad’s international airport.",
        "Soleimani was killed near Baghdad's airport.",
    ],
)
def test_possessive_airport_phrase_taken_whole(nlp: Any, tiny_gazetteer: Any, text: str) -> None:
    phrase = text[text.index("Baghdad") : -1]
    assert (phrase, "FAC") in found(nlp, tiny_gazetteer, text)


def test_embassy_in_city_taken_whole(nlp: Any, tiny_gazetteer: Any) -> None:
    text = "Rockets targeted the U.S. Embassy in Baghdad this month."
    assert found(nlp, tiny_gazetteer, text) == [("U.S. Embassy in Baghdad", "FAC")]


def test_surname_after_full_name_is_a_person(nlp: Any, tiny_gazetteer: Any) -> None:
    text = "Qassem Soleimani led the force. Soleimani was killed in Iraq."
    assert found(nlp, tiny_gazetteer, text) == [("Iraq", "GPE")]


def test_name_owning_a_death_is_a_person(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("Soleimani", "Iran"))
    assert found(nlp, tiny_gazetteer, "Iran marked Soleimani's death.") == [("Iran", "GPE")]


def test_the_model_calling_a_word_person_more_often_than_place_wins(
    rule_nlp: Any, tiny_gazetteer: Any
) -> None:
    from spacy.tokens import Span

    # An entity_ruler cannot tag one word two ways, so the "model's" tags are set by hand.
    nlp = rule_nlp([])
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc("Angus spoke. Angus left. Angus smiled."))
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 3, 4, "PERSON"), Span(doc, 6, 7, "GPE")]
    assert recognize(doc, sentences_of(doc), tiny_gazetteer) == []


def test_washington_as_a_government_is_kept(nlp: Any, tiny_gazetteer: Any) -> None:
    text = "At the beginning of the month Washington reduced its diplomatic staff."
    assert found(nlp, tiny_gazetteer, text) == [("Washington", "GPE")]


def test_organisations_are_not_places_but_an_adjectival_demonym_is(nlp: Any, tiny_gazetteer: Any) -> None:
    # "Iraqi forces": the demonym puts the forces in Iraq, as gold news corpora count it (label NORP).
    text = "Iraqi forces and the State Department met at the Interior Department in Paris."
    assert found(nlp, tiny_gazetteer, text) == [("Iraqi", "NORP"), ("Paris", "GPE")]


@pytest.mark.parametrize(
    "text",
    [
        "The Iraqis met in Paris.",  # a people, as a plural noun
        "Talks in Paris ended, said the Iraqi.",  # a person, nothing after it
    ],
)
def test_demonym_as_a_noun_is_not_a_place(rule_nlp: Any, tiny_gazetteer: Any, text: str) -> None:
    nlp = rule_nlp(
        [*gpe("Paris"), {"label": "NORP", "pattern": "Iraqis"}, {"label": "NORP", "pattern": "Iraqi"}]
    )
    assert found(nlp, tiny_gazetteer, text) == [("Paris", "GPE")]


def test_demonyms_can_be_switched_off(nlp: Any, tiny_gazetteer: Any) -> None:
    doc = nlp("Iraqi forces met in Paris.")
    on = recognize(doc, sentences_of(doc), tiny_gazetteer)
    off = recognize(doc, sentences_of(doc), tiny_gazetteer, demonyms=False)
    assert [(m.text, m.label) for m in on] == [("Iraqi", "NORP"), ("Paris", "GPE")]
    assert [(m.text, m.label) for m in off] == [("Paris", "GPE")]


def test_bare_place_name_tagged_org_is_a_place(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "ORG", "pattern": "Moscow"}, {"label": "ORG", "pattern": "Acme Corp"}])
    assert found(nlp, tiny_gazetteer, "Talks were held in Moscow, Acme Corp said.") == [("Moscow", "GPE")]


def test_place_an_organisation_is_named_after(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp(
        [{"label": "ORG", "pattern": "Texas State Police"}, {"label": "ORG", "pattern": "Iraqi Army"}]
    )
    text = "Texas State Police and the Iraqi Army trained together."
    # The organisation is not a place; Texas is. "Iraqi" is an adjective, not a place.
    assert found(nlp, tiny_gazetteer, text) == [("Texas", "GPE")]


def test_dateline_city_in_capitals(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    assert found(rule_nlp([]), tiny_gazetteer, "MOSCOW — Talks resumed on Monday.") == [("MOSCOW", "GPE")]


def test_unknown_acronym_tagged_gpe_is_dropped(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("CNN", "U.S."))
    assert found(nlp, tiny_gazetteer, "CNN reported from the U.S. on Monday.") == [("U.S.", "GPE")]


def test_phrase_index_is_built_once_per_gazetteer(tiny_gazetteer: Any) -> None:
    assert phrase_index(tiny_gazetteer) is phrase_index(tiny_gazetteer)
    assert ("minot", "air", "force", "base") in phrase_index(tiny_gazetteer).phrases


def test_given_text_or_not_the_same_sentences_and_mentions(nlp: Any, tiny_gazetteer: Any) -> None:
    # The pipeline passes the article text so spaCy need not rebuild it; the result must not change.
    text = "  He lives in Paris.\n\nThen he moved to Texas.  "
    doc = nlp(text)
    sentences = sentences_of(doc, text)
    assert sentences == sentences_of(doc)
    assert [s.text for s in sentences] == ["He lives in Paris.", "Then he moved to Texas."]
    assert recognize(doc, sentences, tiny_gazetteer, text=text) == recognize(doc, sentences, tiny_gazetteer)


# -- sites the model takes for people, lists, base phrases -------------------------------------


@pytest.fixture
def base_nlp(rule_nlp: Any) -> Any:
    return rule_nlp(
        [
            {"label": "PERSON", "pattern": "Diego Garcia"},
            {"label": "PERSON", "pattern": "RAF Mildenhall"},
            {"label": "PERSON", "pattern": "Garcia"},
            {"label": "FAC", "pattern": "Souda Bay, Crete"},
            {"label": "GPE", "pattern": "Washington, D.C."},
            {"label": "GPE", "pattern": "Paris, France"},
            {"label": "LOC", "pattern": "Engels"},
        ]
    )


def test_base_named_like_a_person_is_a_place_where_the_text_puts_it_on_the_map(
    base_nlp: Any, bases_gazetteer: Any
) -> None:
    text = "The Air Force leaned on Diego Garcia. Six bombers deployed to Diego Garcia in March."
    assert found(base_nlp, bases_gazetteer, text) == [("Diego Garcia", "GAZ"), ("Diego Garcia", "GAZ")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Diego Garcia flew to Paris.",  # a title: a person
        "Diego Garcia went to Paris. Garcia said the talks went well.",  # his surname alone later
        "Diego Garcia said the talks went well.",  # never placed on the map
    ],
)
def test_a_person_of_a_bases_name_stays_a_person(base_nlp: Any, bases_gazetteer: Any, text: str) -> None:
    assert ("Diego Garcia", "GAZ") not in found(base_nlp, bases_gazetteer, text)


def test_a_site_word_in_the_name_makes_it_a_place(base_nlp: Any, bases_gazetteer: Any) -> None:
    # No preposition before it, but "RAF" names a station, not a person.
    text = "RAF Mildenhall has hosted American aircraft since the 1950s."
    assert found(base_nlp, bases_gazetteer, text) == [("RAF Mildenhall", "GAZ")]


def test_place_comma_container_is_two_mentions(base_nlp: Any, bases_gazetteer: Any) -> None:
    text = "The ship arrived at Souda Bay, Crete, on Sunday."
    assert [t for t, _ in found(base_nlp, bases_gazetteer, text)] == ["Souda Bay", "Crete"]


def test_a_name_with_a_comma_in_the_gazetteer_stays_whole(base_nlp: Any, bases_gazetteer: Any) -> None:
    assert found(base_nlp, bases_gazetteer, "He flew to Washington, D.C. on Monday.") == [
        ("Washington, D.C.", "GPE")
    ]


def test_town_followed_by_air_base_is_the_base(base_nlp: Any, bases_gazetteer: Any) -> None:
    assert found(base_nlp, bases_gazetteer, "Drones attacked the Engels air base overnight.") == [
        ("Engels air base", "FAC")
    ]
    # Without the base words it is the town.
    assert found(base_nlp, bases_gazetteer, "A fire broke out in Engels overnight.") == [("Engels", "LOC")]


def test_untagged_town_confirmed_by_the_division_after_it(rule_nlp: Any, far_east_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("Chukotka"))
    text = "The bombers took off from Anadyr in Chukotka on Monday."
    assert found(nlp, far_east_gazetteer, text) == [("Anadyr", "GPE"), ("Chukotka", "GPE")]
    # A capitalised word the gazetteer does not place in Chukotka stays a word.
    assert found(nlp, far_east_gazetteer, "He flew from Paris in Chukotka.") == [("Chukotka", "GPE")]


def test_lower_case_direction_before_a_sea_the_gazetteer_names(rule_nlp: Any, pacific_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "LOC", "pattern": "Pacific"}])
    text = "The carrier sailed into the western Pacific."
    assert found(nlp, pacific_gazetteer, text) == [("western Pacific", "LOC")]
    assert [t for t, _ in found(nlp, pacific_gazetteer, "The carrier sailed into the wide Pacific.")] == [
        "Pacific"
    ]


# -- third round, with the real model and gazetteer ---------------------------------------------


@pytest.fixture(scope="module")
def real() -> Any:
    from sortie.geodata.nlp import load_model
    from sortie.geodata.places.gazetteer import open_gazetteer

    return load_model(), open_gazetteer()


def _real_found(real: Any, text: str) -> list[str]:
    nlp, gazetteer = real
    doc = nlp(text)
    return [m.text for m in recognize(doc, sentences_of(doc), gazetteer)]


@pytest.mark.model
def test_a_name_after_a_kind_of_place_is_a_place_and_so_are_its_later_uses(real: Any) -> None:
    # the model tags neither "Odesa" nor "Bornholm" a place here (the latter it calls a person)
    text = (
        "Russia attacked the port of Odesa overnight. Every missile that reaches Odesa is aimed at "
        "the world's food. A plane flew off the Danish island of Bornholm."
    )
    names = _real_found(real, text)
    assert names.count("Odesa") == 2
    assert "Bornholm" in names


@pytest.mark.model
def test_a_town_before_base_words_is_the_base_whatever_the_model_tags_it(real: Any) -> None:
    text = "The jets took off from Mont-de-Marsan air base in south-western France on Wednesday."
    assert "Mont-de-Marsan air base" in _real_found(real, text)


@pytest.mark.model
def test_a_lone_person_tag_second_in_a_list_of_places_after_at_is_a_place(real: Any) -> None:
    # the model calls "Irbil" a person here; the list after "at" and the gazetteer say otherwise
    text = (
        "The missiles targeted two bases hosting coalition personnel at Al-Assad and Irbil, officials said."
    )
    names = _real_found(real, text)
    assert "Irbil" in names and "Al-Assad" in names


@pytest.mark.model
def test_a_person_named_in_full_is_not_a_place_in_a_list(real: Any) -> None:
    text = "The awards went to teams at Oxford and Smith, said John Smith."
    assert "Smith" not in _real_found(real, text)


@pytest.mark.model
def test_two_places_tagged_as_one_entity_either_side_of_near(real: Any) -> None:
    text = "On Wednesday, Pakistani jets struck targets across the Line of Control near Rajouri in Kashmir."
    names = _real_found(real, text)
    assert "Line of Control" in names
    assert not any("near" in n for n in names)


# -- datelines, press abbreviations, compound demonyms, clubs and agencies -------------------------

LOCAL_PLACES = [
    (Place("test:barrie", "Barrie", "city", "CA", -79.69, 44.40, "city", 136_063, "Ontario"), ()),
    (Place("test:holliday", "Holliday", "city", "US", -92.13, 39.49, "city", 600, "Missouri"), ()),
    (Place("test:missouri", "Missouri", "admin1", "US", -92.5, 38.25, "region"), ("Mo.",)),
    (Place("test:ba", "Ba", "admin1", "FJ", 177.67, -17.53, "region"), ()),
    (Place("test:xinhua", "Xinhua", "city", "CN", 111.3, 27.7, "city", 9_000), ()),
    (Place("test:madrid", "Madrid", "city", "ES", -3.70, 40.42, "city", 3_255_944), ()),
]


@pytest.fixture
def local_gazetteer(commonwealth_gazetteer: Any) -> Any:
    return type(commonwealth_gazetteer)([*commonwealth_gazetteer.entries, *LOCAL_PLACES])


def test_small_town_dateline_with_its_state_after_a_title(rule_nlp: Any, local_gazetteer: Any) -> None:
    text = "Driver hurt in crash\nHOLLIDAY, Mo. — A 25-year-old man was hurt on Friday."
    assert found(rule_nlp([]), local_gazetteer, text) == [("HOLLIDAY", "GPE"), ("Mo.", "GPE")]


def test_capitals_that_name_no_town_are_no_dateline(rule_nlp: Any, local_gazetteer: Any) -> None:
    assert found(rule_nlp([]), local_gazetteer, "UPDATE — Talks resumed on Monday.") == []


def test_press_abbreviation_after_a_town_whatever_the_model_says(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp([*gpe("Barrie"), {"label": "PERSON", "pattern": "Ont"}])
    text = "They bought a home in Barrie, Ont., last year."
    assert found(nlp, local_gazetteer, text) == [("Barrie", "GPE"), ("Ont.", "GPE")]


def test_compound_demonym_names_both_countries(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "NORP", "pattern": [{"TEXT": "Iraqi"}, {"TEXT": "-"}, {"TEXT": "Iranian"}]}])
    text = "The Iraqi-Iranian border was closed."
    assert found(nlp, tiny_gazetteer, text) == [("Iraqi", "NORP"), ("Iranian", "NORP")]


def test_country_joined_to_a_participle(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    text = "Turkey is a partner in the U.S.-led campaign."
    assert ("U.S.", "GPE") in found(rule_nlp(gpe("Turkey")), tiny_gazetteer, text)


def test_country_inside_an_organisation_name(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "ORG", "pattern": "The U.S. Department of Justice"}])
    text = "The U.S. Department of Justice said he pleaded guilty."
    assert found(nlp, tiny_gazetteer, text) == [("U.S.", "GPE")]


def test_an_airline_acronym_is_not_the_province_it_spells(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "ORG", "pattern": "BA"}])
    assert found(nlp, local_gazetteer, "BA cabin crew will strike, BA said.") == []


def test_a_town_in_a_club_name_is_the_club(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("Madrid"))
    assert found(nlp, local_gazetteer, "Real Madrid beat Atletico Madrid on Sunday.") == []
    assert found(nlp, local_gazetteer, "Talks were held in Madrid on Sunday.") == [("Madrid", "GPE")]


def test_a_name_the_model_tags_an_organisation_as_often_is_an_agency(
    rule_nlp: Any, local_gazetteer: Any
) -> None:
    from spacy.tokens import Span

    text = "A landslide buried the village, Xinhua reported. Xinhua said 40 homes were lost."
    doc = rule_nlp([])(text)
    first, second = (t.i for t in doc if t.text == "Xinhua")
    doc.ents = [Span(doc, first, first + 1, label="GPE")]
    assert [m.text for m in recognize(doc, sentences_of(doc), local_gazetteer)] == ["Xinhua", "Xinhua"]
    # the model tags the word a place once and an organisation once: an agency, not the town
    doc.ents = [Span(doc, first, first + 1, label="GPE"), Span(doc, second, second + 1, label="ORG")]
    assert recognize(doc, sentences_of(doc), local_gazetteer) == []


# -- military sites, ships, fleets, named waters --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frigates left Canadian Forces Base Esquimalt on Monday.", "Canadian Forces Base Esquimalt"),
        ("Jets flew from Joint Base Lewis-McChord overnight.", "Joint Base Lewis-McChord"),
        ("Troops trained at the Vaziani training area outside Tbilisi.", "Vaziani training area"),
        ("Vehicles left Senaki Military Base on July 31.", "Senaki Military Base"),
    ],
)
def test_a_designated_military_site_is_taken_whole(
    rule_nlp: Any, tiny_gazetteer: Any, text: str, expected: str
) -> None:
    nlp = rule_nlp([{"label": "PERSON", "pattern": "Vaziani"}, *gpe("Tbilisi")])
    assert (expected, "FAC") in found(nlp, tiny_gazetteer, text)


def test_a_ship_named_after_a_city_is_no_place(rule_nlp: Any, commonwealth_gazetteer: Any) -> None:
    nlp = rule_nlp([*gpe("London", "Montreal"), {"label": "LOC", "pattern": "HMCS Montreal"}])
    text = "HMS London and HMCS Montreal sailed with ships from London."
    assert found(nlp, commonwealth_gazetteer, text) == [("London", "GPE")]  # the last one only


def test_a_sea_in_a_fleet_name_is_no_place(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    text = "The Arabian Gulf Fleet sailed into the Arabian Gulf."
    assert found(rule_nlp([]), tiny_gazetteer, text) == [("Arabian Gulf", "GAZ")]


def test_title_case_dateline_told_by_its_date(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "PERSON", "pattern": "Baghdad"}])
    text = "Rockets hit base\nBaghdad, June 2 (UNI) Rockets struck the base."
    assert found(nlp, tiny_gazetteer, text) == [("Baghdad", "GPE")]


def test_a_place_and_its_container_tagged_as_one_organisation(
    rule_nlp: Any, commonwealth_gazetteer: Any
) -> None:
    nlp = rule_nlp([{"label": "ORG", "pattern": "Montreal, Quebec"}])
    text = "The bombers took off from the base at Montreal, Quebec, on Monday."
    assert found(nlp, commonwealth_gazetteer, text) == [("Montreal", "GPE"), ("Quebec", "GPE")]


# -- lists, institutions, demonyms joined by "and" (the real model: it gives the parse) ------------


@pytest.mark.model
def test_a_demonym_before_a_gerund_with_the_real_model(tiny_gazetteer: Any) -> None:
    from sortie.geodata.nlp import load_model

    got = found(load_model(), tiny_gazetteer, "Officials blamed Russian hacking for the defeat.")
    assert [m for m in got if m[1] == "NORP"] == [("Russian", "NORP")]


def test_a_town_in_a_list_of_places_is_a_place(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("Montreal", "Barrie"))
    text = "The ranking compares Montreal, Holliday, Barrie and other cities."
    assert ("Holliday", "GPE") in found(nlp, local_gazetteer, text)


def test_a_word_in_a_list_that_names_no_town_stays_out(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp(gpe("Montreal", "Barrie"))
    text = "The ranking compares Montreal, Smithers, Barrie and other cities."
    assert [m[0] for m in found(nlp, local_gazetteer, text)] == ["Montreal", "Barrie"]


def test_a_place_named_again_in_its_own_court(rule_nlp: Any, local_gazetteer: Any) -> None:
    nlp = rule_nlp([{"label": "ORG", "pattern": "Holliday Superior Court"}])
    text = "HOLLIDAY, Mo. — He was arraigned in Holliday Superior Court on Tuesday."
    assert [m[0] for m in found(nlp, local_gazetteer, text)] == ["HOLLIDAY", "Mo.", "Holliday"]


def test_an_untagged_name_after_at_is_looked_up(rule_nlp: Any, tiny_gazetteer: Any) -> None:
    erbil = (Place("geonames:95446", "Erbil", "city", "IQ", 44.01, 36.19, "city", 932_800), ("Irbil",))
    gaz = type(tiny_gazetteer)([*tiny_gazetteer.entries, erbil])
    # a big city by another of its spellings; "Xanadu" names nothing the gazetteer has
    text = "Missiles struck bases at Irbil and depots at Xanadu overnight."
    assert found(rule_nlp([]), gaz, text) == [("Irbil", "GPE")]


@pytest.mark.model
def test_a_name_before_a_lower_case_division_word_is_a_place(real: Any) -> None:
    # the model tags nothing in "the Odesa region" here
    text = "Russia launched drones overnight from Crimea at the Odesa region, the air force said."
    assert "Odesa" in _real_found(real, text)


def test_an_untagged_town_after_from_is_a_place_by_its_own_name(
    rule_nlp: Any, far_east_gazetteer: Any
) -> None:
    nlp = rule_nlp([])  # no entity at all: the town is found by the preposition and the gazetteer
    assert found(nlp, far_east_gazetteer, "The bombers took off from Anadyr on Monday.") == [
        ("Anadyr", "GPE")
    ]
    # a word the gazetteer does not know as a town stays a word
    assert found(nlp, far_east_gazetteer, "The bombers took off from Yesterday on Monday.") == []


def test_a_name_after_an_area_word_and_of_is_a_place(rule_nlp: Any, far_east_gazetteer: Any) -> None:
    nlp = rule_nlp([])
    text = "Helicopters bombarded positions in the rural zone of Anadyr on Sunday."
    assert found(nlp, far_east_gazetteer, text) == [("Anadyr", "GPE")]


def test_the_pipeline_passes_the_demonym_option_down(nlp: Any, tiny_gazetteer: Any) -> None:
    from sortie.geodata.pipeline import parse_articles
    from sortie.geodata.records import Article

    article = Article(doc="a", text="Iraqi forces met in Paris.")

    def labels(demonyms: bool) -> list[tuple[str, str]]:
        (parsed,) = parse_articles([article], nlp=nlp, gazetteer=tiny_gazetteer, demonyms=demonyms)
        return [(t.mention.text, t.mention.label) for t in parsed.toponyms]

    assert labels(True) == [("Iraqi", "NORP"), ("Paris", "GPE")]
    assert labels(False) == [("Paris", "GPE")]


def test_a_town_the_model_calls_a_product_after_from_is_a_place(
    rule_nlp: Any, far_east_gazetteer: Any
) -> None:
    # the small model tags unfamiliar towns as products ("sailed from Severomorsk"); after a
    # place preposition the gazetteer decides, and a product named after a verb stays a product
    nlp = rule_nlp([{"label": "PRODUCT", "pattern": "Anadyr"}])
    assert found(nlp, far_east_gazetteer, "Two corvettes had sailed from Anadyr on Monday.") == [
        ("Anadyr", "GPE")
    ]
    assert found(nlp, far_east_gazetteer, "The navy bought Anadyr for its corvettes.") == []
