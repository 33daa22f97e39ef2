"""Demo URLs: ppta's academy pages, the plugin apps' URLs (as the LMS mounts them), the workbench."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from edx_django_utils.plugins import get_plugin_url_patterns

from ppta_demo import views

urlpatterns = [
    path("academy/", views.home, name="ppta-demo-home"),
    path("academy/login/", auth_views.LoginView.as_view(template_name="ppta_demo/login.html"), name="login"),
    path("academy/logout/", auth_views.LogoutView.as_view(next_page="/academy/"), name="logout"),
    path("academy/areas/", include("ppta_demo.areas")),
    path("academy/certificates/", include("ppta_demo.certificates")),
    path("i18n/", include("django.conf.urls.i18n")),
    *get_plugin_url_patterns("lms.djangoapp"),
    path("", include("workbench.urls")),
]
