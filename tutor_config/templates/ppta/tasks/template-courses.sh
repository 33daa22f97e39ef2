export PPTA_TEMPLATE_COURSE_ORG={{ PPTA_TEMPLATE_COURSE_ORG|ppta_shquote }}
export PPTA_TEMPLATE_COURSE_RUN={{ PPTA_TEMPLATE_COURSE_RUN|ppta_shquote }}
export PPTA_TEMPLATE_COURSE_LANGUAGES={{ PPTA_TEMPLATE_COURSE_LANGUAGES|join(" ")|ppta_shquote }}
export PPTA_TEMPLATE_COURSE_KINDS={{ PPTA_TEMPLATE_COURSE_KINDS|join(" ")|ppta_shquote }}
export PPTA_TEMPLATE_COURSE_AREAS={{ PPTA_TEMPLATE_COURSE_AREAS|join(" ")|ppta_shquote }}
ppta_script="$(mktemp /tmp/ppta-template-courses.XXXXXX)"
cat > "$ppta_script" <<'PPTA_PY'
{% include "ppta/tasks/template_courses.py" %}
PPTA_PY
