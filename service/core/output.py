"""Output: drafts frozen into the ``Extraction`` contract, with speaker ids and groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .entities import Entity
from .linking import Draft
from .model import (
    Attribution,
    Extraction,
    Quote,
    QuoteType,
    Speaker,
    SpeakerKind,
    SpeakerRef,
    TextRange,
    TextSpan,
)


def freeze(
    text: str,
    drafts: list[Draft],
    score: Callable[[str, Draft | None], float],
    unparsed_from: int | None = None,
) -> Extraction:
    """``score(quote_id, draft)``: the quote's confidence (``confidence``); the draft is None
    for a quote with no speaker mention."""
    quotes: list[Quote] = []
    others: list[Quote] = []
    slots: dict[object, _SpeakerSlot] = {}  # a resolved entity, or an unresolved mention text
    group_sizes = Counter(d.group for d in drafts if d.group and d.type is not QuoteType.OTHER)
    group_ids: dict[str, str] = {}
    for n, d in enumerate(drafts, start=1):
        quote_id = f"q{n}"
        if d.type is QuoteType.OTHER:
            others.append(_other_quote(quote_id, text, d))
            continue
        entity = d.resolved.entity if d.resolved else None
        ref: SpeakerRef | None = None
        if d.speaker is not None:
            key: object = id(entity) if entity is not None else d.speaker.text.lower()
            slot = slots.get(key)
            if slot is None:
                slot = slots[key] = _SpeakerSlot(f"s{len(slots) + 1}", entity, d.speaker.text)
            if entity is None:
                slot.mentions.add(TextSpan(d.speaker.start, d.speaker.end, d.speaker.text))
            slot.quote_ids.append(quote_id)
            ref = SpeakerRef(slot.id, entity.name if entity else None)
        group = None
        if d.group and group_sizes[d.group] > 1:
            group = group_ids.setdefault(d.group, f"g{len(group_ids) + 1}")
        quotes.append(
            Quote(
                id=quote_id,
                text=text[d.span.start : d.span.end],
                start=d.span.start,
                end=d.span.end,
                type=d.type,
                speaker=ref,
                speaker_mention=d.mention,
                cue=d.cue,
                attribution=d.attribution,
                resolution=d.resolved.resolution if ref is not None and d.resolved else None,
                confidence=score(quote_id, d if ref is not None else None),
                paragraph=d.span.paragraph,
                group=group,
            )
        )
    speakers = tuple(slot.freeze() for slot in slots.values())
    unparsed = TextRange(unparsed_from, len(text)) if unparsed_from is not None else None
    return Extraction(tuple(quotes), speakers, tuple(others), unparsed)


@dataclass
class _SpeakerSlot:
    """A speaker while quotes are numbered: a resolved entity, or a mention nobody matched."""

    id: str
    entity: Entity | None
    descriptor: str
    mentions: set[TextSpan] = field(default_factory=set)
    quote_ids: list[str] = field(default_factory=list)

    def freeze(self) -> Speaker:
        e = self.entity
        if e is None:
            mentions = tuple(sorted(self.mentions, key=lambda m: m.start))
            return Speaker(
                self.id, None, SpeakerKind.UNKNOWN, (), (self.descriptor,), mentions, tuple(self.quote_ids)
            )
        kind = e.kind if e.kind is not SpeakerKind.UNKNOWN else SpeakerKind.PERSON
        mentions = tuple(sorted(set(e.mentions), key=lambda m: m.start))
        return Speaker(
            self.id,
            e.name,
            kind,
            tuple(e.title_phrases),
            tuple(e.descriptors),
            mentions,
            tuple(self.quote_ids),
        )


def _other_quote(quote_id: str, text: str, d: Draft) -> Quote:
    """A non-speech quoted span: no speaker, cue or attribution."""
    return Quote(
        id=quote_id,
        text=text[d.span.start : d.span.end],
        start=d.span.start,
        end=d.span.end,
        type=QuoteType.OTHER,
        speaker=None,
        speaker_mention=None,
        cue=None,
        attribution=Attribution.NONE,
        resolution=None,
        confidence=0.5,
        paragraph=d.span.paragraph,
    )
