"""The intensity scale: one behaviour per rule, the scale file's errors, and the validation against the gold."""

import hashlib
import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from toolkit.analysis.intensity import (
    CUE_COLUMNS,
    INTENSITY_COLUMNS,
    IntensityScale,
    agreement,
    intensity_table,
    kappa,
    parse_intensity_scale,
    score_intensity,
    with_intensity,
    with_levels,
)
from toolkit.attribution import Entity, Gazetteer, attribute_statements
from toolkit.backends import intensity_parallel
from toolkit.errors import InputError, ParameterError
from toolkit.formulae.counts import count_matches
from toolkit.formulae.match import find_matches
from toolkit.io import (
    default_gazetteer,
    default_intensity_scale,
    default_lexicon,
    read_corpus,
    read_texts,
    read_ungdc,
)
from toolkit.text.corpus import UNRESOLVED, Corpus, Document

from ..paths import DATA, ROOT, SEED, SHARED

SCALE = default_intensity_scale()
GOLD = ROOT / "corpora" / "intensity.gold.jsonl"
SCALE_TEXT = (ROOT / "toolkit" / "data" / "intensity.yaml").read_text(encoding="utf-8")


def score(*texts: str, actor: str = "Norway", scale: IntensityScale = SCALE, mode: str = "rules") -> pd.DataFrame:
    """The scores of texts, one statement each, of one actor: by the rules alone unless ``mode`` says otherwise."""
    corpus = Corpus(tuple(Document(f"d{k}", t, actor=actor) for k, t in enumerate(texts)))
    return score_intensity(find_matches(corpus, scale.lexicon), corpus, scale=scale, mode=mode)


def level(text: str, **kwargs) -> int:
    return int(score(text, **kwargs)["level"].iloc[0])


def without_list(text: str, name: str) -> str:
    """The shipped scale's text without one list of ``words`` (and its comment), as a scale of 0.1 had it."""
    kept = re.sub(rf"(\n  # [^\n]*)*\n  {name}: \[[^\]]*\]", "", text)
    assert kept != text and f"  {name}:" not in kept
    return kept


def test_each_cue_has_its_base_level():
    assert level("The attack killed nine people.") == 0
    assert level("We express our deep concern about the attack.") == 1
    assert level("Norway denounces the attack.") == 2
    assert level("Norway condemns the attack.") == 3
    assert level("The attack is unacceptable.") == 2


def test_intensifiers_raise_a_cue_and_the_caps_hold():
    assert level("Norway strongly condemns the attack.") == 4
    assert level("Norway condemns the heinous attack.") == 4
    assert level("Norway strongly condemns the heinous attack.") == 5
    assert level("Norway condemns the attack in the strongest terms.") == 5
    assert level("Norway strongly and unequivocally condemns the heinous and cowardly attack.") == 5  # cap
    assert level("Norway strongly and firmly denounces the heinous attack.") == 4  # a disapproval stops at 4
    assert level("Norway unequivocally rejects terrorism.") == 3
    assert level("We are deeply concerned by the attack.") == 1  # concern is never raised


def test_grief_and_sympathy_are_level_1_like_concern_and_never_raised():
    grief = ["Canada conveyed condolences and support.", "Our thoughts are with the victims and their families.",
             "We offer our deepest sympathy to the families.", "Thoughts and prayers with everyone in London.",
             "The nation is grieving.", "Chile condoles with the bereaved.", "We mourn with you.",
             "Our heartfelt sympathies go to the people of Spain.",
             "We strongly and deeply express our sympathy to them."]
    scores = score(*grief)
    assert scores["level"].tolist() == [1] * len(grief)
    assert scores["evidence"].tolist()[:3] == ["condolences", "Our thoughts are with", "offer our deepest sympathy to"]


def test_solidarity_support_calls_for_justice_and_sympathy_for_a_cause_are_no_reaction_to_the_act():
    none = ["Canada expressed solidarity with Pakistan.", "We support Pakistan in fighting terrorism.",
            "Those responsible must be brought to justice.", "We call for unity and cooperation.",
            "We express our sympathy for the cause of the Palestinian people."]
    assert score(*none)["level"].tolist() == [0] * len(none)


def test_grief_beside_a_condemnation_leaves_the_condemnation_its_level():
    assert level("We strongly condemn the attack and send our deepest condolences to the families.") == 4


def test_an_evaluative_word_alone_is_a_disapproval():
    table = score("This heinous and cowardly attack shocked us.")
    assert table["level"].tolist() == [2] and table["evidence"].iloc[0] in ("heinous", "cowardly")


def test_another_bodys_reaction_a_passive_agent_and_the_doom_sense_do_not_count():
    assert level("The Security Council condemned the attack.") == 0
    assert level("The attack was condemned by the General Assembly.") == 0
    assert level("Millions are condemned to poverty.") == 0
    assert level("We join the Security Council in condemning the attack.") == 3
    assert level("We call on the international community to condemn the attack.") == 3


