"""The word lists of statement attribution, as data: reporting verbs, titles of office, pronouns.

The rules in :mod:`toolkit.attribution.statements` and
:mod:`toolkit.attribution.speakers` name no actor, person or phrase of any
article: they read the parse and these lists, and the gazetteer
(``toolkit/data/states.tsv``, ``organizations.tsv``, ``officials.tsv``).
Every list is of lower-case words (lemmas for verbs).
"""

from __future__ import annotations

__all__ = [
    "REPORTING_LEMMAS", "REPORTING_FORMS", "STATEMENT_NOUNS", "SOURCE_NOUNS", "OFFICE_QUALIFIERS", "TITLE_WORDS",
    "PERSON_TITLES", "GOVERNMENT_WORDS", "COLLECTIVE_HEADS", "NON_GOVERNMENT_WORDS", "COLLECTIVE_WORDS", "MEDIA_WORDS",
    "HONORIFICS", "LOCATION_PREPOSITIONS", "PERSON_PRONOUNS", "GROUP_PRONOUNS", "FIRST_PERSON", "NAME_CONNECTORS",
    "FEMALE_WORDS", "MALE_WORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs whose subject makes a statement: saying, reacting, judging, consoling, posting.
REPORTING_LEMMAS = _words("""
    say tell speak add state declare announce note remark comment observe respond react reply explain write post tweet
    condemn denounce deplore censure decry slam criticize criticise reject repudiate abhor lament regret mourn
    convey extend express offer send voice share issue release renew reiterate reaffirm affirm confirm deny
    emphasize emphasise stress underline underscore highlight insist assert maintain claim warn urge call appeal
    demand vow pledge promise assure reassure hope wish welcome thank praise describe term brand label dub
    condole sympathize sympathise commiserate grieve accuse blame agree believe suspect
""")

#: Inflected forms of the reporting verbs, for lines the parser reads badly (headlines in title case).
_IRREGULAR = {"say": "said", "tell": "told", "speak": "spoke spoken", "write": "wrote written", "send": "sent"}


def _forms(lemmas: frozenset[str]) -> frozenset[str]:
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        if lemma.endswith("y") and lemma[-2] not in "aeiou":
            third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
        else:
            past = lemma + ("d" if lemma.endswith("e") else "ed")
        forms.update({lemma, third, past, stem + "ing"})
        forms.update(_IRREGULAR.get(lemma, "").split())
    return frozenset(forms)


REPORTING_FORMS = _forms(REPORTING_LEMMAS)

#: Nouns that name a statement ("in a statement", "the message said").
STATEMENT_NOUNS = _words("""
    statement statements message messages communique communiqué letter note tweet post remarks declaration release
    condolences telegram readout
""")

#: Nouns whose "from X" or "by X" names their owner ("a statement from the ministry", "a source at the embassy").
SOURCE_NOUNS = STATEMENT_NOUNS | _words("source sources")

#: Words that make up the name of an office or a title.
TITLE_WORDS = _words("""
    minister ministers ministry ministries president presidents presidency vice prime premier chancellor
    secretary secretariat general spokesperson spokesman spokeswoman spokespeople spokespersons deputy
    ambassador ambassadors envoy envoys embassy embassies consulate consul mission missions commission
    commissioner commissioners high representative representatives chief head leader leaders king queen emir amir
    sheikh sultan prince crown monarch pope cardinal governor delegate delegation office foreign affairs external
    interior defense defence home state government governments cabinet administration authorities authority
    officials official department council parliament senator lawmaker adviser advisor director commander army
    military police forces security palace house kremlin federal royal highness excellency chairperson chairman
    chair speaker counsellor counselor attache attaché press service services bureau agency
""")

#: Words that qualify the name of an office and may be coordinated inside it ("Foreign and Expatriates Ministry").
OFFICE_QUALIFIERS = _words("""
    foreign affairs interior external defence defense home economic political cultural international trade
    development cooperation expatriates justice security public information
""")

#: Titles that name one person ("the interior minister" is a person; "the ministry" is not).
PERSON_TITLES = _words("""
    minister president premier chancellor secretary spokesperson spokesman spokeswoman ambassador envoy consul
    commissioner chief head leader king queen emir amir sheikh sultan prince monarch pope cardinal governor
    delegate senator lawmaker adviser advisor director commander chairperson chairman chair speaker representative
""")

#: Words that make a phrase a government's (a state named in it then speaks).
GOVERNMENT_WORDS = _words("""
    minister ministers ministry ministries president presidency premier chancellor prime secretary spokesperson
    spokesman spokeswoman ambassador ambassadors envoy embassy embassies consulate consul mission office offices
    government cabinet administration authorities officials official department king queen emir amir sheikh
    sultan prince monarch palace kremlin commission council parliament leader leadership representative
    delegation state police army military forces foreign affairs interior presidential adviser advisor
    advisers advisors spokespersons leaders presidents ministries kings secretaries
""")

#: Words that make a phrase someone other than a government, whatever state it names.
NON_GOVERNMENT_WORDS = _words("""
    opposition rebel rebels militant militants insurgent insurgents citizen citizens national nationals people
    residents resident community communities diaspora widow widower mother father son daughter wife husband
    relatives family families survivor survivors witness witnesses victim victims student students analyst
    analysts expert experts scholar scholars journalist journalists reporter reporters correspondent media
    newspaper newspapers daily broadcaster television tv channel columnist activist activists protesters crowd
    fans tourists player players club team church mosque imam priest bishop archbishop university professor
""")

#: Collective nouns that name no one in particular ("world leaders", "the international community").
COLLECTIVE_WORDS = _words("""
    leaders countries nations states governments world international community organizations organisations
    members partners allies others several many other various some politicians figures capitals
""")

#: Plural heads of a phrase that name no one without a state or a name ("key foreign leaders").
COLLECTIVE_HEADS = _words("""
    leaders countries nations states governments organizations organisations members partners allies capitals
    others politicians figures diplomats community
""")

#: Words that make a phrase a news medium.
MEDIA_WORDS = _words("news agency agencies newspaper newspapers outlet outlets media broadcaster daily wire")

#: Courtesy titles before a name (dropped when a name is looked up; they tell the gender when they can).
HONORIFICS = _words("mr mrs ms miss dr sir dame madam lord lady h e his her excellency hon")
FEMALE_WORDS = _words("mrs ms miss madam dame lady queen she her spokeswoman chairwoman")
MALE_WORDS = _words("mr sir lord king he his him spokesman chairman")

#: A state named after these is a place or an addressee, not the speaker ("the Chinese Embassy in Islamabad").
LOCATION_PREPOSITIONS = _words("to in at from over against with on into toward towards near outside inside across "
                               "about after before during")

PERSON_PRONOUNS = _words("he she")
GROUP_PRONOUNS = _words("it they")
FIRST_PERSON = _words("we i")

#: Small words inside names of offices and people ("Ministry of Foreign Affairs", "von der Leyen").
#: words that join the next speaker's clause to a statement ("X said ..., while Y stressed ...")
CLAUSE_LINKS = _words("while whereas and but as although though with")
NAME_CONNECTORS = _words("of the for and de der von van al bin bint ibn el da di du la le")
