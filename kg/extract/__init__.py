"""Extraction stage: citations, typed citations, operative actions and entity mentions from
segmented documents (orchestrated by :mod:`kg.extract.pipeline`)."""
