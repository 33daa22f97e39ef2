{%- if PPTA_CREATE_TEMPLATE_COURSES %}
# ppta: an "honor" course mode for each template course, so that learners can earn certificates
# ("audit" learners never get one). Runs after the courses are created; existing modes are kept.
{% include "ppta/tasks/template-courses.sh" %}
PPTA_TEMPLATE_COURSES_STEP=modes ./manage.py lms shell -c "$(cat "$ppta_script")"
rm -f "$ppta_script"
{%- else %}
echo "ppta: no template course modes to add (PPTA_CREATE_TEMPLATE_COURSES is false)"
{%- endif %}
