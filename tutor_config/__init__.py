"""The ppta Tutor plugin (``tutor plugins enable ppta``). Imports no other ppta package."""
