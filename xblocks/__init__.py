"""The academy's XBlocks. Translations for all blocks live in ``xblocks/translations``."""
