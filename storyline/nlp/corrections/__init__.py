"""Our corrections of the model's entity mentions, each a small named component.

They run in the order of ``DEFAULT_CORRECTIONS`` (``storyline.nlp.mentions``):

1. ``broken-names.v1`` (``broken``): names that a crawl broke ("Baki-\\nyev",
   "Kurmanbek\\nBakiyev") become one mention.
2. ``possessive.v1`` (``titles``): "Bakiyev's" → "Bakiyev".
3. ``strip-titles.v1`` (``titles``): "President Bakiyev" → "Bakiyev" with the title kept
   as an attribute, and the title words just before a name recorded the same way.
4. ``measures.v1`` (``measures``): currency codes, units and dimensions the model took
   for names ("$249 USD", "30GB", "320x240") are dropped.
5. ``lowercase-words.v1`` (``lowercase``): a mention without any capital letter
   ("sentenced in absentia") is no name, in a text that uses capitals.
6. ``org-suffix.v1`` (``kinds``): a legal suffix joins the name before it and makes it
   an organisation's ("Nordlake" + "Inc.").
7. ``kind-nouns.v1`` (``kinds``): a noun that describes a name types it ("retailer Best
   Buy" is an organisation, "browser Safari" a product, "Papermaster, 49," a person).
8. ``name-heads.v1`` (``kinds``): the last word of a name types it ("... Conference" is
   an event, "... Index" no organisation).
9. ``index-names.v1`` (``indices``): a stock index's name is no organisation's ("the
   Nasdaq fell 82 points", "the FTSE index").
10. ``group-names.v1`` (``kinds``): "the Beatles" is a group, not a person.
11. ``products.v2`` (``products``): names the document treats as products ("iPhone 4",
    "an iPod", "iPhones") are OTHER, not ORG; "Boeing 787" is one product's name, its
    maker an attribute. (``v1``, which split maker and model, stays registered.)
12. ``demonym-places.v1`` (``kinds``): "Zalesia" beside "the Zalesian leader" is a place.
13. ``place-readings.v2`` (``places``): a one-word name that reads as a place ("officials
    in Ardan", "Kostrava's parliament", "Tesh province", "the mayor of Tesh") is one, not
    the person or organisation the model guessed. (``v1``, without provinces, towns and
    mayors, stays registered.)
14. ``person-cues.v1`` (``persons``): a name followed by ", who" or owning a kinship
    noun ("Zhumaliyev's wife") is a person's, not the organisation the model guessed.
15. ``doc-consistency.v3`` (``consistency``): one type per name string in a document,
    types read from the text deciding, and the occurrences of a known name (or a
    person's surname) that the model missed. (``v2``, without the text's types, stays
    registered.)
16. ``name-links.v2`` (``links``): document-level clusters: one per distinct full name, a
    surname or given name alone joins the full name it abbreviates, an acronym the
    name it abbreviates; different given names never share a cluster.

A correction never edits the text: every mention stays ``text[start:end]``. Importing
this package registers every correction in ``CORRECTIONS``.
"""

from __future__ import annotations

from storyline.nlp.corrections.broken import join_broken_names
from storyline.nlp.corrections.common import name_of, vote_key
from storyline.nlp.corrections.consistency import heading_spans, is_heading, make_consistent
from storyline.nlp.corrections.indices import type_index_names
from storyline.nlp.corrections.kinds import (
    attach_org_suffixes,
    type_by_kind_nouns,
    type_by_name_heads,
)
from storyline.nlp.corrections.links import cluster_names, link_names
from storyline.nlp.corrections.lowercase import drop_lowercase
from storyline.nlp.corrections.measures import drop_measures
from storyline.nlp.corrections.persons import type_persons_by_cues
from storyline.nlp.corrections.places import type_places_by_reading
from storyline.nlp.corrections.products import retype_products
from storyline.nlp.corrections.titles import cut_possessives, strip_titles
from storyline.nlp.mentions import CORRECTIONS

__all__ = [
    "CORRECTIONS",
    "attach_org_suffixes",
    "cluster_names",
    "cut_possessives",
    "drop_lowercase",
    "drop_measures",
    "heading_spans",
    "is_heading",
    "join_broken_names",
    "link_names",
    "make_consistent",
    "name_of",
    "retype_products",
    "strip_titles",
    "type_by_kind_nouns",
    "type_by_name_heads",
    "type_index_names",
    "type_persons_by_cues",
    "type_places_by_reading",
    "vote_key",
]
