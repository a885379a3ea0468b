"""Lotse: a multilingual guide to the early-help offers (Frühe Hilfen) of German towns."""

__version__ = "0.1.0"
