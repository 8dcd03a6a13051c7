"""Reading an intensity cue on the dependency parse: one construction per test, on invented sentences."""

from __future__ import annotations

from typing import Any

import pytest

from toolkit.analysis.reading import (
    CueReading,
    evaluative_judgements,
    is_judgement,
    parse_words,
    read_cue,
    sentiment_lexicon,
)
from toolkit.attribution.parse import load_pipeline
from toolkit.errors import ParameterError

#: What the speaker test of a caller knows: the first-person pronouns and the actor's names.
SPEAKER_NAMES = {"we", "i", "my delegation", "my government", "our country", "my country", "freedonia",
                 "the government of freedonia"}
INTENSIFIERS = frozenset({"strongly", "firmly", "unequivocally", "resolutely", "most", "strongest", "vigorously"})


def speaker(phrase: str) -> bool:
    return phrase.lower() in SPEAKER_NAMES


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def read(nlp, text: str, cue: str, *, occurrence: int = 0) -> tuple[CueReading, Any]:
    """Read the cue ``cue`` (its ``occurrence``-th appearance) in a one-sentence text."""
    doc = nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(cue, start + 1)
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return read_cue(sentence, start, start + len(cue), speaker=speaker, intensifier_words=INTENSIFIERS), sentence


# --- whose reaction it is ---------------------------------------------------------------------------------
def test_subject_that_is_another_body_makes_the_cue_another_s(nlp):
    reading, _ = read(nlp, "The Security Council condemned the attack on the embassy.", "condemned")
    assert reading.own is False
    assert reading.why == "subject: The Security Council"


def test_first_person_subject_makes_the_cue_the_speaker_s(nlp):
    reading, _ = read(nlp, "We condemn the attack on the embassy.", "condemn")
    assert reading.own is True and reading.why == "subject: We"


def test_actor_named_as_subject_makes_the_cue_the_speaker_s(nlp):
    reading, _ = read(nlp, "Freedonia condemns the shelling of the border villages.", "condemns")
    assert reading.own is True


def test_subject_is_inherited_through_a_preposition_with_a_gerund(nlp):
    text = "International opinion reacted most vigorously by condemning the invasion."
    reading, _ = read(nlp, text, "condemning")
    assert reading.own is False and reading.why == "subject: International opinion"


def test_subject_is_inherited_by_a_coordinated_verb(nlp):
    reading, _ = read(nlp, "We have denounced and condemned the killings.", "condemned")
    assert reading.own is True


def test_relative_clause_cue_belongs_to_the_antecedent(nlp):
    text = "The resolution, which expresses the most uncompromising condemnation of apartheid, was adopted."
    reading, _ = read(nlp, text, "condemnation")
    assert reading.own is False
    assert reading.why.startswith("antecedent: The resolution")


def test_passive_agent_at_any_distance_makes_the_cue_another_s(nlp):
    reading, _ = read(nlp, "The invasion was condemned out of hand by the neighbouring state.", "condemned")
    assert reading.own is False and reading.why == "agent: by the neighbouring state"


def test_passive_agent_that_includes_the_speaker_makes_the_cue_its_own(nlp):
    text = "The invasion was condemned by the international community, including Freedonia."
    reading, _ = read(nlp, text, "condemned")
    assert reading.own is True


def test_agentless_past_passive_reports_another_s_condemnation(nlp):
    reading, _ = read(nlp, "Apartheid has been universally condemned.", "condemned")
    assert reading.own is False and reading.why.startswith("passive without agent")


def test_participle_without_agent_reports_another_s_condemnation(nlp):
    reading, _ = read(nlp, "The aggressors found themselves isolated and condemned.", "condemned")
    assert reading.own is False and reading.why == "participle without agent"


def test_present_passive_without_agent_is_left_to_the_rules(nlp):
    reading, _ = read(nlp, "Such acts are condemned.", "condemned")
    assert reading.own is None


def test_possessor_of_a_noun_cue_that_is_another_body(nlp):
    reading, _ = read(nlp, "The world's condemnation of the coup was swift.", "condemnation")
    assert reading.own is False and reading.why == "possessor: The world"


def test_first_person_possessor_of_a_noun_cue(nlp):
    reading, _ = read(nlp, "We express our strongest condemnation of the attack.", "condemnation")
    assert reading.own is True


def test_noun_cue_owned_by_the_subject_of_its_light_verb(nlp):
    reading, _ = read(nlp, "The ministers expressed condemnation of the raid.", "condemnation")
    assert reading.own is False and reading.why.startswith("subject: The ministers")


def test_noun_cue_without_an_owner_is_left_to_the_rules(nlp):
    reading, _ = read(nlp, "The condemnation of the raid was unanimous.", "condemnation")
    assert reading.own is None


