"""ppta: the Prague Process Training Academy plugin suite for Open edX.

This package is the composition root: the ``ppta`` command line and the Django bootstrap it
uses outside Open edX. The components live in their own top-level packages.
"""
