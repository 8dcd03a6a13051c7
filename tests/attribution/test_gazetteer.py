import pytest

from toolkit.attribution.gazetteer import Entity, Gazetteer, Official, name_key, spelling_variants
from toolkit.errors import InputError, ParameterError
from toolkit.io import default_gazetteer, read_gazetteer
from toolkit.text.tokens import split_tokens

REQUIRED_ORGANIZATIONS = ["EU", "OIC", "UN", "UNSC", "UNSG", "UNGA", "UNHRC", "NATO", "GCC", "AU", "ASEAN", "LAS",
                          "SCO", "OSCE", "CoE", "ECOWAS", "SAARC", "G7", "G20"]


def words(text):
    _, starts, ends = split_tokens(text.casefold())
    return [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]


def test_the_default_gazetteer_has_every_un_member_and_observer_and_the_organisations():
    g = default_gazetteer()
    states = [e for e in g.entities.values() if e.type == "state"]
    assert len(states) == 195 and {"VAT", "PSE"} <= {e.id for e in states}
    assert all(len(e.id) == 3 and e.id.isupper() for e in states)
    assert set(REQUIRED_ORGANIZATIONS) <= set(g.entities)
    assert g["UNSG"].type == "un_body" and g["OIC"].type == "international_organization"
    assert g["REUTERS"].type == "media"


@pytest.mark.parametrize("text, expected", [
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Turkiye", "TUR"), ("Turkish", "TUR"),
    ("the Chinese Embassy in Islamabad", "CHN"), ("the Russian statement", "RUS"),
    ("Saudi Ministry of Foreign Affairs", "SAU"), ("the UN Secretary-General Antonio Guterres", "UNSG"),
    ("EU foreign policy chief", "EU"), ("the United Arab Emirates", "ARE"), ("UAE", "ARE"),
    ("the Holy See", "VAT"), ("Côte d’Ivoire", "CIV"), ("U.S. officials", "USA"), ("Beijing said", "CHN"),
])
def test_names_aliases_demonyms_and_capitals_resolve_to_codes(text, expected):
    mentions = default_gazetteer().find(words(text))
    assert mentions and mentions[0].entity.id == expected


def test_lookup_finds_every_entity_by_its_code_written_as_stored_and_names_still_win():
    g = default_gazetteer()
    names = {code: getattr(g.lookup(code), "name", None) for code in ("SVN", "EU", "CoE", "CAN")}
    assert names == {"SVN": "Slovenia", "EU": "European Union", "CoE": "Council of Europe", "CAN": "Canada"}
    assert all(g.lookup(code) is entity for code, entity in g.entities.items())
    assert g.lookup("svn") is None and g.lookup("Svn") is None  # codes only as stored, never folded
    assert g.lookup("can") is None
    assert getattr(g.lookup("UAE"), "id", None) == "ARE"  # an alias, as before


@pytest.mark.parametrize("text", ["We can act now.", "He said CAN and SVN are codes.", "FRA DEU"])
def test_codes_are_not_names_in_running_text(text):
    assert [m.entity.id for m in default_gazetteer().find(words(text))] == []


@pytest.mark.parametrize("text", ["help us now", "the chad of paper", "roast turkey", "an indian summer day"])
def test_lowercase_words_and_codes_in_the_wrong_case_are_not_actors(text):
    assert default_gazetteer().find(words(text)) == []


def test_a_gazetteer_refuses_a_name_given_to_two_entities_and_bad_files(tmp_path):
    with pytest.raises(ParameterError, match=r"^The 'entities' parameter of Gazetteer must be entities whose "
                                             r"names name one entity each\. Got 'Georgia' naming both GEO and USA "
                                             r"instead\.$"):
        Gazetteer([Entity("GEO", "Georgia", "state"), Entity("USA", "United States", "state", ("Georgia",))])
    bad = tmp_path / "states.tsv"
    bad.write_text("id\tname\nFRA\tFrance\textra\tcolumns\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"states.tsv:2: row has 4 fields, the header has 2"):
        read_gazetteer(bad)


@pytest.mark.parametrize("entities, officials, message", [
    ([3], (), r"^The 'entities' parameter of Gazetteer must be an iterable of Entity\. Got an item of type int "
              r"instead\.$"),
    ([Entity("X", "Xland", "planet")], (), r"^The 'entities' parameter of Gazetteer must be entities of a type among "
                                           r"'state', .*'generic'\. Got 'X' of type 'planet' instead\.$"),
    ([Entity("X", "Xland", "state"), Entity("X", "Yland", "state")], (),
     r"^The 'entities' parameter of Gazetteer must be entities with distinct ids\. Got 'X' twice instead\.$"),
    ([Entity("UN", "United Nations", "un_body", speaker="UNSG")], (),
     r"^The 'entities' parameter of Gazetteer must be entities that speak through entities it defines\. Got 'UN' "
     r"speaking through 'UNSG', which it does not define instead\.$"),
    ([], ["Jo Doe"], r"^The 'officials' parameter of Gazetteer must be an iterable of Official\. Got an item of type "
                     r"str instead\.$"),
    ([], [Official("Jo Doe", (), "mayor", "Mayor", "X", 2000, None)],
     r"^The 'officials' parameter of Gazetteer must be officials of an office among 'head_of_state', .*\. Got "
     r"'Jo Doe' of office 'mayor' instead\.$"),
])
def test_a_gazetteer_refuses_bad_entities_and_officials_in_the_one_template(entities, officials, message):
    with pytest.raises(ParameterError, match=message):
        Gazetteer(entities, officials)


@pytest.mark.parametrize("written", [
    "The Organisation for Security and Co-operation in Europe",
    "The Organization for Security and Cooperation in Europe",
    "The Organisation for Security and Cooperation in Europe",
])
def test_a_name_in_another_spelling_names_the_same_entity(written):
    g = Gazetteer([Entity("OSCE", "OSCE", "international_organization",
                          ("Organization for Security and Co-operation in Europe",))])
    text = f"{written} condemned the attack"
    _, starts, ends = split_tokens(text)
    words = [text[a:b] for a, b in zip(starts, ends)]  # the tokens as written: a hyphen splits a word
    found = g.find(words)
    assert [(m.entity.id, m.start) for m in found] == [("OSCE", 1)] and words[found[0].end] == "condemned"
    entity = g.lookup(written.removeprefix("The "))
    assert entity is not None and entity.id == "OSCE"


def test_spelling_variants_are_generated_both_ways_and_combined():
    spelled = spelling_variants(name_key("Shanghai Cooperation Organization"))
    assert {("shanghai", "co", "operation", "organisation"), ("shanghai", "cooperation", "organization")} <= spelled
    assert spelling_variants(name_key("African Union")) == {("african", "union")}  # nothing to vary
    assert ("coordination",) in spelling_variants(("co", "ordination"))


def test_a_spelling_of_one_entity_never_takes_another_entitys_own_name():
    g = Gazetteer([Entity("A", "Defence Council", "international_organization"),
                   Entity("B", "Defense Council", "international_organization")])
    assert [getattr(g.lookup(n), "id", None) for n in ("Defense Council", "Defence Council")] == ["B", "A"]
