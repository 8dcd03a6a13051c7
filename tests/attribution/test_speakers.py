"""Who a speaker phrase stands for (:mod:`toolkit.attribution.speakers`), behaviour by behaviour.

Every phrase here is invented, and so are the people: a small gazetteer of
real states and organisations, with officials who never held office, is
enough to state each rule of :class:`Resolver`; the shipped gazetteer is used
only where a rule reads its data (the UN speaking through its
Secretary-General, a state's institutions).
"""

import pytest

from toolkit.attribution.gazetteer import Entity, Gazetteer, Official
from toolkit.attribution.speakers import Resolver, Speaker, Words
from toolkit.io import default_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer([
        Entity("FRA", "France", "state", ("French Republic",), ("French",), ("Paris",), ("Elysee Palace",)),
        Entity("NOR", "Norway", "state", (), ("Norwegian",), ("Oslo",)),
        Entity("KEN", "Kenya", "state", (), ("Kenyan",), ("Nairobi",)),
        Entity("TTO", "Trinidad and Tobago", "state", (), ("Trinidadian",), ("Port of Spain",)),
        Entity("UN", "United Nations", "un_body", ("UN",), speaker="UNSG"),
        Entity("UNSG", "UN Secretary-General", "un_body", ("Secretary-General", "UN chief")),
        Entity("AU", "African Union", "international_organization", ("AU",)),
        Entity("DWS", "Daily Wire Service", "media"),
    ], [
        Official("Anders Holt", ("Holt",), "head_of_government", "Prime Minister", "NOR", 2001, 2008, "m"),
        Official("Anders Holt", ("Holt",), "org_head", "Chairperson of the Commission", "AU", 2012, 2016, "m"),
        Official("Amara Osei", ("Osei",), "foreign_minister", "Foreign Minister", "KEN", 2018, None, "f"),
        Official("Lucy Paris", ("Paris",), "spokesperson", "Spokesperson", "KEN", 2019, None, "f"),
    ])


def resolve(resolver, phrase, **options):
    """The speakers of a phrase that is the whole text."""
    return resolver.resolve(phrase, 0, len(phrase), **options)


def actors(speakers):
    return [s.entity.id if s.entity is not None else None for s in speakers]


def spoken(resolver, phrase):
    """Resolve a phrase and record its speakers as having made a statement."""
    speakers = resolve(resolver, phrase)
    resolver.spoke(speakers)
    return speakers


# -- Words and Speaker ---------------------------------------------------------------
def test_words_point_into_the_document_and_fold_for_the_word_lists():
    text = "Yesterday the Kenyan Envoy’s aide spoke"
    words = Words.of(text, 10, 33)
    assert words.written == ["the", "Kenyan", "Envoy", "s", "aide"]
    assert words.folded == ["the", "kenyan", "envoy", "s", "aide"]
    assert [text[a:b] for a, b in zip(words.starts, words.ends)] == words.written
    assert words.sep(3) == "’" and words.sep(0) == ""
    assert words.span(1, 3) == "Kenyan Envoy" and words.span(2, 2) == ""


def test_a_phrase_that_leaves_a_bracket_open_ends_after_it():
    text = "The African Union (AU) said"
    words = Words.of(text, 0, text.index(")"))
    assert words.written[-1] == "AU"
    assert words.stop(0, len(words)) == text.index(")") + 1
    assert words.span(0, len(words)) == "The African Union (AU)"


def test_a_speaker_without_an_actor_has_the_unknown_type_and_no_name(gazetteer):
    nobody = Speaker(None, "the spokesman", 0, 13, person=True)
    assert (nobody.actor_type, nobody.name) == ("unknown", None)
    norway = Speaker(gazetteer["NOR"], "Norway", 0, 6)
    assert (norway.actor_type, norway.name) == ("state", "Norway")


# -- lists ---------------------------------------------------------------------------
def test_a_list_gives_one_speaker_per_item_each_with_its_own_words(gazetteer):
    text = "France, Norway and Kenya"
    speakers = resolve(Resolver(gazetteer), text)
    assert actors(speakers) == ["FRA", "NOR", "KEN"]
    assert [(s.words, text[s.start:s.end]) for s in speakers] == [("France", "France"), ("Norway", "Norway"),
                                                                  ("Kenya", "Kenya")]


def test_a_list_is_never_split_inside_a_name(gazetteer):
    assert actors(resolve(Resolver(gazetteer), "Trinidad and Tobago and Kenya")) == ["TTO", "KEN"]
    assert actors(resolve(Resolver(gazetteer), "Norway as well as the African Union")) == ["NOR", "AU"]


def test_the_items_of_one_actor_are_one_speaker_of_the_whole_phrase(gazetteer):
    text = "Norwegian Prime Minister Kari Dahl and Foreign Minister Per Lund"
    speakers = resolve(Resolver(gazetteer), text)
    assert actors(speakers) == ["NOR"]
    assert speakers[0].words == text and speakers[0].person


