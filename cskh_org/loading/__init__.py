"""Loading a document: YAML with source marks → includes → models → references → checks."""

from cskh_org.loading.pipeline import LoadResult, validate, validate_text
from cskh_org.loading.source import Limits

__all__ = ["Limits", "LoadResult", "validate", "validate_text"]
