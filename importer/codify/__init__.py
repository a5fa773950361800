"""Codify: generate code for live objects the configuration does not describe yet."""
from importer.codify.model import CodifiedResource, CodifyResult, Reference, Template

__all__ = ["CodifiedResource", "CodifyResult", "Reference", "Template"]