def test_a_heading_names_no_one_unless_every_item_names_someone(gazetteer):
    assert actors(resolve(Resolver(gazetteer), "Kenya and the weather")) == ["KEN"]
    assert resolve(Resolver(gazetteer), "Kenya and the weather", strict=True) == []


# -- states and organisations ----------------------------------------------------------
@pytest.mark.parametrize("phrase", ["Norway", "the Norwegian foreign ministry", "the Norwegian envoy", "Oslo",
                                    "Oslo officials"])
def test_a_state_speaks_by_name_by_demonym_with_a_title_or_by_its_capital(gazetteer, phrase):
    assert actors(resolve(Resolver(gazetteer), phrase)) == ["NOR"]


def test_a_state_speaks_by_its_institution(gazetteer):
    speakers = resolve(Resolver(gazetteer), "the Elysee Palace")
    assert actors(speakers) == ["FRA"] and speakers[0].words == "the Elysee Palace"


@pytest.mark.parametrize("phrase", ["Norwegian fishermen", "Oslo marathon runners", "Kenyan opposition leaders",
                                    "the Norwegian people"])
def test_a_demonym_or_capital_without_a_government_word_is_not_the_state(gazetteer, phrase):
    assert resolve(Resolver(gazetteer), phrase) == []


def test_an_organisation_speaks_and_a_bare_un_speaks_through_its_secretary_general(gazetteer):
    assert actors(resolve(Resolver(gazetteer), "the African Union")) == ["AU"]
    assert actors(resolve(Resolver(gazetteer), "the UN")) == ["UNSG"]
    assert actors(resolve(Resolver(gazetteer), "UN chief")) == ["UNSG"]


def test_the_shipped_gazetteer_sends_the_un_to_its_secretary_general_and_knows_institutions():
    resolver = Resolver(default_gazetteer())
    assert actors(resolve(resolver, "the UN")) == ["UNSG"]
    assert actors(resolve(resolver, "the White House")) == ["USA"]
    assert actors(resolve(resolver, "U.S. officials")) == ["USA"]


# -- what is never a speaker -------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["world leaders", "the international community", "several countries",
                                    "some key foreign leaders", "Daily Wire Service", "the news agency", "   "])
def test_collectives_and_news_media_give_no_speaker(gazetteer, phrase):
    assert resolve(Resolver(gazetteer), phrase) == []


def test_a_collective_item_of_a_list_is_left_out(gazetteer):
    speakers = resolve(Resolver(gazetteer), "France and other countries")
    assert actors(speakers) == ["FRA"]


def test_officials_listed_with_a_collective_are_no_ones(gazetteer):
    resolver = Resolver(gazetteer, home=gazetteer["KEN"])
    assert actors(resolve(resolver, "senior officials")) == ["KEN"]
    assert resolve(resolver, "the international community and senior officials") == []


@pytest.mark.parametrize("phrase, actor", [("the French embassy in Nairobi", "FRA"),
                                           ("the Norwegian envoy to Kenya", "NOR"),
                                           ("Norway’s envoy in Kenya", "NOR"),
                                           ("a statement from the Kenyan embassy", "KEN")])
def test_a_place_after_in_or_to_is_not_the_speaker(gazetteer, phrase, actor):
    assert actors(resolve(Resolver(gazetteer), phrase)) == [actor]


def test_a_state_named_only_after_in_or_to_leaves_the_speaker_without_an_actor(gazetteer):
    speakers = resolve(Resolver(gazetteer), "the envoy in Kenya")
    assert actors(speakers) == [None] and speakers[0].person
    assert resolve(Resolver(gazetteer), "a message to Kenya") == []


def test_an_addressee_after_to_is_not_the_speaker_of_a_message(gazetteer):
    resolver = Resolver(gazetteer)
    assert resolve(resolver, "the message to President Paul Roche") == []
    spoken(resolver, "Kenya")
    assert actors(resolve(resolver, "the message to President Paul Roche")) == ["KEN"]


# -- people ------------------------------------------------------------------------------
def test_a_titled_person_is_then_named_by_the_surname_alone(gazetteer):
    resolver = Resolver(gazetteer)
    first = spoken(resolver, "Kenyan Interior Minister Wanjiru Kamau")
    assert actors(first) == ["KEN"] and first[0].person
    later = resolve(resolver, "Kamau")
    assert actors(later) == ["KEN"] and later[0].words == "Kamau" and later[0].person
    assert actors(resolve(Resolver(gazetteer), "Kamau")) == [None]  # unknown to a resolver that did not see her


