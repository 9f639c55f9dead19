"""storyline: a sourced, navigable knowledge base from a pile of news articles."""

__version__ = "0.1.0"