def test_pronoun_it_says_nothing_about_the_owner(nlp):
    reading, _ = read(nlp, "It condemns the raid.", "condemns")
    assert reading.own is None


# --- governing words -----------------------------------------------------------------------------------------
def test_negative_implicative_negates_the_cue(nlp):
    reading, _ = read(nlp, "The regime failed to condemn the massacre.", "condemn")
    assert reading.negated is True and "negated: failed" in reading.why


def test_refusal_negates_the_cue(nlp):
    reading, _ = read(nlp, "The Council refused to condemn the invasion.", "condemn")
    assert reading.negated is True


def test_negative_implicative_reaches_the_last_of_coordinated_verbs(nlp):
    reading, _ = read(nlp, "The authorities failed to investigate, prosecute and condemn the murders.", "condemn")
    assert reading.negated is True


def test_negated_implicative_affirms(nlp):
    reading, _ = read(nlp, "We cannot fail to condemn the massacre.", "condemn")
    assert reading.negated is False and reading.own is True


def test_negation_of_the_cue_itself(nlp):
    reading, _ = read(nlp, "We do not condemn the protesters.", "condemn")
    assert reading.negated is True


def test_without_under_a_negated_clause_affirms(nlp):
    reading, _ = read(nlp, "I would be remiss if I did not conclude without condemning the attack.", "condemning")
    assert reading.negated is False and reading.own is True


def test_negation_of_the_verb_a_noun_cue_is_subject_of_does_not_negate_it(nlp):
    reading, _ = read(nlp, "A firm condemnation will not stop the killing.", "condemnation")
    assert reading.negated is False


def test_duty_to_condemn_is_the_speaker_s_call(nlp):
    text = "It is the duty of the international community to condemn the massacre."
    reading, _ = read(nlp, text, "condemn")
    assert reading.governed == "call" and reading.own is True and reading.why == "governed: duty"


def test_speaker_s_hope_for_another_s_condemnation_is_its_own(nlp):
    text = "My delegation hopes that the condemnation by the General Assembly will be unanimous."
    reading, _ = read(nlp, text, "condemnation")
    assert reading.governed == "call" and reading.own is True


def test_another_body_s_call_is_not_the_speaker_s(nlp):
    reading, _ = read(nlp, "The Council urged all States to condemn the raid.", "condemn")
    assert reading.governed == "call" and reading.own is False


def test_modal_on_the_predicate_of_a_noun_cue_is_a_call(nlp):
    reading, _ = read(nlp, "The condemnation of the raid should be unanimous.", "condemnation")
    assert reading.governed == "call" and reading.own is True and reading.why == "governed: should"


def test_modal_must_is_a_call(nlp):
    reading, _ = read(nlp, "The attack must be condemned.", "condemned")
    assert reading.governed == "call" and reading.own is True


def test_tantamount_to_condemning_is_counterfactual(nlp):
    reading, _ = read(nlp, "Such a step would be tantamount to condemning the whole people.", "condemning")
    assert reading.governed == "counterfactual" and reading.own is None


def test_would_amount_to_is_counterfactual(nlp):
    reading, _ = read(nlp, "Silence would amount to condemning the victims twice.", "condemning")
    assert reading.governed == "counterfactual"


# --- disclaimers --------------------------------------------------------------------------------------------
def test_ritual_condemnation_is_disclaimed(nlp):
    reading, _ = read(nlp, "A ritual condemnation will not stop the killing.", "condemnation")
    assert reading.disclaimed is True and "disclaimed: ritual" in reading.why


def test_condemnation_that_cannot_take_the_place_of_action_is_disclaimed(nlp):
    reading, _ = read(nlp, "Words of condemnation cannot take the place of action.", "condemnation")
    assert reading.disclaimed is True


def test_exhausted_condemnations_are_disclaimed(nlp):
    reading, _ = read(nlp, "Condemnations have been exhausted.", "Condemnations")
    assert reading.disclaimed is True


def test_condemnation_denied_as_an_approach_is_disclaimed(nlp):
    reading, _ = read(nlp, "Our approach is not one of faultfinding or condemnation.", "condemnation")
    assert reading.disclaimed is True and reading.negated is True


def test_plain_condemnation_is_not_disclaimed(nlp):
    reading, _ = read(nlp, "We condemn the attack.", "condemn")
    assert (reading.disclaimed, reading.negated, reading.doom, reading.governed) == (False, False, False, None)


# --- the doom sense -----------------------------------------------------------------------------------------
def test_condemn_to_a_state_is_the_doom_sense(nlp):
    reading, _ = read(nlp, "The war condemns millions to poverty.", "condemns")
    assert reading.doom is True and "doom: to poverty" in reading.why


