"""Small fixed word lists, kept as data in one place.

Larger lists that users may want to edit (the default lexicon, actor
gazetteers) live as files in ``toolkit/data/`` and are read by
:mod:`toolkit.io`.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS"]

#: Folded tokens that a full stop follows without ending a sentence
#: ("Mr. Guterres", "No. 5", "Art. 51", "etc. and"). Single letters
#: ("U.S.", "H.E.", "J. Smith") are handled by rule, not listed.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof sr jr st hon rev fr sir
    gen lt col maj capt cmdr adm sgt cpl pres gov sen rep amb ambs excy
    no nos art arts para paras sect sec ch chap vol vols pp pg op cit ibid
    fig figs approx est ca cf al etc vs viz incl dept govt corp inc ltd co bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
