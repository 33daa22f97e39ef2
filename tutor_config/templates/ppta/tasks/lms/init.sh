# ppta: theme, released languages, completion tracking and certificate configuration.
# The Python step writes only what differs from what ppta needs: safe on every launch.
ppta_script="$(mktemp /tmp/ppta-configure.XXXXXX)"
cat > "$ppta_script" <<'PPTA_PY'
{% include "ppta/tasks/lms/configure.py" %}
PPTA_PY
PPTA_THEME_DOMAINS={{ [LMS_HOST, LMS_HOST ~ ":8000", CMS_HOST, CMS_HOST ~ ":8001"]|join(" ")|ppta_shquote }} \
PPTA_RELEASED_LANGUAGES={{ PPTA_RELEASED_LANGUAGES|join(",")|ppta_shquote }} \
    ./manage.py lms shell -c "$(cat "$ppta_script")"
rm -f "$ppta_script"
{%- if PPTA_LIBRARY_SOURCE %}

# ppta: import the materials library (the importer skips materials that did not change)
./manage.py lms import_materials {{ PPTA_LIBRARY_SOURCE|ppta_shquote }}
{%- endif %}
