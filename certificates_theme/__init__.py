"""Bilingual RU/EN certificates: theme templates, filter steps, PDF rendering."""
