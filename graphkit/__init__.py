"""graphkit: law-enforcement reports → a knowledge graph of criminal networks."""

__version__ = "0.1.0"
