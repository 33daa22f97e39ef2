"""Demo URLs: ppta's academy pages, the plugin apps' URLs (as the LMS mounts them), the workbench."""

from django.urls import include, path
from edx_django_utils.plugins import get_plugin_url_patterns

from ppta_demo import views

urlpatterns = [
    path("academy/", views.home, name="ppta-demo-home"),
    path("academy/areas/", include("ppta_demo.areas")),
    path("academy/certificates/", include("ppta_demo.certificates")),
    path("i18n/", include("django.conf.urls.i18n")),
    *get_plugin_url_patterns("lms.djangoapp"),
    path("", include("workbench.urls")),
]
