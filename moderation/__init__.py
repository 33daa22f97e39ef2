"""The shared moderation mechanism (reviews and their transitions) and the academy's permission model.

Other apps import only ``moderation.public``.
"""