def test_a_negated_condemnation_counts_nothing_and_is_flagged():
    table = score("We do not condemn the decision.", "It is not enough to condemn the attack.")
    assert table["level"].tolist() == [0, 3]
    assert table["negated"].tolist() == [True, False]


def test_ties_go_to_the_condemnation_and_a_modifier_raises_the_nearest_cue():
    table = score("Norway condemned the attacks, saying it unequivocally rejects terrorism in all its forms.")
    row = table.iloc[0]
    assert row["level"] == 3 and row["target"] == "attack" and row["evidence"] == "condemned"


def test_target_and_hedge():
    table = score("Norway condemns the terrorists.", "Norway condemns terrorism in all its forms.",
                  "Norway condemns the violence and urges all parties to exercise restraint.")
    assert table["target"].tolist() == ["perpetrators", "terrorism", "attack"]
    assert table["hedged"].tolist() == [False, False, True]


def test_the_evidence_points_into_the_statement():
    text = "Norway strongly condemns the heinous attack."
    row = score(text).iloc[0]
    assert [text[a:b] for a, b in row["evidence_spans"]] == ["strongly", "condemns", "heinous"]


def test_intensity_levels_compose_with_counts():
    corpus = Corpus((Document("a", "Norway strongly condemns the attack.", actor="Norway"),
                     Document("b", "Chile condemns the attack. Chile expresses its condolences.", actor="Chile")))
    matches = find_matches(corpus, default_lexicon() + SCALE.lexicon)
    scored = with_intensity(matches, score_intensity(matches, corpus, scale=SCALE))
    assert scored.statements.set_index("statement_id")["intensity"].to_dict() == {"a": 4, "b": 3}
    assert "level" not in scored.table.columns and set(scored.table["intensity"]) == {3, 4}
    counted = count_matches(scored, by="intensity", level="family")
    condolence = counted[counted["family"] == "condolence"].set_index("intensity")["n_matches"]
    assert condolence.to_dict() == {3: 1, 4: 0}
    with pytest.raises(ParameterError, match="score_intensity"):  # the refusal says where levels come from
        count_matches(matches, by="intensity")


def test_with_levels_still_works_with_a_warning_naming_with_intensity():
    corpus = Corpus((Document("a", "Norway condemns the attack.", actor="Norway"),))
    matches = find_matches(corpus, SCALE.lexicon)
    scores = score_intensity(matches, corpus, scale=SCALE)
    with pytest.warns(FutureWarning, match="with_levels was renamed with_intensity"):
        old = with_levels(matches, scores)
    new = with_intensity(matches, scores)
    pd.testing.assert_frame_equal(old.table, new.table)
    pd.testing.assert_frame_equal(old.statements, new.statements)


def test_the_scale_defaults_to_the_shipped_one_and_statements_is_the_old_name_of_corpus():
    corpus = Corpus((Document("a", "Norway strongly condemns the heinous attack.", actor="Norway"),
                     Document("b", "We regret the decision.", actor="Chile")))
    matches = find_matches(corpus, SCALE.lexicon)
    given = score_intensity(matches, corpus, scale=SCALE)
    pd.testing.assert_frame_equal(score_intensity(matches, corpus), given)
    assert given["level"].tolist() == [5, 1]
    old_name: dict[str, Any] = {"statements": corpus}  # not in the signature any more
    with pytest.warns(FutureWarning, match="'statements' parameter of score_intensity was renamed 'corpus'"):
        old = score_intensity(matches, scale=SCALE, **old_name)
    pd.testing.assert_frame_equal(old, given)
    a_path: Any = "intensity.yaml"
    with pytest.raises(ParameterError, match="The 'scale' parameter of score_intensity must be an IntensityScale"):
        score_intensity(matches, corpus, scale=a_path)
    one_text: Any = "Norway condemns the attack."
    with pytest.raises(ParameterError, match="The 'corpus' parameter of score_intensity must be a Corpus .* single "
                                             "str"):
        score_intensity(matches, one_text)


def test_matches_without_the_scale_are_scored_with_its_cues_and_bad_scale_files_are_refused():
    corpus = Corpus((Document("a", "Norway condemns the attack."),))
    alone = score_intensity(find_matches(corpus, default_lexicon()), corpus, scale=SCALE)
    assert alone.equals(score_intensity(find_matches(corpus, default_lexicon() + SCALE.lexicon), corpus, scale=SCALE))
    assert alone["level"].tolist() == [3]
    text = SCALE_TEXT
    with pytest.raises(InputError, match=r"my\.yaml:\d+:\d+: .*needs a role"):
        parse_intensity_scale(text.replace("    role: intensifier\n", ""), source="my.yaml")
    with pytest.raises(InputError, match="bad pattern"):
        parse_intensity_scale(text.replace("      - condemn*\n", "      - condemn* _{9,1}\n"), source="my.yaml")


