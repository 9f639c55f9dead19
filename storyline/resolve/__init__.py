"""Cross-document entity resolution: one entity per real-world person, organisation, place.

``translit``   romanisation of other scripts, as data (``romanisation.yaml``)
``similarity`` name keys for blocking, name similarity, given-name compatibility
``model``      what resolution reads (document-level name clusters) and writes
"""
