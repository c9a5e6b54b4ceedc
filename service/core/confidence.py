"""How likely a quote's speaker name is right, from the evidence behind it.

Two factors multiply: how the quote was linked to its mention (a cue on the quote's
dependency path is surer than a colon or a floating quote), and how the mention became a
name (a full name is surer than a bare surname two people share, a pronoun with a clear
antecedent surer than one with a close rival). An unresolved speaker (``name: null``)
scores below every resolved one. The factors are data, measured against hand-read names
(``docs/accuracy.md`` has the reliability table); change them there and here together.
"""

from __future__ import annotations

from .entities import Entity
from .model import Attribution, Resolution, SpeakerKind
from .resolution import Resolved

# The quote's link to its mention.
LINK = {
    Attribution.CUE: 1.0,
    Attribution.ACCORDING_TO: 0.97,
    Attribution.COLON: 0.95,
    Attribution.BYLINE: 0.97,
    Attribution.CONTINUATION: 0.97,
}
UNLINKED_CUE = 0.97  # a cue found near the quote, not on its dependency path
# A cue read from the words beside the quote, past the parse allowance (``lexical``):
# right often enough to show, never sure enough to auto-accept (below 0.9).
LEXICAL_CUE = 0.85
# The mention's way to a name.
FULL_NAME = 0.99  # the article's fullest form has a given name and a surname
ORGANIZATION_NAME = 0.95
BARE_NAME = 0.85  # one word and the article never gives more ("Madonna", or a lost first name)
SHARED_SURNAME = 0.8  # "Scott" when the article names two Scotts
PRONOUN_CLEAR = 0.89  # one compatible candidate, or a wide margin with agreeing gender
PRONOUN_LIKELY = 0.87  # a margin of at least a half, or gender only allowed
PRONOUN_CLOSE = 0.84  # a close rival
DESCRIPTOR_ONE = 0.85  # one organisation or person introduced with that noun or role
DESCRIPTOR_MANY = 0.6
UNRESOLVED = 0.03  # no name: below every resolved speaker (and no name to be right)
NO_SPEAKER = 0.02
WIDE_MARGIN = 0.5


def confidence(
    attribution: Attribution, linked: bool, resolved: Resolved | None, lexical: bool = False
) -> float:
    if attribution is Attribution.NONE or resolved is None:
        return NO_SPEAKER
    if resolved.entity is None:
        return UNRESOLVED
    link = LINK[attribution]
    if attribution is Attribution.CUE and not linked:
        link = LEXICAL_CUE if lexical else UNLINKED_CUE
    return round(link * _naming(resolved, resolved.entity), 3)


def _naming(resolved: Resolved, entity: Entity) -> float:
    resolution = resolved.resolution
    if resolution is Resolution.PRONOUN:
        if resolved.candidates == 1 or (resolved.margin >= WIDE_MARGIN and resolved.agreement):
            return PRONOUN_CLEAR * _name_form(entity)
        return (PRONOUN_LIKELY if resolved.margin >= WIDE_MARGIN else PRONOUN_CLOSE) * _name_form(entity)
    if resolution is Resolution.DESCRIPTOR:
        return (DESCRIPTOR_ONE if resolved.candidates == 1 else DESCRIPTOR_MANY) * _name_form(entity)
    if resolution is Resolution.PARTIAL_NAME and resolved.candidates > 1:
        return SHARED_SURNAME
    return _name_form(entity)


def _name_form(entity: Entity) -> float:
    if entity.kind is SpeakerKind.ORGANIZATION:
        return ORGANIZATION_NAME
    return FULL_NAME if len(entity.tokens) >= 2 else BARE_NAME