def test_weighted_kappa_has_the_values_computed_by_hand():
    # identical codings agree perfectly; opposite ends of a two-level scale disagree as far as they can
    assert kappa([0, 1, 2, 5], [0, 1, 2, 5]) == pytest.approx(1.0)
    assert kappa([0, 1], [1, 0], levels=2) == pytest.approx(-1.0)
    assert kappa([0, 5], [5, 0]) == pytest.approx(-1.0)
    # a = 0 0 1 2, b = 0 1 1 2 on three levels: weights (i - j)^2 / 4; observed weighted disagreement
    # 1/4 * 1/4 = 1/16; expected from the margins (1/2, 1/4, 1/4) x (1/4, 1/2, 1/4): 5/16; kappa = 1 - 1/5
    assert kappa([0, 0, 1, 2], [0, 1, 1, 2], levels=3) == pytest.approx(0.8)
    # quadratic weights make a near miss cost less than a far one: 2 -> 3 against 2 -> 5, on six levels
    # a = 0 2 4, b = 0 3 4: observed 1/3 * 1/25 = 1/75; expected, every pair of levels once,
    # 1/9 * (0 + 9 + 16 + 4 + 1 + 4 + 16 + 1 + 0) / 25 = 51/225; kappa = 1 - 3/51.
    # b = 0 5 4: observed 1/3 * 9/25 = 9/75; expected 1/9 * (0 + 25 + 16 + 4 + 9 + 4 + 16 + 1 + 0) / 25 = 1/3
    assert kappa([0, 2, 4], [0, 3, 4]) == pytest.approx(1 - 3 / 51)
    assert kappa([0, 2, 4], [0, 5, 4]) == pytest.approx(1 - 9 / 25)
    # numpy ints are ints; a level no coding uses does not change kappa (weights only scale)
    assert kappa(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2])) == pytest.approx(0.8)


