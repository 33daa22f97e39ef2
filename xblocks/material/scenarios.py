"""Workbench scenarios (the demo lists them at ``/``); ids are materials of the bundled sample library."""

SCENARIOS = [
    (
        "Training material: library handbook in Russian and English",
        """<vertical_demo>
             <ppta_material display_name="Handbook on identification of irregular migrants"
                            material_id="handbook-identification-irregular-migrants" default_language="ru"/>
           </vertical_demo>""",
    ),
    (
        "Training material: guidelines on training in the asylum process",
        """<vertical_demo>
             <ppta_material material_id="guidelines-training-asylum-process" default_language="en"/>
           </vertical_demo>""",
    ),
]
