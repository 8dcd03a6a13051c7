"""The intensity scale: one behaviour per rule, the scale file's errors, and the validation against the gold."""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from toolkit.analysis.intensity import kappa, parse_intensity_scale, score_intensity, with_levels
from toolkit.errors import InputError, ParameterError
from toolkit.formulae.counts import count_matches
from toolkit.formulae.match import find_matches
from toolkit.io import default_intensity_scale, default_lexicon
from toolkit.text.corpus import Corpus, Document

from ..paths import ROOT, SHARED

SCALE = default_intensity_scale()
GOLD = ROOT / "corpora" / "intensity.gold.jsonl"


def score(*texts, actor="Norway"):
    corpus = Corpus(tuple(Document(f"d{k}", t, actor=actor) for k, t in enumerate(texts)))
    return score_intensity(find_matches(corpus, SCALE.lexicon), corpus, scale=SCALE)


def level(text, **kwargs):
    return int(score(text, **kwargs)["level"].iloc[0])


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


def test_levels_compose_with_counts():
    corpus = Corpus((Document("a", "Norway strongly condemns the attack.", actor="Norway"),
                     Document("b", "Chile condemns the attack. Chile expresses its condolences.", actor="Chile")))
    matches = find_matches(corpus, default_lexicon() + SCALE.lexicon)
    counted = count_matches(with_levels(matches, score_intensity(matches, corpus, scale=SCALE)), by="level",
                            level="family")
    condolence = counted[counted["family"] == "condolence"].set_index("level")["n_matches"]
    assert condolence.to_dict() == {3: 1, 4: 0}
    with pytest.raises(ParameterError, match="with_levels"):
        count_matches(matches, by="level")


def test_matches_without_the_scale_and_bad_scale_files_are_refused():
    corpus = Corpus((Document("a", "Norway condemns the attack."),))
    with pytest.raises(ParameterError, match="lexicon \\+ scale.lexicon"):
        score_intensity(find_matches(corpus, default_lexicon()), corpus, scale=SCALE)
    text = (ROOT / "toolkit" / "data" / "intensity.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match=r"my\.yaml:\d+:\d+: .*needs a role"):
        parse_intensity_scale(text.replace("    role: intensifier\n", ""), source="my.yaml")
    with pytest.raises(InputError, match="bad pattern"):
        parse_intensity_scale(text.replace("      - condemn*\n", "      - condemn* _{9,1}\n"), source="my.yaml")


def test_weighted_kappa_equals_scikit_learns():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 6, 300)
    b = np.clip(a + rng.integers(-1, 2, 300), 0, 5)
    assert kappa(a, b) == pytest.approx(cohen_kappa_score(a, b, weights="quadratic", labels=range(6)))


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


def test_the_scale_agrees_with_the_hand_coded_gold():
    units = _gold_units()
    assert len(units) >= 139  # the seed and the UN sentences at least; with news-dev, 212
    corpus = Corpus(tuple(Document(u["id"], u["text"], actor=u["actor"]) for u in units))
    scores = score_intensity(find_matches(corpus, SCALE.lexicon), corpus, scale=SCALE)
    gold = np.array([u["level"] for u in units])
    found = scores["level"].to_numpy()
    weighted = kappa(gold, found)
    exact = float((gold == found).mean())
    assert weighted >= 0.80, f"weighted kappa {weighted:.3f} (exact agreement {exact:.3f})"
    assert exact >= 0.75
    for k in range(6):  # no level is lost: at least half of each gold level is found exactly
        assert (found[gold == k] == k).mean() >= 0.5, f"level {k}"


def test_the_scale_on_the_blind_held_out_sentences():
    """64 UN sentences coded after the rules were written, by a coder who never saw them (corpora/README.md).

    The rules were not tuned on them; the figure is reported as it is (README, "Intensity"), and this test
    guards it against regressions.
    """
    units = [json.loads(line) for line in (ROOT / "corpora" / "intensity.heldout.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert len(units) == 64
    corpus = Corpus(tuple(Document(u["id"], u["text"], actor=u["actor"]) for u in units))
    found = score_intensity(find_matches(corpus, SCALE.lexicon), corpus, scale=SCALE)["level"].to_numpy()
    gold = np.array([u["level"] for u in units])
    assert kappa(gold, found) >= 0.72 and (gold == found).mean() >= 0.65


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
    with pytest.raises(ParameterError, match="one row per statement"):
        scores = score_intensity(matches, corpus, scale=SCALE)
        with_levels(matches, pd.concat([scores, scores]))


def test_a_typo_in_a_nested_key_of_a_scale_is_an_error():
    text = (ROOT / "toolkit" / "data" / "intensity.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="unknown key 'target' in words"):
        parse_intensity_scale(text.replace("  targets:", "  target:"), source="my.yaml")