@pytest.mark.parametrize(("a", "b", "levels", "message"), [
    ([-1, 2], [1, 2], 6, "The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got -1 at "
                         "position 0 instead."),
    ([6], [1], 6, "The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got 6 at position 0 "
                  "instead."),
    ([1, 2], [1, 2.0], 6, "The 'b' parameter of kappa must be a sequence of int levels in [0, 5]. Got 2.0 at "
                          "position 1 instead."),
    ([1, True], [1, 1], 6, "The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got True at "
                           "position 1 instead."),
    ([1, 2], [1, 2, 3], 6, "The 'b' parameter of kappa must be a coding of the same 2 items as 'a'. Got 3 levels "
                           "instead."),
    ([], [], 6, "The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got an empty sequence "
                "instead."),
    ("12", [1, 2], 6, "The 'a' parameter of kappa must be a sequence of int levels in [0, 5]. Got str instead."),
    ([0, 1], [0, 1], 1, "The 'levels' parameter of kappa must be an int >= 2. Got 1 instead."),
    ([0, 1], [0, 1], 2.0, "The 'levels' parameter of kappa must be an int >= 2. Got 2.0 instead."),
    ([0, 2], [0, 1], 2, "The 'a' parameter of kappa must be a sequence of int levels in [0, 1]. Got 2 at position 1 "
                        "instead."),
])
def test_kappa_refuses_codings_that_are_not_levels_of_the_scale(a, b, levels, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        kappa(a, b, levels=levels)


def _gold_units():
    """The gold units with their text: the seed and UN spans as stored, news-dev spans read in place."""
    units, texts = [], {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["text"] is None:
            path = SHARED / "corpora" / item["doc"]
            if not path.exists():
                continue
            if path not in texts:
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    texts[path] = handle.read()
            item["text"] = texts[path][item["start"]:item["end"]]
        assert hashlib.sha256(item["text"].encode("utf-8")).hexdigest() == item["sha256"], item["id"]
        units.append(item)
    return units


def _agreement(units: list[dict], mode: str) -> pd.Series:
    """The agreement of a coded set with the scores (one document per unit, its coded actor), as the README's."""
    corpus = Corpus(tuple(Document(u["id"], u["text"], actor=u["actor"]) for u in units))
    scores = score_intensity(find_matches(corpus, SCALE.lexicon), corpus, scale=SCALE, mode=mode)
    assert scores.attrs["intensity_mode"] == mode
    return agreement([u["level"] for u in units], scores["level"].tolist()).iloc[0]


def _coded(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / "corpora" / name).read_text(encoding="utf-8").splitlines()]


# The figures of README "Intensity" (benchmarks/intensity_agreement.py), each guarded a little below its value.
@pytest.mark.parametrize(("mode", "least"), [("rules", 0.92), ("parse", 0.92)])
def test_the_scale_agrees_with_the_hand_coded_gold(mode, least):
    if mode == "parse":
        pytest.importorskip("spacy")
    units = _gold_units()
    assert len(units) >= 139  # the seed and the UN sentences at least; with news-dev, 212
    found = _agreement(units, mode)
    assert found["kappa"] >= least, f"weighted kappa {found['kappa']:.3f} (exact agreement {found['exact']:.3f})"
    assert found["exact"] >= 0.82
    for k in range(6):  # no level is lost: at least 70% of each gold level is found exactly
        assert found[f"exact_{k}"] >= 0.7, f"level {k}"


def test_the_scale_on_the_blind_held_out_sentences():
    """64 UN sentences coded after the rules were written, by a coder who never saw them (corpora/README.md).

    The rules were not tuned on them; the figure is reported as it is (README, "Intensity"), and this test
    guards it against regressions.
    """
    units = _coded("intensity.heldout.jsonl")
    assert len(units) == 64
    rules = _agreement(units, "rules")
    assert rules["kappa"] >= 0.74 and rules["exact"] >= 0.68
    pytest.importorskip("spacy")
    parse = _agreement(units, "parse")
    assert parse["kappa"] >= 0.85 and parse["exact"] >= 0.76


def test_the_scale_on_the_fresh_blind_un_sentences():
    """60 UN sentences drawn with a new seed and coded blind for issue 25 (corpora/README.md), before the parse.

    The news half of the blind set (corpora/intensity.news2.jsonl) has third-party texts kept outside the
    repository: benchmarks/intensity_agreement.py --news2 TEXTS scores it.
    """
    units = _coded("intensity.blind2.jsonl")
    assert len(units) == 60
    assert _agreement(units, "rules")["kappa"] >= 0.57
    pytest.importorskip("spacy")
    parse = _agreement(units, "parse")
    assert parse["kappa"] >= 0.86 and parse["exact"] >= 0.8


def test_agreement_gives_kappa_exact_and_the_exact_share_of_each_level():
    table = agreement([0, 0, 1, 3, 3], [0, 1, 1, 3, 4])
    row = table.iloc[0]
    assert row["n"] == 5 and row["kappa"] == pytest.approx(kappa([0, 0, 1, 3, 3], [0, 1, 1, 3, 4]))
    assert row["exact"] == pytest.approx(0.6)
    assert [row[f"n_gold_{k}"] for k in range(6)] == [2, 1, 0, 2, 0, 0]
    assert row["exact_0"] == 0.5 and row["exact_1"] == 1.0 and row["exact_3"] == 0.5 and np.isnan(row["exact_2"])
    with pytest.raises(ParameterError, match="The 'found' parameter of agreement must be a coding of the same 5 "):
        agreement([0, 0, 1, 3, 3], [0, 1])


# --- parse mode ----------------------------------------------------------------------------------------------------
def test_the_mode_is_said_and_rules_mode_never_parses(monkeypatch):
    import toolkit.analysis.intensity as intensity
    from toolkit.errors import MissingDependency

    def missing(name=None):
        raise MissingDependency("statement attribution", "spacy", "spacy")

    monkeypatch.setattr(intensity, "load_pipeline", missing)
    scores = score("Norway condemns the attack.", mode="rules")
    assert scores.attrs == {"intensity_mode": "rules", "intensity_reading": "rules without the parse (asked for)"}
    auto = score("Norway condemns the attack.", mode="auto")  # spaCy missing: the rules, and it says why
    assert auto.attrs["intensity_mode"] == "rules" and auto["level"].tolist() == [3]
    assert auto.attrs["intensity_reading"].startswith("rules without the parse (")
    with pytest.raises(MissingDependency):
        score("Norway condemns the attack.", mode="parse")
    with pytest.raises(ParameterError, match="The 'mode' parameter of score_intensity must be one of"):
        score("Norway condemns the attack.", mode="tree")


def test_parse_mode_reads_whose_cue_it_is_disclaimers_the_doom_sense_and_judgements_without_a_list():
    pytest.importorskip("spacy")
    texts = {"This was a callous crime against innocent people.": 2,  # a judgement no list holds
             "The aggressors found themselves isolated and condemned.": 0,  # a condemnation reported, no subject
             "The Council was content with a ritual condemnation of the massacre.": 0,  # disclaimed
             "The misery that condemns so many of our fellow humans is simply unacceptable.": 2,  # doom sense
             "The Dominican Republic strongly condemns the attack.": 4,  # the actor's code names it
             "The Security Council condemned the attack.": 0,
             "We strongly condemn the attack.": 4}
    scores = score(*texts, actor="DOM", mode="parse")
    assert scores.attrs["intensity_mode"] == "parse"
    assert scores.attrs["intensity_reading"].startswith("read on the dependency parse (en_core_web_sm")
    assert scores["level"].tolist() == list(texts.values())
    rules = score(*texts, actor="DOM", mode="rules")["level"].tolist()
    assert rules[:4] == [0, 3, 0, 3]  # what the rules alone make of the first four


def test_parse_mode_takes_a_subject_naming_any_actor_of_a_list_statement_for_the_speaker():
    pytest.importorskip("spacy")
    text = "Earlier, the United Kingdom and Qatar had similarly denounced the attacks."
    assert level(text, actor="United Kingdom; Qatar", mode="parse") == 2
    assert level(text, actor="Norway", mode="parse") == 0  # another state's reaction


def test_attribution_and_intensity_parse_each_document_once(monkeypatch):
    pytest.importorskip("spacy")
    import toolkit.analysis.intensity as intensity

    attribution = attribute_statements(read_texts(SEED), default_gazetteer())
    corpus = attribution.corpus
    matches = find_matches(corpus, SCALE.lexicon)
    once = score_intensity(matches, corpus, mode="parse", parses=attribution.parses)
    parallel = intensity_parallel(read_texts(SEED), attribute=True, mode="parse", jobs=1)  # AttributeFirst's parse
    pd.testing.assert_frame_equal(parallel.reset_index(drop=True), once.reset_index(drop=True))
    assert parallel.attrs["intensity_mode"] == "parse"
    pipeline = intensity.load_pipeline()
    calls: list[tuple] = []

    def pipe(*args, **kwargs):
        calls.append(args)
        return []

    monkeypatch.setattr(pipeline, "pipe", pipe)
    again = score_intensity(matches, corpus, mode="parse", parses=attribution.parses)
    assert calls == []  # every statement was read on attribution's parse: nothing parsed again
    pd.testing.assert_frame_equal(once, again)


def test_two_negations_affirm_a_condemnation():
    table = score("We cannot fail to condemn it.", "We have never ceased to condemn apartheid.",
                  "Without reservation, we condemn the attack.", "We cannot condemn the decision.")
    assert table["level"].tolist() == [3, 3, 5, 0]
    assert table["negated"].tolist() == [False, False, False, True]


def test_an_object_pronoun_or_a_generic_word_of_the_name_does_not_make_a_cue_the_speakers():
    assert level("The Security Council condemned my country.") == 0
    assert level("The invasion was condemned by France. We will work for peace.") == 0
    assert level("The member States condemned the attack.", actor="United States") == 0
    assert level("The United States condemned the attack.", actor="United States") == 3


def test_scores_need_the_statements_the_matches_were_found_in_and_one_row_each():
    corpus = Corpus((Document("a", "Norway condemns the attack.", actor="Norway"),))
    other = Corpus((Document("b", "Chile condemns the attack.", actor="Chile"),))
    matches = find_matches(corpus, SCALE.lexicon)
    with pytest.raises(ParameterError, match="same corpus"):
        score_intensity(matches, other, scale=SCALE)
    scores = score_intensity(matches, corpus, scale=SCALE)
    with pytest.raises(ParameterError, match="The 'scores' parameter of with_intensity must be one row per "
                                             "statement .*Got statement 'a' twice instead"):
        with_intensity(matches, pd.concat([scores, scores]))
    with pytest.raises(ParameterError, match="The 'scores' parameter of with_intensity must be a score for every "
                                             "statement .*Got none for 1 statement\\(s\\), e.g. 'a' instead"):
        with_intensity(matches, score_intensity(find_matches(other, SCALE.lexicon), other, scale=SCALE))
    with pytest.raises(ParameterError, match="The 'scores' parameter of with_intensity must be a table with the "
                                             "column 'level'"):
        with_intensity(matches, scores.drop(columns="level"))


def test_a_typo_in_a_nested_key_of_a_scale_is_an_error():
    with pytest.raises(InputError, match="unknown key 'target' in words"):
        parse_intensity_scale(SCALE_TEXT.replace("  targets:", "  target:"), source="my.yaml")


def test_the_pronouns_and_fillers_are_lists_of_the_scale():
    assert SCALE.words["pronouns"] == {"we", "i", "my", "our", "us", "delegation", "government"}
    assert SCALE.words["pronouns"] <= SCALE.words["own"]
    assert SCALE.words["fillers"] == {"terms", "term", "manner", "way"}
    # the pronouns decide by nearness: the Council's subject is nearer to the cue than "we"
    text = "We note that the Council condemned the attack."
    assert level(text) == 0
    # with no pronouns, "we" is a word of association like "join": the cue becomes the speaker's
    no_pronouns = parse_intensity_scale(SCALE_TEXT.replace("pronouns: [we, i, my, our, us, delegation, government]",
                                                           "pronouns: []"))
    assert no_pronouns.words["pronouns"] == frozenset()
    assert level(text, scale=no_pronouns) == 3


def test_a_scale_written_before_the_pronouns_and_fillers_lists_loads_and_scores_as_before():
    old = without_list(without_list(SCALE_TEXT, "pronouns"), "fillers")
    scale = parse_intensity_scale(old, source="old.yaml")
    assert scale.words["pronouns"] == SCALE.words["pronouns"]  # the fallback: the shipped scale's pronouns
    assert scale.words["fillers"] == frozenset()  # the fallback: none
    texts = ["We note that the Council condemned the attack.", "It is of concern to my Government.",
             "The attack was deplored by us.", "Norway strongly condemns the heinous attack."]
    pd.testing.assert_frame_equal(score(*texts, scale=scale), score(*texts))
    with pytest.raises(InputError, match=r"my\.yaml:\d+:\d+: words: pronouns must be a list"):
        parse_intensity_scale(SCALE_TEXT.replace("pronouns: [we, i, my, our, us, delegation, government]",
                                                 "pronouns: we"), source="my.yaml")


# --- labels that state the rule, tables by group, actor types, one spelling of "no actor" --------------------------
def test_each_levels_label_states_the_rule_that_reaches_it():
    assert [SCALE.short_label(k) for k in range(6)] == ["none", "concern", "disapproves", "condemns",
                                                        "strongly condemns", "strongest"]
    assert "in the strongest terms" in SCALE.label(5) and "two intensifiers" in SCALE.label(5)
    # each rule of a label, as the scorer applies it: the label does not promise what the rules do not do
    reached = {"Norway strongly condemns this cowardly act.": 5,  # two intensifiers, no "strongest terms"
               "Norway condemns the attack in the strongest terms.": 5,
               "Norway strongly condemns the attack.": 4, "Norway firmly rejects the cowardly attack.": 4,
               "Norway condemns the attack.": 3, "Norway strongly rejects the attack.": 3,
               "Norway rejects the attack.": 2, "This cowardly attack.": 2,
               "We are deeply concerned about the attack.": 1, "Canada conveyed condolences and support.": 1,
               "Canada expressed solidarity with Pakistan.": 0}
    scores = score(*reached)
    assert scores["level"].tolist() == list(reached.values())
    assert scores["label"].tolist() == [SCALE.label(k) for k in reached.values()]
    assert "strongest" not in scores["evidence"].iloc[0]


def test_the_scores_carry_the_actor_type_and_the_metadata_of_the_documents():
    corpus = read_corpus(DATA / "tables" / "statements.csv",
                         columns={"id": "ref", "text": "body", "actor": "country", "actor_id": "iso"})
    scores = score_intensity(find_matches(corpus, SCALE.lexicon), corpus)
    assert list(scores.columns) == INTENSITY_COLUMNS + ["outlet", "published"]  # the table's other columns
    types = dict(zip(scores["actor_id"], scores["actor_type"]))
    assert types == {"CAN": "state", "EU": "international_organization", "QAT": "state"}  # s3 has no text
    assert set(scores["outlet"]) == {"Test Wire"}
    un = read_ungdc(DATA / "ungdc_mini")
    cues = score_intensity(find_matches(un, SCALE.lexicon), un, cues=True)
    assert list(cues.columns) == CUE_COLUMNS + ["session"] and set(cues["actor_type"]) <= {"state",
                                                                                         "international_organization"}
    mine = Gazetteer([Entity("NOR", "Norway", "non_state")])  # a user's gazetteer types the actors its own way
    own = score_intensity(find_matches(un, SCALE.lexicon), un, gazetteer=mine)
    assert dict(zip(own["actor_id"], own["actor_type"].fillna(""))) == {"NOR": "non_state", "EU": "", "PAK": ""}


def test_the_actor_type_is_the_shipped_gazetteers_type_of_every_entity():
    gazetteer = default_gazetteer()
    corpus = Corpus(tuple(Document(f"d{k}", "We condemn the attack.", actor=e.name, actor_id=e.id)
                          for k, e in enumerate(gazetteer.entities.values())))
    scores = score_intensity(find_matches(corpus, SCALE.lexicon), corpus)
    assert dict(zip(scores["actor_id"], scores["actor_type"])) == {k: e.type for k, e in gazetteer.entities.items()}
    assert {"state", "international_organization", "un_body", "non_state"} <= set(scores["actor_type"])


@pytest.fixture(scope="module")
def seed_scores() -> pd.DataFrame:
    seed = attribute_statements(read_texts(SEED), default_gazetteer()).corpus
    return score_intensity(find_matches(seed, SCALE.lexicon), seed)


def test_intensity_table_gives_each_groups_statements_at_each_level_their_share_maximum_and_mean(seed_scores):
    table = intensity_table(seed_scores, by="actor")
    levels = [f"n_level_{k}" for k in range(6)]
    assert list(table.columns) == (["actor", "n_statements"] + levels + [f"share_level_{k}" for k in range(6)]
                                   + ["max_level", "mean_level"])
    assert table["actor"].tolist() == sorted(seed_scores["actor"].unique())
    by_actor = seed_scores.groupby("actor")["level"]
    row = table.set_index("actor")
    assert row["n_statements"].to_dict() == by_actor.size().to_dict()
    assert row["max_level"].to_dict() == by_actor.max().to_dict()
    assert row["mean_level"].to_dict() == pytest.approx(by_actor.mean().to_dict())
    assert (row[levels].sum(axis=1) == row["n_statements"]).all()
    assert row.loc["China", levels].tolist() == [0, 1, 0, 1, 0, 0]
    assert row.loc["China", "share_level_3"] == 0.5 and row.loc["China", "mean_level"] == 2.0
    shares = row[[f"share_level_{k}" for k in range(6)]].sum(axis=1)
    assert shares.to_numpy() == pytest.approx(np.ones(len(row)))


def test_intensity_table_composes_groupings_like_count_and_takes_a_list(seed_scores):
    joined = intensity_table(seed_scores, by="actor_type,actor")
    listed = intensity_table(seed_scores, by=["actor_type", "actor"])
    pd.testing.assert_frame_equal(joined, listed)
    assert joined[["actor_type", "actor"]].values.tolist() == sorted(
        map(list, set(map(tuple, seed_scores[["actor_type", "actor"]].values.tolist()))))
    types = intensity_table(seed_scores, by="actor_type").set_index("actor_type")["n_statements"].to_dict()
    assert types == {"international_organization": 3, "state": 24}
    by_target = intensity_table(seed_scores, by="target")
    assert by_target["n_statements"].sum() == len(seed_scores) and pd.isna(by_target["target"].iloc[-1])


def test_intensity_table_groups_by_decade_and_by_a_column_of_the_users(tmp_path):
    rows = pd.read_csv(DATA / "tables" / "statements.csv")  # the real statements, with a user's bloc and year
    path = tmp_path / "mine.csv"
    rows.assign(bloc=["north", "europe", "europe", "gulf"], year=[2009, 2015, 2015, 2024]).to_csv(path, index=False)
    corpus = read_corpus(path, columns={"id": "ref", "text": "body", "actor": "country", "actor_id": "iso"})
    scores = score_intensity(find_matches(corpus, SCALE.lexicon), corpus)
    # s1 "conveyed condolences and support" is grief: level 1 (it was 0 before grief and sympathy joined level 1)
    assert scores[["statement_id", "level", "bloc"]].values.tolist() == [["s1", 1, "north"], ["s2", 3, "europe"],
                                                                         ["s4", 3, "gulf"]]
    table = intensity_table(scores, by="bloc")
    assert table[["bloc", "n_statements", "n_level_3", "max_level"]].values.tolist() == [
        ["europe", 1, 1, 3], ["gulf", 1, 1, 3], ["north", 1, 0, 1]]
    decades = intensity_table(scores, by="decade,bloc")
    assert decades[["decade", "bloc", "mean_level"]].values.tolist() == [[2000, "north", 1.0], [2010, "europe", 3.0],
                                                                         [2020, "gulf", 3.0]]


def test_intensity_table_refuses_a_column_the_scores_lack_and_lists_those_they_have(seed_scores):
    with pytest.raises(ParameterError, match=r"The 'by' parameter of intensity_table must be a grouping \(doc, .*"
                                             r"decade, years:N\) or a column of the scores \(actor_type, .*\). "
                                             r"Got 'bloc' instead"):
        intensity_table(seed_scores, by="actor,bloc")
    with pytest.raises(ParameterError, match="levels of the scale"):
        intensity_table(seed_scores.assign(level=7), by="actor")
    empty = intensity_table(seed_scores.iloc[:0], by="actor")
    assert empty.empty and "share_level_5" in empty.columns


def test_a_statement_without_an_actor_is_unresolved_in_the_attribution_the_counts_and_the_scores():
    attribution = attribute_statements(read_texts([SEED, DATA / "articles" / "according.txt"]), default_gazetteer())
    nobody = attribution.table[attribution.table["actor_id"].isna()]
    assert len(nobody) == 1 and nobody["actor"].tolist() == [UNRESOLVED]  # "Officials said ..."
    corpus = attribution.corpus
    matches = find_matches(corpus, default_lexicon() + SCALE.lexicon)
    counts = count_matches(matches, by="actor")
    scores = score_intensity(matches, corpus)
    table = intensity_table(scores, by="actor")
    assert scores.loc[scores["actor_id"].isna(), "actor"].tolist() == [UNRESOLVED]
    assert counts["actor"].iloc[-1] == table["actor"].iloc[-1] == UNRESOLVED  # last, spelled alike
    assert set(counts["actor"]) == set(scores["actor"]) == set(table["actor"]) == set(attribution.table["actor"])


def test_intensity_over_processes_gives_the_same_table_with_the_metadata():
    un = read_ungdc(DATA / "ungdc_mini")
    parallel = intensity_parallel(un, jobs=1)
    pd.testing.assert_frame_equal(parallel, score_intensity(find_matches(un, SCALE.lexicon), un))


def test_score_intensity_matches_the_scales_cues_itself_when_the_matches_lack_them():
    # a researcher's first call: the shipped lexicon's matches and the shipped scale, nothing else to know
    corpus = read_corpus(DATA / "own" / "statements.csv", columns={
        "id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"})
    scale = default_intensity_scale()
    plain = score_intensity(find_matches(corpus), corpus)
    with_cues = score_intensity(find_matches(corpus, default_lexicon() + scale.lexicon), corpus)
    assert plain.equals(with_cues)
    levels = dict(zip(plain["statement_id"], plain["level"]))
    assert levels["DEU_71_2016"] == 5 and levels["NPL_65_2010"] == 4 and levels["BGD_66_2011"] == 0


def test_condemnation_sentences_split_real_statements_at_sentence_ends_by_the_speakers_own_cues():
    from toolkit.analysis.intensity import condemnation_sentences
    from toolkit.io import read_corpus

    from ..paths import DATA
    mapping = {"id": "ref", "actor": "country", "actor_id": "iso3", "year": "session_year", "text": "statement"}
    corpus = read_corpus(DATA / "own" / "statements.csv", columns=mapping)
    condemning, other = condemnation_sentences(corpus)
    by_id = {st.id: st for st in corpus.statements}
    texts = {st.id: st.text for st in condemning.statements}
    assert texts["DEU_71_2016:0"] == ("We condemn in the strongest possible terms the latest nuclear test carried "
                                      "out by North Korea.")
    assert texts["MMR_72_2017:0"].endswith("in condemning terrorism in all its forms and manifestations.")
    for part in (condemning, other):
        for doc in part:
            for st in doc.statements:
                whole = by_id[st.id.rsplit(":", 1)[0]]
                assert doc.text[st.start:st.end] == st.text and st.actor == whole.actor and st.year == whole.year
    # every token of every statement is in exactly one of the two, in its order
    from toolkit.text.normalize import fold_for_tokens
    from toolkit.text.tokens import split_tokens

    def words(texts):
        return [w for t in texts for w in split_tokens(fold_for_tokens(t).text)[0]]

    for st in corpus.statements:
        runs = sorted((s for c in (condemning, other) for s in c.statements if s.id.rsplit(":", 1)[0] == st.id),
                      key=lambda s: s.start)
        assert words(s.text for s in runs) == words([st.text])
    # a level-1 cue ("concern", "regret") alone does not make a sentence one of condemnation
    scale = default_intensity_scale()
    concern = Corpus.from_texts(["We are deeply concerned by the attack. We condemn it."])
    assert [s.text for s in condemnation_sentences(concern, scale=scale)[0].statements] == ["We condemn it."]
    assert [s.text for s in condemnation_sentences(concern, min_level=1)[0].statements] == [
        "We are deeply concerned by the attack. We condemn it."]


def test_parse_mode_knows_an_organisation_by_its_united_nations_and_un_names():
    pytest.importorskip("spacy")
    text = "The Secretary-General strongly condemns the attack on the market."
    assert level(text, actor="United Nations Secretary-General", mode="parse") == 4
    council = "The members of the Security Council condemned the attack on the market."
    assert level(council, actor="United Nations Security Council", mode="parse") == 3
    assert level(council, actor="Norway", mode="parse") == 0  # the Council's reaction, not Norway's


def test_parse_mode_folds_the_isation_spelling_of_the_actor_s_name():
    pytest.importorskip("spacy")
    text = "The Organization of Islamic Cooperation reiterated its rejection of the attack."
    assert level(text, actor="Organisation of Islamic Cooperation", mode="parse") == 2


def test_each_state_of_a_list_owns_its_condolences_on_the_parse():
    text = "Canada, the Maldives, and Sweden also conveyed condolences and support."
    assert [level(text, actor=actor, mode="parse") for actor in ("Canada", "Maldives", "Sweden")] == [1, 1, 1]


def test_scoring_the_same_statements_twice_parses_each_sentence_once(monkeypatch):
    from toolkit.attribution import parse

    texts = ["Freedonia strongly condemns the bombing of the market. Talks go on.", "We deplore the attack."]
    corpus = Corpus(tuple(Document(f"twice{k}", t, actor="Norway") for k, t in enumerate(texts)))
    matches = find_matches(corpus, SCALE.lexicon)
    nlp = parse.load_pipeline()
    parsed: list[str] = []
    original = type(nlp).pipe

    def pipe(self, items, *args, **kwargs):
        for doc in original(self, items, *args, **kwargs):
            parsed.append(doc.text)
            yield doc

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    first = score_intensity(matches, corpus, scale=SCALE, mode="parse")
    cues = score_intensity(matches, corpus, scale=SCALE, mode="parse", cues=True)
    assert sorted(parsed) == sorted(set(parsed)) and len(parsed) >= 2  # each sentence once, over both calls
    assert first["level"].tolist() == [4, 2] and cues["level"].max() == 4
