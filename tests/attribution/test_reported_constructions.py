"""One general construction per test (issue #25), on invented sentences: who reacted, read from the parse.

A dateline or a "Place:" label before a sentence with its own subject, spelling variants of names, the
UN agencies news names by description, actors listed after the verb or after a reaction noun, subjects
reached through an adjective's complement, and what is not a statement of an actor (a claim of
responsibility, "a faction of" a group).
"""

import pytest

from toolkit.attribution import attribute_statements
from toolkit.io import default_gazetteer
from toolkit.text.corpus import Document


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def actors_of(gazetteer, *texts: str) -> list[list[str]]:
    """The actor ids of each text's statements, in order (unresolved ones left out)."""
    result = attribute_statements([Document(f"d{k}", t) for k, t in enumerate(texts)], gazetteer)
    table = result.table
    return [[a for a in table.loc[table.doc_id == f"d{k}", "actor_id"] if isinstance(a, str)]
            for k in range(len(texts))]


def test_a_sentences_own_subject_wins_over_the_place_label_before_it(gazetteer):
    found = actors_of(gazetteer,
                      "Abu Dhabi: The Arab League has condemned the bombing of the market.",
                      "Riyadh: The Gulf Cooperation Council has condemned the bombing of the market.",
                      "Riyadh: The foreign ministry has condemned the bombing of the market.",  # an unnamed office
                      "Lima: The attack killed twelve people.",  # facts under a place: no one
                      "Pakistan: We stand with Sri Lanka and condemn the attack.",  # a round-up: the label speaks
                      "Peru: 'We stand with Sri Lanka'")
    assert found == [["LAS"], ["GCC"], ["SAU"], [], ["PAK"], ["PER"]]