def test_he_and_she_refer_to_the_last_person_of_that_gender(gazetteer):
    resolver = Resolver(gazetteer)
    spoken(resolver, "Kenyan Interior Minister Ms Wanjiru Kamau")
    spoken(resolver, "Norwegian Foreign Minister Mr Per Lund")
    spoken(resolver, "the African Union")  # an institution: never "he" or "she"
    assert actors(resolve(resolver, "he")) == ["NOR"]
    assert actors(resolve(resolver, "She")) == ["KEN"]


def test_he_refers_to_no_one_when_only_a_woman_has_spoken(gazetteer):
    resolver = Resolver(gazetteer)
    spoken(resolver, "Kenyan Interior Minister Ms Wanjiru Kamau")
    assert resolve(resolver, "he") == []


def test_it_refers_to_the_institution_that_spoke_just_before_and_we_to_the_issuer(gazetteer):
    resolver = Resolver(gazetteer)
    resolver.recent = resolve(resolver, "the African Union")
    assert actors(resolve(resolver, "it")) == ["AU"]
    resolver.recent = resolve(resolver, "France and Norway")
    assert actors(resolve(resolver, "They")) == ["FRA", "NOR"]
    resolver.issuer = resolve(resolver, "Kenya")
    assert actors(resolve(resolver, "We")) == ["KEN"]


def test_his_refers_to_the_person_named_before_in_the_sentence(gazetteer):
    resolver = Resolver(gazetteer)
    nearby = resolve(resolver, "French President Mr Luc Martin")
    speakers = resolve(resolver, "his deputy spokesman", nearby=nearby)
    assert actors(speakers) == ["FRA"] and speakers[0].words == "his deputy spokesman"


# -- offices --------------------------------------------------------------------------------
def test_the_ministry_is_the_last_speaker_with_that_title(gazetteer):
    resolver = Resolver(gazetteer)
    spoken(resolver, "the Kenyan Foreign Ministry")
    spoken(resolver, "the Norwegian embassy")
    spoken(resolver, "France")
    assert actors(resolve(resolver, "the ministry")) == ["KEN"]
    assert actors(resolve(resolver, "the embassy")) == ["NOR"]
    assert actors(resolve(Resolver(gazetteer), "the ministry")) == [None]


def test_an_office_without_a_state_takes_it_from_the_item_before_it(gazetteer):
    resolver = Resolver(gazetteer)
    text = "Norwegian Prime Minister Kari Dahl, Kenyan Foreign Minister Jo Mwangi and Interior Minister Ali Hassan"
    speakers = spoken(resolver, text)
    assert actors(speakers) == ["NOR", "KEN"]
    assert actors(resolve(resolver, "Hassan")) == ["KEN"]  # registered with the state of the item before
    assert actors(resolve(resolver, "Dahl")) == ["NOR"]


def test_an_office_without_a_state_takes_it_from_the_heading(gazetteer):
    resolver = Resolver(gazetteer)
    assert actors(resolve(resolver, "the interior minister")) == [None]
    resolver.heading = resolve(resolver, "Kenya")
    assert actors(resolve(resolver, "the interior minister")) == ["KEN"]
    assert actors(resolve(resolver, "Foreign Minister Jo Mwangi")) == ["KEN"]
    assert actors(resolve(resolver, "the director")) == [None]  # a title, but no government's


def test_an_office_without_a_name_takes_the_state_of_the_dateline(gazetteer):
    resolver = Resolver(gazetteer, home=gazetteer["KEN"])
    assert actors(resolve(resolver, "Officials")) == ["KEN"]
    assert actors(resolve(resolver, "the interior minister")) == ["KEN"]
    # a named person is not the dateline's because the report was filed there
    assert actors(resolve(resolver, "Foreign Minister Jo Mwangi")) == [None]
    assert actors(resolve(Resolver(gazetteer), "Officials")) == [None]


# -- officials by year ------------------------------------------------------------------------
@pytest.mark.parametrize("year, actor", [(2005, "NOR"), (2014, "AU"), (2010, None), (None, None)])
def test_an_official_speaks_for_the_actor_served_in_the_documents_year(gazetteer, year, actor):
    speakers = resolve(Resolver(gazetteer, year=year), "Anders Holt")
    assert actors(speakers) == [actor] and speakers[0].person


@pytest.mark.parametrize("year, actor", [(2020, "KEN"), (2010, "FRA")])
def test_a_capital_that_is_an_officials_surname_is_the_official_while_in_office(gazetteer, year, actor):
    assert actors(resolve(Resolver(gazetteer, year=year), "Paris")) == [actor]


def test_an_officials_surname_and_gender_come_from_the_officials_table(gazetteer):
    resolver = Resolver(gazetteer, year=2020)
    speakers = resolve(resolver, "Osei")
    assert actors(speakers) == ["KEN"] and speakers[0].gender == "f"
    resolver.spoke(speakers)
    assert actors(resolve(resolver, "she")) == ["KEN"]
    assert actors(resolve(Resolver(gazetteer, year=2010), "Osei")) == [None]  # not yet in office