def test_condemn_to_a_state_read_as_an_infinitive_is_still_doom(nlp):
    reading, _ = read(nlp, "They would condemn the Security Council to complete futility.", "condemn")
    assert reading.doom is True


def test_situation_as_the_subject_is_the_doom_sense(nlp):
    reading, _ = read(nlp, "It is the misery that condemns so many.", "condemns")
    assert reading.doom is True


def test_condemned_to_a_verb_is_the_doom_sense(nlp):
    reading, _ = read(nlp, "Whole generations are condemned to live in exile.", "condemned")
    assert reading.doom is True


def test_purpose_infinitive_after_the_object_is_not_doom(nlp):
    reading, _ = read(nlp, "We condemn the attack to show our solidarity with the victims.", "condemn")
    assert reading.doom is False


def test_situation_that_calls_for_condemnation_is_the_speaker_s_judgement(nlp):
    text = "Such a policy is inadmissible and calls for the strongest possible condemnation."
    reading, _ = read(nlp, text, "condemnation")
    assert reading.governed == "call" and reading.own is True


def test_call_word_does_not_govern_across_an_adverbial_clause(nlp):
    reading, _ = read(nlp, "While condemning the raid, the ministers wish to resume the talks.", "condemning")
    assert reading.governed is None


def test_to_after_punctuation_is_not_doom(nlp):
    reading, _ = read(nlp, "We condemn the attack, and we call on all parties to end the misery.", "condemn")
    assert reading.doom is False


# --- intensifiers -------------------------------------------------------------------------------------------
def test_adverb_of_a_coordinated_verb_does_not_intensify_the_cue(nlp):
    reading, sentence = read(nlp, "We strongly condemn the attack and resolutely support the victims.", "condemn")
    assert [sentence[i].text for i in reading.intensifiers] == ["strongly"]


def test_coordinated_adverbs_of_the_cue_all_intensify_it(nlp):
    reading, sentence = read(nlp, "We firmly and unequivocally condemn the bombing.", "condemn")
    assert [sentence[i].text for i in reading.intensifiers] == ["firmly", "unequivocally"]


def test_adjective_of_a_noun_cue_intensifies_it(nlp):
    reading, sentence = read(nlp, "We express our strongest condemnation of the attack.", "condemnation")
    assert [sentence[i].text for i in reading.intensifiers] == ["strongest"]


def test_intensifier_indices_are_relative_to_the_sentence(nlp):
    text = "The talks ended. We strongly condemn the attack."
    reading, sentence = read(nlp, text, "condemn")
    assert sentence.start > 0
    assert [sentence[i].text for i in reading.intensifiers] == ["strongly"]


def test_no_intensifier_words_means_no_intensifiers(nlp):
    doc = nlp("We strongly condemn the attack.")
    reading = read_cue(doc[:], 12, 19, speaker=speaker)
    assert reading.intensifiers == ()


def test_offsets_that_overlap_no_token_are_refused(nlp):
    doc = nlp("We condemn the attack.")
    with pytest.raises(ParameterError, match=r"^The 'start, end' parameter of read_cue must be character offsets"):
        read_cue(doc[:], 100, 105, speaker=speaker)


# --- evaluative judgements ----------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["callous", "depraved", "wicked", "vicious", "sickening", "murderous", "contemptible"])
def test_judgement_modifying_an_act_noun_is_found(nlp, word):
    text = f"This was a {word} crime against innocent people."
    found = evaluative_judgements(nlp(text)[:])
    assert found == [(11, 11 + len(word), word)]
    assert text[found[0][0]:found[0][1]] == word


def test_descriptive_word_of_an_act_is_not_a_judgement(nlp):
    assert evaluative_judgements(nlp("This was a deadly attack.")[:]) == []


def test_affect_word_of_an_act_is_not_a_judgement(nlp):
    assert evaluative_judgements(nlp("This was a terrible attack.")[:]) == []


def test_judgement_predicated_of_an_act_noun_is_found(nlp):
    assert [w for _, _, w in evaluative_judgements(nlp("The attack was sickening.")[:])] == ["sickening"]


def test_judgement_predicated_of_it_that_is_found(nlp):
    found = evaluative_judgements(nlp("It is outrageous that the talks were broken off.")[:])
    assert [w for _, _, w in found] == ["outrageous"]


def test_coordinated_judgements_of_one_act_are_each_found(nlp):
    found = evaluative_judgements(nlp("It was a cruel and cowardly attack.")[:])
    assert [w for _, _, w in found] == ["cruel", "cowardly"]


def test_judgement_of_a_noun_that_is_not_an_act_is_not_found(nlp):
    assert evaluative_judgements(nlp("The vicious dog barked at the visitors.")[:]) == []


def test_words_of_a_title_are_not_judgements(nlp):
    text = "We have ratified the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment."
    assert evaluative_judgements(nlp(text)[:]) == []


