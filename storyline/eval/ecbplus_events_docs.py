"""ECB+ documents for the event scorer: gold event and entity mentions, and each document
as an extraction context (our parse, our time expressions, gold entity mentions).

The text of a document is its sentences, each detokenised ("December 9, 2008", not
"December 9 , 2008", so that our time recogniser reads what a newspaper prints),
joined by single spaces: one paragraph, so a sentence without a date may take the
date of an earlier one. A web address line is left out. The document's date is the
first full calendar date of its first three sentences (the ECB+ date line), if any.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from storyline.eval import ecbplus
from storyline.extract.context import DocContext, MentionRow, TimexRow
from storyline.extract.model import Ref
from storyline.model import UNKNOWN_DATE, DatedValue, Document, Metadata, Precision
from storyline.nlp.dates import find_timexes

# Markable tags that are event mentions (the ECB+ "action" component).
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")
# Tokens written without a space before them, and after them.
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", "'s", "’s", "n't", ")", "%", "''", "'"})
NO_SPACE_AFTER = frozenset({"(", "$", "``", "#"})
# Penn tags of pronouns: such gold mentions are left to our pronoun rules.
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT"})
FULL_DATE = re.compile(r"^(19[5-9]\d|20[0-2]\d)-\d{2}-\d{2}")
DATE_LINES = 3


@dataclasses.dataclass(frozen=True)
class Action:
    """One gold event mention."""

    id: str  # f"{doc}/{m_id}"
    tag: str  # ACTION_OCCURRENCE, NEG_ACTION_STATE...
    sentence: int
    tokens: tuple[int, ...]  # positions in the sentence, ascending
    chain: str  # the gold event: instance id, intra-document chain or the mention itself


@dataclasses.dataclass(frozen=True)
class EventDoc:
    """One ECB+ document: its sentences, gold event mentions and gold entity mentions."""

    name: str
    topic: int
    words: dict[int, tuple[str, ...]]  # every sentence, listed or not
    actions: tuple[Action, ...]
    entities: tuple[ecbplus.Mention, ...]

    def sentence_of(self, key: str) -> int:
        return next(a.sentence for a in self.actions if a.id == key)

    def tag_of(self, key: str) -> str:
        return next(a.tag for a in self.actions if a.id == key)


def read_event_doc(source: str, selected: Iterable[int] | None = None) -> EventDoc:
    """Parse one ECB+ XML document; ``selected`` limits mentions to those sentences."""
    root = ET.fromstring(source)
    name = root.get("doc_name", "").removesuffix(".xml")
    where, sentences = ecbplus._tokens(root)  # the entity reader's token table
    chains = ecbplus._chains(root, name)
    keep = None if selected is None else set(selected)
    actions = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        places = [where[t] for t in anchors if t in where]
        if not places or not markable.tag.startswith(EVENT_PREFIXES):
            continue
        sentence = places[0][0]
        if keep is not None and sentence not in keep:
            continue
        m_id = markable.get("m_id", "")
        tokens = tuple(sorted({i for s, i in places if s == sentence}))
        chain = chains.get(m_id, f"{name}/{m_id}")
        actions.append(Action(f"{name}/{m_id}", markable.tag, sentence, tokens, chain))
    actions.sort(key=lambda a: (a.sentence, a.tokens, a.id))
    entities = ecbplus.read_ecbplus(source, keep).mentions
    return EventDoc(name, int(name.split("_")[0]), sentences, tuple(actions), entities)


def read_event_corpus(root: Path, topics: Iterable[int]) -> list[EventDoc]:
    """The documents of ``topics`` that have listed sentences, sorted by topic and name."""
    selected = ecbplus.read_selection(root / ecbplus.SENTENCES)
    docs = []
    for topic in topics:
        for path in sorted((root / ecbplus.CORPUS / str(topic)).glob("*.xml")):
            if path.stem in selected:
                docs.append(read_event_doc(path.read_text(encoding="utf-8"), selected[path.stem]))
    return docs


def spaces_of(words: Sequence[str]) -> list[bool]:
    """Whether each word is followed by a space in newspaper spelling."""
    out = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else None
        glued = after is None or after in NO_SPACE_BEFORE or word in NO_SPACE_AFTER
        if word == ":" and i and words[i - 1].isdigit() and after and after.isdigit():
            glued = True  # a clock time "5:46"
        if after == ":" and word.isdigit() and i + 2 < len(words) and words[i + 2].isdigit():
            glued = True
        out.append(not glued)
    return out


def doc_context(
    doc: EventDoc, nlp: Language, entity_ids: dict[str, str]
) -> tuple[DocContext, dict[int, tuple[Doc, int]]]:
    """The document as an extraction context, and each sentence's parse with its offset."""
    numbers = [n for n in sorted(doc.words) if not doc.words[n][0].lower().startswith("http")]
    pieces = [
        Doc(nlp.vocab, words=list(doc.words[n]), spaces=spaces_of(doc.words[n])) for n in numbers
    ]
    parsed = list(nlp.pipe(pieces))
    offsets, cursor = [], 0
    for piece in parsed:
        offsets.append(cursor)
        cursor += len(piece.text) + 1
    text = " ".join(piece.text for piece in parsed)
    where = {n: (piece, base) for n, piece, base in zip(numbers, parsed, offsets, strict=True)}
    published = date_line(text[: offsets[DATE_LINES] if len(offsets) > DATE_LINES else len(text)])
    document = Document(
        id=doc.name, key=doc.name, path=doc.name, fmt="ecb+", text=text, source_text=text,
        removed=(), meta=Metadata(published=published, language="en"), sha="0" * 64,
    )  # fmt: skip
    sentences = [
        (base + s.start_char, base + s.end_char)
        for piece, base in where.values()
        for s in piece.sents
    ]
    ctx = DocContext(
        document,
        [(piece, base) for piece, base in where.values()],
        sorted(sentences),
        mention_rows(doc, where, entity_ids),
        [
            TimexRow(t.start, t.end, t.text, t.type, t.value, t.mod)
            for t in find_timexes(text, published)
        ],
        [],
    )
    return ctx, where


def date_line(text: str) -> DatedValue:
    """The first full calendar date of ``text`` (the document's date line), or unknown."""
    for timex in find_timexes(text, None):
        if FULL_DATE.match(timex.value):
            return DatedValue(timex.value[:10], Precision.DAY, f"date line {timex.text!r}")
    return UNKNOWN_DATE


def mention_rows(
    doc: EventDoc, where: dict[int, tuple[Doc, int]], entity_ids: dict[str, str]
) -> list[MentionRow]:
    """The gold entity mentions that are not pronouns, as extraction's mention rows."""
    rows = []
    for mention in doc.entities:
        if mention.sentence not in where:
            continue
        piece, base = where[mention.sentence]
        first, last = piece[mention.tokens[0]], piece[mention.tokens[-1]]
        if len(mention.tokens) == 1 and first.tag_ in PRONOUN_TAGS:
            continue
        start, end = base + first.idx, base + last.idx + len(last)
        kind = ecbplus.TYPE_OF_TAG.get(mention.tag, "OTHER")
        cluster = int(entity_ids.get(mention.id, "entity:-1").rsplit(":", 1)[1])
        ref = Ref(mention.id, start, end, piece.text[start - base : end - base], kind)
        rows.append(MentionRow(ref, cluster, {}))
    return sorted(rows, key=lambda r: (r.ref.start, r.ref.end))
