"""Workbench scenarios (the demo lists them at ``/``), over the bundled sample library."""

SCENARIOS = [
    (
        "Library browser: the whole catalog",
        """<vertical_demo>
             <ppta_library display_name="Academy materials library" page_size="5"/>
           </vertical_demo>""",
    ),
    (
        "Library browser: preset to irregular migration, Russian documents",
        """<vertical_demo>
             <ppta_library display_name="Материалы по незаконной миграции" preset_areas='["illegal-migration"]'
                           preset_language="ru" page_size="5"/>
           </vertical_demo>""",
    ),
]