def test_act_nouns_can_be_given(nlp):
    sentence = nlp("It was a callous policy.")[:]
    assert evaluative_judgements(sentence) == []
    assert [w for _, _, w in evaluative_judgements(sentence, act_nouns=["policy"])] == ["callous"]


def test_judgement_offsets_point_into_the_document_text(nlp):
    doc = nlp("The talks ended. Then came a heinous attack on the market.")
    sentence = list(doc.sents)[-1]
    ((start, end, word),) = evaluative_judgements(sentence)
    assert doc.text[start:end] == word == "heinous"


# --- the word lists and the lexicon -------------------------------------------------------------------------
def test_shipped_lexicon_is_vader_s():
    lexicon = sentiment_lexicon()
    assert lexicon["sickening"] < 0 < lexicon["good"]


def test_stop_lists_win_over_the_lexicon():
    assert is_judgement("terrorist") is False and sentiment_lexicon()["terrorist"] < -3
    assert is_judgement("tragic") is False


def test_word_lists_are_disjoint_where_they_must_be():
    words = parse_words()
    assert not words["judgement_words"] & (words["descriptive_words"] | words["affect_words"])
    assert len(words["judgement_threshold"]) == 1


# --- issue 25, second pass: the owner phrase, bare possessives, antecedents, negations --------------------
def test_owner_is_the_owner_phrase_as_written(nlp):
    reading, _ = read(nlp, "The Secretary-General strongly condemns the attack on the market.", "condemns")
    assert reading.owner == "The Secretary-General"
    passive, _ = read(nlp, "The attack on the market was condemned yesterday.", "condemned")
    assert passive.own is False and passive.owner is None


def test_intensifiers_are_indices_in_the_sentence_span(nlp):
    doc = nlp("The rain fell all day. Freedonia strongly condemns the attack.")
    sentence = list(doc.sents)[1]
    start = doc.text.index("condemns")
    reading = read_cue(sentence, start, start + len("condemns"), speaker=speaker, intensifier_words=INTENSIFIERS)
    assert [sentence[k].text for k in reading.intensifiers] == ["strongly"]


def test_bare_possessive_stands_for_the_clause_subject(nlp):
    reading, _ = read(nlp, "Freedonia remains resolute in its condemnation of the attack.", "condemnation")
    assert reading.own is True and reading.owner == "Freedonia"
    other, _ = read(nlp, "The Council remains resolute in its condemnation of the attack.", "condemnation")
    assert other.own is False and other.owner == "The Council"


def test_antecedent_of_a_relative_clause_after_among_is_the_subject_s(nlp):
    reading, _ = read(nlp, "Freedonia and Sylvania were among the countries that condemned the raid.", "condemned")
    assert reading.own is True and reading.owner == "Freedonia"


def test_antecedent_joined_by_the_speaker_is_the_speaker_s(nlp):
    reading, _ = read(nlp, "My delegation joins the countries that have condemned the blockade.", "condemned")
    assert reading.own is True


def test_not_backing_down_in_denouncing_affirms(nlp):
    reading, _ = read(nlp, "We must not back down in denouncing these crimes.", "denouncing")
    assert reading.negated is False
    backed, _ = read(nlp, "The ministers backed down in denouncing the crimes.", "denouncing")
    assert backed.negated is True


def test_cannot_but_affirms(nlp):
    reading, _ = read(nlp, "We cannot but deplore the waste of so much money on arms.", "deplore")
    assert reading.negated is False and reading.own is True


def test_a_negation_inside_the_cue_is_the_cue_s(nlp):
    reading, _ = read(nlp, "There is no place for such violence in our region.", "no place for")
    assert reading.negated is False


def test_infinitive_passive_and_participle_complement_leave_the_owner_undecided(nlp):
    reading, _ = read(nlp, "If force is to be condemned, so is subversion.", "condemned")
    assert reading.own is None
    stand, _ = read(nlp, "Such governments stand morally condemned.", "condemned")
    assert stand.own is None


def test_evil_judges_the_act(nlp):
    doc = nlp("These evil attacks on children must stop.")
    assert [word for _, _, word in evaluative_judgements(doc[:])] == ["evil"]


def test_an_act_as_the_object_is_never_the_doom_sense(nlp):
    reading, _ = read(nlp, "Condemning the attacks, the minister renewed his commitment to supporting the victims.",
                      "Condemning")
    assert reading.doom is False


def test_every_member_of_a_list_the_parser_reads_as_an_apposition_owns_the_cue(nlp):
    # "Canada, Freedonia, and Sweden": the parser hangs the middle name on the first as an apposition
    reading, _ = read(nlp, "Canada, Freedonia, and Sweden also conveyed condolences and support.", "condolences")
    assert reading.own is True
