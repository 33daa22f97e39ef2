{%- if PPTA_CREATE_TEMPLATE_COURSES %}
# ppta: create the thematic-area template courses that do not exist yet with `ppta course new` and
# the core `cms import` command. Existing courses (and their edits) are left alone.
{% include "ppta/tasks/template-courses.sh" %}
PPTA_TEMPLATE_COURSES_STEP=create ./manage.py cms shell -c "$(cat "$ppta_script")"
rm -f "$ppta_script"
{%- else %}
echo "ppta: template courses are not created (PPTA_CREATE_TEMPLATE_COURSES is false)"
{%- endif %}
