"""Tests of the load pipeline: parsing with marks, hostile inputs, includes, properties."""
