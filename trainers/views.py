"""The trainer network's pages under ``/academy/trainers/``: directory, profiles, the trainer's own
profile (apply, edit, hide, export, delete), trainings delivered, the secretariat's decisions, kits."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from library_importer.public import (
    fold_for_search,
    language_switch_context,
    pagination_context,
    request_language,
)
from moderation.public import AlreadyDecided, Status, history, withdraw
from reports.public import record_training_delivered
from trainers import choices, platform
from trainers.applications import KIND, decide_application, review_of, submit_application
from trainers.content import course_source
from trainers.forms import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    DecisionForm,
    DirectoryFilterForm,
    ProfileForm,
    TrainingForm,
    clean_bio,
)
from trainers.kittexts import KIT_LANGUAGES
from trainers.models import KitBuild, TrainerProfile
from trainers.permissions import (
    is_secretariat,
    may_download_kit,
    may_view_directory,
    may_view_profile,
    secretariat_only,
)
from trainers.tasks import current_kit, request_kit

PAGE_SIZE = 50  # trainers per directory page


def _login(request):
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def _render(request, template: str, context: dict, status: int = 200):
    lang = request_language()
    base = {"lang": lang, **language_switch_context(request), "is_secretariat": is_secretariat(request.user)}
    response = render(request, f"ppta_trainers/{template}", {**base, **context}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def own_profile(user) -> TrainerProfile | None:
    return TrainerProfile.objects.filter(user=user).first() if user.is_authenticated else None


def own_profile_or_404(user) -> TrainerProfile:
    mine = own_profile(user)
    if mine is None:
        raise Http404(_("You have no trainer profile."))
    return mine


def profile_card(profile: TrainerProfile, lang: str) -> dict:
    from library_importer.public import country_name

    return {
        "profile": profile,
        "name": profile.name(lang),
        "country": country_name(profile.country, lang),
        "kind": choices.kind_label(profile.kind),
        "areas": [dict(choices.area_choices(lang)).get(slug, slug) for slug in profile.area_list],
        "languages": [choices.language_name(code, lang) for code in profile.language_list],
        "url": reverse("ppta_trainers:profile", args=[profile.pk]),
    }


# -- directory and profiles ------------------------------------------------------------------------

@require_safe
def directory(request):
    if not may_view_directory(request.user):
        return _login(request)
    lang = request_language()
    form = DirectoryFilterForm(request.GET, lang=lang)
    profiles = TrainerProfile.objects.listed()
    if form.is_valid():
        data = form.cleaned_data
        for name in ("area", "language"):
            if data[name]:
                profiles = profiles.filter(**{f"{name}s__contains": f",{data[name]},"})
        if data["country"]:
            profiles = profiles.filter(country=data["country"])
        if data["kind"]:
            profiles = profiles.filter(kind=data["kind"])
        for word in fold_for_search(data["q"]).split():
            profiles = profiles.filter(search_text__contains=word)
    # in the order of the names shown (the page language's, else the other one), case-insensitive in any
    # script: sorted here over (pk, names) rows, then only one page of profiles is read
    names = sorted(profiles.values_list("pk", "name_en", "name_ru"),
                   key=lambda row: ((row[2] or row[1]) if lang == "ru" else (row[1] or row[2])).lower())
    page = Paginator([pk for pk, _en, _ru in names], PAGE_SIZE).get_page(request.GET.get("page"))
    found = TrainerProfile.objects.in_bulk(page.object_list)
    mine = own_profile(request.user)
    invitation = []
    if request.user.is_authenticated and mine is None:
        invitation = platform.tot_certificates(request.user.id)
    return _render(request, "directory.html", {
        "form": form, "cards": [profile_card(found[pk], lang) for pk in page.object_list if pk in found],
        "count": page.paginator.count, **pagination_context(page, request), "mine": mine, "invitation": invitation,
    })


@require_safe
def profile(request, pk: int):
    if not request.user.is_authenticated and not may_view_directory(request.user):
        return _login(request)
    found = get_object_or_404(TrainerProfile, pk=pk)
    if not may_view_profile(request.user, found):
        raise Http404(_("No such trainer in the directory."))
    lang = request_language()
    return _render(request, "profile.html", {
        "card": profile_card(found, lang),
        "bio": safe_bio(found, lang),
        "trainings": [_training_row(training, lang) for training in found.trainings.all()],
        "tot": platform.tot_certificates(found.user_id) if found.user_id else [],
        "is_own": found.user_id == request.user.id,
    })


def safe_bio(profile: TrainerProfile, lang: str) -> str:
    """The bio as HTML, sanitised again when shown (the admin may have entered it unsanitised)."""
    return mark_safe(clean_bio(profile.bio(lang)))  # noqa: S308 - nh3 allow-list output


def _training_row(training, lang: str) -> dict:
    from library_importer.public import country_name

    return {"training": training, "country": country_name(training.country, lang),
            "language": choices.language_name(training.language, lang),
            "areas": [dict(choices.area_choices(lang)).get(slug, slug) for slug in training.area_list]}


# -- the trainer's own profile -----------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@login_required
def my_profile(request):
    lang = request_language()
    mine = own_profile(request.user)
    form = ProfileForm(request.POST or None, instance=mine, lang=lang)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.user = request.user
            if saved.consent_at is None or saved.consent_version != CONSENT_VERSION:  # given now, to this text
                saved.consent_at, saved.consent_version = timezone.now(), CONSENT_VERSION
            saved.save()
            submit_application(saved, by=request.user)
        messages.success(request, _("Your profile is saved.") if saved.status == Status.APPROVED.value
                         else _("Your application is sent to the secretariat."))
        return redirect("ppta_trainers:mine")
    review = review_of(mine) if mine else None
    notes = [transition.note for transition in history(review) if transition.note] if review else []
    return _render(request, "mine.html", {
        "form": form, "mine": mine, "status_label": mine.get_status_display() if mine else "",
        "last_note": notes[-1] if notes else "",
        "trainings": [_training_row(training, lang) for training in mine.trainings.all()] if mine else [],
        "invitation": platform.tot_certificates(request.user.id) if mine is None else [],
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def my_visibility(request):
    mine = own_profile_or_404(request.user)
    action = request.POST.get("action")
    if action == "hide":
        mine.hidden = True
        messages.success(request, _("Your profile is hidden from the directory."))
    elif action == "show":
        mine.hidden = False
        messages.success(request, _("Your profile is shown in the directory again."))
    elif action == "withdraw-consent":
        mine.consent_at, mine.consent_version = None, ""
        messages.success(request, _("Consent withdrawn: your profile is no longer listed."))
    else:
        return HttpResponse(status=400)
    mine.save(update_fields=["hidden", "consent_at", "consent_version", "updated"])
    return redirect("ppta_trainers:mine")


@require_safe
@login_required
def my_export(request):
    mine = own_profile_or_404(request.user)
    review = review_of(mine)
    data = {
        "profile": {name: getattr(mine, name) for name in (
            "name_en", "name_ru", "country", "kind", "organisation", "bio_en", "bio_ru", "contact_email",
            "consent_version", "hidden", "status")} | {
            "areas": mine.area_list, "languages": mine.language_list,
            "consent_at": mine.consent_at.isoformat() if mine.consent_at else None,
            "created": mine.created.isoformat(), "updated": mine.updated.isoformat()},
        "consent_text": str(CONSENT_TEXT),
        "trainings": [{
            "title": t.title, "start": t.start.isoformat(), "end": t.end.isoformat(), "city": t.city,
            "country": t.country, "language": t.language, "areas": t.area_list, "course_key": t.course_key,
            "participants": {"women": t.participants_women, "men": t.participants_men,
                             "other": t.participants_other}, "organiser": t.organiser,
        } for t in mine.trainings.all()],
        "application_history": [{"at": step.at.isoformat(), "from": step.from_status, "to": step.to_status,
                                 "note": step.note} for step in history(review)] if review else [],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="ppta-trainer-profile.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def my_delete(request):
    mine = own_profile_or_404(request.user)
    if request.method == "POST":
        with transaction.atomic():
            review = review_of(mine)
            if review is not None and review.status in (Status.PENDING, Status.CHANGES_REQUESTED):
                withdraw(review, by=request.user)
            mine.delete()
        messages.success(request, _("Your trainer profile and trainings are deleted."))
        return redirect("ppta_trainers:directory")
    return _render(request, "delete.html", {"mine": mine})


# -- trainings delivered ----------------------------------------------------------------------------


def _course_choices(user) -> list[tuple[str, str]]:
    if platform.in_lms():
        return [(course.course_key, course.title) for course in platform.kit_courses(user)]
    from course_templates.builder import course_title
    from course_templates.catalogue import catalogue_specs

    return [(spec.course_id, course_title(spec, spec.lang)) for spec in catalogue_specs()]


@require_http_methods(["GET", "POST"])
@login_required
def training_new(request):
    mine = own_profile_or_404(request.user)
    form = TrainingForm(request.POST or None, lang=request_language(), course_choices=_course_choices(request.user))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            training = form.save(commit=False)
            training.profile = mine
            training.save()
            transaction.on_commit(lambda: record_training_delivered(**training.report_facts()))
        messages.success(request, _("The training is recorded."))
        return redirect("ppta_trainers:mine")
    return _render(request, "training_form.html", {"form": form},
                   status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def training_delete(request, pk: int):
    mine = own_profile(request.user)
    training = get_object_or_404(mine.trainings if mine else TrainerProfile.objects.none(), pk=pk)
    report = training.report_facts()
    with transaction.atomic():
        training.delete()
        # recorded by mistake: the reports stop counting it (deleting a whole profile keeps the anonymous counts)
        transaction.on_commit(lambda: record_training_delivered(**report, count=-1))
    messages.success(request, _("The training is deleted."))
    return redirect("ppta_trainers:mine")


# -- the secretariat ---------------------------------------------------------------------------------

@require_safe
@secretariat_only
def applications(request):
    from moderation.public import queue

    lang = request_language()
    reviews = list(queue(KIND, status=Status.PENDING))
    profiles = TrainerProfile.objects.in_bulk([int(review.subject_id) for review in reviews])
    waiting = [{"review": review, "card": profile_card(profiles[int(review.subject_id)], lang)}
               for review in reviews if int(review.subject_id) in profiles]
    return _render(request, "applications.html", {"waiting": waiting})


@require_http_methods(["GET", "POST"])
@secretariat_only
def application(request, pk: int):
    lang = request_language()
    found = get_object_or_404(TrainerProfile, pk=pk)
    review = review_of(found)
    if review is None:
        raise Http404(_("This profile has no application."))
    form = DecisionForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            decide_application(found, by=request.user, to=Status(form.cleaned_data["decision"]),
                               note=form.cleaned_data["note"])
        except AlreadyDecided as decided:
            error = str(decided)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("ppta_trainers:applications")
    return _render(request, "application.html", {
        "form": form, "card": profile_card(found, lang), "bio": safe_bio(found, lang), "review": review,
        "steps": history(review), "error": error,
    }, status=400 if request.method == "POST" else 200)


# -- training kits ---------------------------------------------------------------------------------

def _kit_courses(user) -> list[platform.KitCourse]:
    if platform.in_lms():
        return [course for course in platform.kit_courses(user) if may_download_kit(user, course.course_key)]
    from course_templates.builder import course_title
    from course_templates.catalogue import catalogue_specs

    return [platform.KitCourse(spec.course_id, course_title(spec, spec.lang), spec.lang)
            for spec in catalogue_specs() if spec.kind == "tot" and may_download_kit(user, spec.course_id)]


@require_safe
@login_required
def kits(request):
    return _render(request, "kits.html", {"courses": _kit_courses(request.user), "kit_languages": KIT_LANGUAGES})


def _kit_access(request, course_key: str, language: str) -> None:
    if language not in KIT_LANGUAGES:
        raise Http404("No such kit language")
    if not may_download_kit(request.user, course_key):
        raise PermissionDenied(_("Training kits are for the course team and approved trainers enrolled in the course."))


def _kit_state(build: KitBuild | None, course_key: str, language: str) -> dict:
    state = build.state if build else ""
    return {
        "state": state, "progress": build.progress if build else 0,
        "label": build.get_state_display() if build else _("Not built yet"),
        "download_url": reverse("ppta_trainers:kit_download", args=[course_key, language])
        if state == KitBuild.State.DONE else "",
    }


@require_http_methods(["GET", "POST"])
@login_required
def kit(request, course_key: str, language: str):
    _kit_access(request, course_key, language)
    if request.method == "POST":
        if request_kit(course_key, language) is None:
            raise Http404(_("No such course."))
        return redirect("ppta_trainers:kit", course_key=course_key, language=language)
    course = course_source().course(course_key)
    if course is None:
        raise Http404(_("No such course."))
    build = current_kit(course_key, language)
    return _render(request, "kit.html", {
        "course": course, "kit_language": language,
        "kit_language_name": choices.language_name(language, request_language()),
        "status": _kit_state(build, course_key, language),
        "status_url": reverse("ppta_trainers:kit_status", args=[course_key, language]),
    })


@require_safe
@login_required
def kit_status(request, course_key: str, language: str):
    _kit_access(request, course_key, language)
    response = JsonResponse(_kit_state(current_kit(course_key, language), course_key, language))
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def kit_download(request, course_key: str, language: str):
    _kit_access(request, course_key, language)
    build = current_kit(course_key, language)
    if build is None or build.state != KitBuild.State.DONE or not build.file:
        raise Http404(_("This kit is not ready: build it first."))
    response = FileResponse(build.file.open("rb"), as_attachment=True, filename=build.filename,
                            content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response
