"""The knowledge base as FollowTheMoney entities, one JSON object per line.

Entities become Person, Organization, LegalEntity (a country of the schema's country
table, with its ISO code), Address (other places) or Event; OTHER entities have no FtM
schema and are left out, with the relations that need them. Events become Event
(``involved``, ``date``, places as ``addressEntity``/``location``). Relations become the
FtM interval schemata that fit (Family, Membership, Directorship, Employment, Associate,
Occupancy of a Position), else UnknownLink with the predicate as ``role``. Every entity
and link carries ``sourceUrl``, ``publisher`` and the evidence as ``description``.

The JSON is written here, not with the ``followthemoney`` package, whose dependencies
(SQLAlchemy, rdflib, openpyxl, PyICU built from source…) outweigh this module
(docs/decisions.md, D12); the tests check the property names against the FtM schema.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from storyline.hashing import content_id
from storyline.schema import country_code, country_named

# What FtM accepts as an entity id; other ids are hashed into one.
_FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
# FtM dates are ISO prefixes; week, season and decade values are left out.
_FTM_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Evidence written per link or event.
MAX_EVIDENCE = 10


@dataclasses.dataclass(frozen=True)
class Link:
    """How one relation type becomes an FtM link entity."""

    schema: str
    subject: str  # the property holding the relation's subject
    object: str  # … and its object
    role: tuple[str, str] | None = None  # (property, value): "relationship": "sibling"


# Relation type → (the object's FtM schema → link). A pair missing here, or a subject the
# link's schema does not take, becomes an UnknownLink with the predicate as its role.
LINKS: dict[str, dict[str, Link]] = {
    "sibling_of": {"Person": Link("Family", "relative", "person", ("relationship", "sibling"))},
    "child_of": {"Person": Link("Family", "relative", "person", ("relationship", "child"))},
    "parent_of": {"Person": Link("Family", "relative", "person", ("relationship", "parent"))},
    "spouse_of": {"Person": Link("Family", "relative", "person", ("relationship", "spouse"))},
    "member_of": {"Organization": Link("Membership", "member", "organization")},
    "leader_of": {
        "Organization": Link("Directorship", "director", "organization", ("role", "leader"))
    },
    "works_for": {
        "Organization": Link("Employment", "employee", "employer"),
        "Person": Link("Associate", "person", "associate", ("relationship", "works for")),
    },
    "spokesman_for": {
        "Organization": Link("Employment", "employee", "employer", ("role", "spokesperson")),
        "Person": Link("Associate", "person", "associate", ("relationship", "spokesperson")),
    },
}

# The schemata each link schema accepts as its subject (FtM ranges).
_SUBJECT_OK = {
    "Family": ("Person",),
    "Associate": ("Person",),
    "Employment": ("Person",),
    "Membership": ("Person", "Organization", "LegalEntity"),
    "Directorship": ("Person", "Organization", "LegalEntity"),
    "UnknownLink": ("Person", "Organization", "LegalEntity", "Address", "Event"),
}

# Our entity type → FtM schema (GPE depends on the name: see ``schema_of``).
ENTITY_SCHEMATA = {"PERSON": "Person", "ORG": "Organization", "LOC": "Address", "EVENT": "Event"}


def _url(doc: Mapping[str, Any]) -> str | None:
    url = doc.get("url")
    if isinstance(url, str) and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


class Sources:
    """Where evidence comes from: each document's address and publisher."""

    def __init__(self, documents: Iterable[Mapping[str, Any]]) -> None:
        self.urls: dict[str, str] = {}
        self.publishers: dict[str, str] = {}
        for doc in documents:
            doc_id = str(doc.get("id"))
            if url := _url(doc):
                self.urls[doc_id] = url
            if doc.get("publisher"):
                self.publishers[doc_id] = str(doc["publisher"])

    def cite(self, mentions: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
        """``sourceUrl``, ``publisher`` and ``description`` properties for some evidence."""
        mentions = list(mentions)
        docs = [str(m.get("doc")) for m in mentions]
        quotes = [" ".join(str(m.get("text") or "").split()) for m in mentions[:MAX_EVIDENCE]]
        return {
            "sourceUrl": _unique(self.urls[d] for d in docs if d in self.urls),
            "publisher": _unique(self.publishers[d] for d in docs if d in self.publishers),
            "description": _unique(q for q in quotes if q),
        }


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def ftm_id(ident: object) -> str:
    """A contract id as an FtM entity id (hashed when FtM would not take it as it is)."""
    text = str(ident)
    return text if _FTM_ID.match(text) else content_id("ftm-", text)


def _entity(ident: str, schema: str, props: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    """An FtM entity as JSON data: empty properties dropped, values unique, in order."""
    cleaned = {key: _unique(values) for key, values in props.items()}
    return {"id": ident, "schema": schema, "properties": {k: v for k, v in cleaned.items() if v}}


def schema_of(entity: Mapping[str, Any]) -> str | None:
    """The FtM schema of a contract entity, or None when FtM has none for it."""
    kind = str(entity.get("type", ""))
    if kind == "GPE":
        return "LegalEntity" if _country(entity) else "Address"
    return ENTITY_SCHEMATA.get(kind)


def _country(entity: Mapping[str, Any]) -> str | None:
    """The country table's name for an entity named like a country, or None."""
    if entity.get("type") != "GPE":
        return None
    names = [str(entity.get("name", ""))] + [
        str(a.get("text", "")) for a in entity.get("aliases", ())
    ]
    for name in names:
        if found := country_named(name):
            return found
    return None


@dataclasses.dataclass
class _Entities:
    """The contract's entities as FtM sees them, with facts relations add to them."""

    rows: dict[str, Mapping[str, Any]]
    schemata: dict[str, str]
    codes: dict[str, str]  # entity id → ISO code, for countries
    extra: dict[str, dict[str, list[str]]]  # entity id → properties relations add

    @classmethod
    def of(cls, entities: Iterable[Mapping[str, Any]]) -> _Entities:
        rows, schemata, codes = {}, {}, {}
        for entity in entities:
            ident = ftm_id(entity["id"])
            schema = schema_of(entity)
            if schema is None:
                continue
            rows[ident], schemata[ident] = entity, schema
            country = _country(entity)
            code = country_code(country) if country else None
            if code:
                codes[ident] = code
        return cls(rows, schemata, codes, defaultdict(lambda: defaultdict(list)))

    def name(self, ident: str) -> str:
        return str(self.rows[ident].get("name", ""))


def _entity_props(entity: Mapping[str, Any], schema: str, code: str | None) -> dict[str, list[str]]:
    name = str(entity.get("name", ""))
    props: dict[str, list[str]] = {
        "name": [name],
        "alias": [str(a.get("text")) for a in entity.get("aliases", ()) if a.get("text") != name],
    }
    if schema == "Person":
        titles = [a.get("text") for a in entity.get("attributes", ()) if a.get("kind") == "title"]
        props["position"] = [str(t) for t in titles if t]
    if code:
        props["country"] = [code]
    if schema == "Address":
        props["full"] = [name]
    return props


def _merged(
    relations: Iterable[Mapping[str, Any]],
) -> dict[tuple[str, str, str], list[Mapping[str, Any]]]:
    """Relation entries by (subject, predicate, object), their mentions together."""
    merged: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for rel in relations:
        key = (ftm_id(rel.get("subject")), str(rel.get("predicate", "")), ftm_id(rel.get("object")))
        merged.setdefault(key, []).extend(rel.get("mentions", ()))
    return merged


def _relation_links(
    relations: Iterable[Mapping[str, Any]], known: _Entities, sources: Sources
) -> Iterator[dict[str, Any]]:
    positions: dict[str, dict[str, Any]] = {}
    for (subject, predicate, obj), mentions in _merged(relations).items():
        if subject not in known.schemata or obj not in known.schemata:
            continue
        cited = sources.cite(mentions)
        summary = f"{known.name(subject)} {predicate.replace('_', ' ')} {known.name(obj)}"
        ident = content_id("ftm-r", subject, predicate, obj)
        _note_fact(known, predicate, subject, obj)
        if predicate == "leader_of" and obj in known.codes and known.schemata[subject] == "Person":
            position = _position(known, obj, positions)
            yield _entity(
                ident,
                "Occupancy",
                {"holder": [subject], "post": [position["id"]], "summary": [summary], **cited},
            )
            continue
        link = LINKS.get(predicate, {}).get(known.schemata[obj])
        if link is None or known.schemata[subject] not in _SUBJECT_OK.get(link.schema, ()):
            link = Link("UnknownLink", "subject", "object", ("role", predicate.replace("_", " ")))
        props = {link.subject: [subject], link.object: [obj], "summary": [summary], **cited}
        if link.role:
            props[link.role[0]] = [link.role[1]]
        yield _entity(ident, link.schema, props)
    yield from positions.values()


def _position(
    known: _Entities, country: str, positions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The Position "Leader of <country>", made once per country."""
    ident = content_id("ftm-p", "leader_of", country)
    if ident not in positions:
        props = {"name": [f"Leader of {known.name(country)}"], "country": [known.codes[country]]}
        positions[ident] = _entity(ident, "Position", props)
    return positions[ident]


def _note_fact(known: _Entities, predicate: str, subject: str, obj: str) -> None:
    """Facts a relation adds to its ends: citizenship, the country a place lies in."""
    code = known.codes.get(obj)
    if code and predicate == "citizen_of" and known.schemata[subject] == "Person":
        known.extra[subject]["citizenship"].append(code)
    if code and predicate == "located_in" and known.schemata[subject] == "Address":
        known.extra[subject]["country"].append(code)


def _event(event: Mapping[str, Any], known: _Entities, sources: Sources) -> dict[str, Any]:
    participants = [ftm_id(p) for p in event.get("participants", ())]
    participants = [p for p in participants if p in known.schemata]
    places = [p for p in participants if known.schemata[p] == "Address"]
    date = str(event.get("date") or "")
    props: dict[str, list[str]] = {
        "name": [str(event.get("text") or event.get("type") or "event")],
        "summary": [str(event.get("type") or "")],
        "date": [date] if _FTM_DATE.match(date) else [],
        "involved": [p for p in participants if known.schemata[p] not in ("Address", "Event")],
        "addressEntity": places,
        "location": [known.name(p) for p in places],
        "country": [known.codes[p] for p in participants if p in known.codes],
        **sources.cite(event.get("mentions", ())),
    }
    return _entity(ftm_id(event.get("id")), "Event", props)


def ftm_entities(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """FollowTheMoney entities (``{id, schema, properties}``) of a contract dict."""
    sources = Sources(data.get("documents", ()))
    known = _Entities.of(data.get("entities", ()))
    links = list(_relation_links(data.get("relations", ()), known, sources))
    out = []
    for ident, entity in known.rows.items():
        schema = known.schemata[ident]
        props = _entity_props(entity, schema, known.codes.get(ident))
        for key, values in known.extra.get(ident, {}).items():
            props[key] = props.get(key, []) + values
        props.update(sources.cite(entity.get("mentions", ())))
        props.pop("description", None)  # a mention's text is the name again, not a description
        out.append(_entity(ident, schema, props))
    out += [_event(event, known, sources) for event in data.get("events", ())]
    return out + links


def ftm_lines(data: Mapping[str, Any]) -> str:
    """FtM entities of a contract dict as JSON lines."""
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ftm_entities(data)]
    return "".join(line + "\n" for line in lines)
