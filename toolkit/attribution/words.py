"""The word lists of statement attribution: reporting verbs, titles, pronouns.

Larger lists that users may want to edit (the actor gazetteers) live as
files in ``toolkit/data/`` and are read by :mod:`toolkit.io`.
"""

from __future__ import annotations

__all__ = ["REPORTING_VERBS", "ADVERBIALS", "TITLE_WORDS", "PERSON_TITLES", "GOVERNMENT_WORDS", "PRONOUNS",
           "SUBORDINATORS", "TRAILING_WORDS"]

#: Reporting verbs in finite forms: each opens a statement by the subject before
#: it ("France said", "the EU condemned") or, inverted, after it ("said the ministry").
#: Present forms that are more often plural nouns ("issues", "calls", "states",
#: "notes", "claims") are left out.
REPORTING_VERBS = frozenset(
    """
    said says say added adds told tells confirmed confirms vowed vows condemned condemns
    denounced denounces censured censures rejected rejects conveyed conveys extended extends
    expressed expresses offered offers reiterated reiterates reaffirmed reaffirms emphasized
    emphasizes emphasised emphasises affirmed affirms stressed stresses urged urges mourned mourns
    called warned warns noted declared declares stated announced announces tweeted tweets posted
    wrote writes insisted insists asserted asserts accused accuses blamed blames demanded deplored
    deplores decried decries lamented laments welcomed welcomes pledged promised assured assures
    voiced underlined underlines underscored underscores highlighted highlights maintained claimed
    sent issued released shared opposed opposes slammed slams criticised criticized criticises
    criticizes regretted regrets hoped believed believes
    """.split()
)

#: Words that may stand between a speaker and its reporting verb.
ADVERBIALS = frozenset(
    """
    also has have had was were is are will would could may might then later earlier again separately
    further furthermore moreover meanwhile too likewise itself themselves himself herself not
    on monday tuesday wednesday thursday friday saturday sunday today yesterday
    """.split()
)

#: Words that make up the name of an office or a title ("Interior Minister",
#: "the Chinese Embassy", "Ministry of Foreign Affairs", "officials").
TITLE_WORDS = frozenset(
    """
    minister ministers ministry ministries president presidency vice prime premier chancellor
    secretary secretariat general spokesperson spokesman spokeswoman spokespeople spokespersons
    ambassador ambassadors envoy envoys embassy embassies consulate consul mission missions
    high commission commissioner commissioners chief head leader leaders king queen emir amir sheikh
    sultan prince crown monarch pope cardinal governor representative representatives delegate
    delegation office foreign affairs interior defense defence home state external information
    government governments cabinet administration authorities authority officials official
    department council parliament senator senators lawmaker lawmakers deputy adviser advisor
    director commander army military police forces security statement statements communique
    communiqué press service palace house kremlin bloc union organisation organization agency
    policy federal royal highness excellency mr mrs ms dr
    """.split()
)

#: Titles that name a person ("the interior minister", "he").
PERSON_TITLES = frozenset(
    """
    minister president premier chancellor secretary spokesperson spokesman spokeswoman ambassador
    envoy consul commissioner chief head leader king queen emir amir sheikh sultan prince monarch
    pope cardinal governor representative delegate senator lawmaker deputy adviser advisor director
    commander
    """.split()
)

#: Government offices that speak for the state they belong to.
GOVERNMENT_WORDS = frozenset(
    """
    minister ministers ministry president presidency premier chancellor prime secretary spokesperson
    spokesman spokeswoman ambassador envoy embassy consulate mission office government cabinet
    administration authorities officials official department army military police forces king queen
    emir amir sheikh sultan prince monarch palace kremlin commission council parliament
    """.split()
)

#: Pronouns that refer back to the last speaker of the paragraph.
PRONOUNS = frozenset("he she it they".split())

#: Words that open a parenthetical clause between a subject and its verb
#: ("Qatar, while condemning the attack, reaffirmed ...").
SUBORDINATORS = frozenset("while whilst although though after before as in which who whose when despite".split())

#: Words of the short tail that may follow a reporting verb ending a sentence
#: ("..., the ministry said in a statement.", "said on X", "told reporters").
TRAILING_WORDS = frozenset(
    """
    a an statement post posts x twitter interview reporters journalists press conference briefing
    separate joint written message
    """.split()
)
