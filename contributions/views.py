"""Pages: contribute, my contributions (edit, withdraw), the moderators' queue and decision page, documents.

Every page needs a signed-in user (anonymous visitors go to the LMS's login and come back); what
each user may do is decided by ``contributions.workflow`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contributions import workflow
from contributions.forms import ContributionForm, DecisionForm, initial_for
from contributions.models import Contribution
from contributions.receivers import publish
from library_importer.public import (
    area_title,
    country_codes,
    country_name,
    designation_note,
    file_kind,
    file_size,
    language_label,
    library_page_context,
    library_url,
    pagination_context,
    request_language,
    type_label,
)
from moderation import public as moderation
from moderation.public import AlreadyDecided, Status

QUEUE_PAGE_SIZE = 50


def page(request, template: str, context: dict, status: int = 200):
    navigation = {"may_contribute": workflow.representative_of(request.user) is not None,
                  "may_moderate": workflow.is_moderator(request.user)}
    response = render(request, f"ppta_contributions/{template}",
                      {**navigation, **context, **library_page_context(request)}, status=status)
    response["Cache-Control"] = "private, no-store"  # unpublished material stays out of shared caches
    return response


def refused(request, message: str):
    return page(request, "refused.html", {"message": message}, status=403)


@dataclass(frozen=True)
class Row:
    """A contribution as the lists show it, in the request language."""

    contribution: Contribution
    title: str
    title_lang: str
    type: str
    country: str
    status: str
    status_label: str
    note: str
    submitted_by: str
    material_url: str


def rows(contributions, lang: str) -> list[Row]:
    contributions = list(contributions)
    standings = workflow.standings(contributions)
    return [row(contribution, standings[contribution.pk], lang) for contribution in contributions]


def row(contribution: Contribution, standing: workflow.Standing, lang: str) -> Row:
    documents = {document.language: document.title for document in contribution.documents.all()}
    title_lang = lang if lang in documents else next(iter(documents), lang)
    published = standing.status == Status.APPROVED and contribution.published
    return Row(
        contribution=contribution, title=documents.get(title_lang, contribution.material_id), title_lang=title_lang,
        type=type_label(contribution.type, lang), country=country_name(contribution.country, lang),
        status=standing.status, status_label=str(Status(standing.status).label), note=standing.note,
        submitted_by=contribution.contributor.get_username() if contribution.contributor else "",
        material_url=library_url("detail", contribution.material_id) if published else "",
    )


# -- representatives -------------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contribute(request):
    representative = workflow.representative_of(request.user)
    if representative is None:
        return refused(request, _("Only state representatives named by the secretariat can contribute materials."))
    form = ContributionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.save_contribution(user=request.user, representative=representative,
                                       fields=form.material_fields(), documents=form.documents(),
                                       language=request_language())
        except workflow.LimitReached as limit:
            form.add_error(None, str(limit))
        else:
            messages.success(request, _("Thank you. Your contribution was sent to the secretariat for review."))
            return redirect("ppta_contributions:mine")
    return page(request, "form.html", {
        "form": form, "heading": _("Contribute a material"),
        "country": country_name(representative.country, request_language()),
        "designation_note": designation_note([representative.country]),
    })


@require_safe
@login_required
def mine(request):
    lang = request_language()
    contributions = (Contribution.objects.filter(contributor=request.user).prefetch_related("documents")
                     .select_related("contributor")
                     .order_by("-created", "-pk"))
    listed = rows(contributions, lang)
    representative = workflow.representative_of(request.user)
    return page(request, "mine.html", {
        "rows": [(r, workflow.can_change(request.user, r.contribution, representative=representative, status=r.status),
                  workflow.can_take_back(request.user, r.contribution, representative=representative))
                 for r in listed],
        "designation_note": designation_note([r.contribution.country for r in listed]),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    if not workflow.can_change(request.user, contribution):
        raise PermissionDenied(_("This contribution can no longer be changed."))
    existing = {document.language: document for document in contribution.documents.all()}
    form = ContributionForm(request.POST or None, request.FILES or None, existing=existing,
                            initial=initial_for(contribution))
    if request.method == "POST" and form.is_valid():
        representative = workflow.representative_of(request.user)
        try:
            workflow.save_contribution(user=request.user, representative=representative,
                                       fields=form.material_fields(), documents=form.documents(),
                                       language=request_language(), contribution=contribution)
        except AlreadyDecided as decided:
            form.add_error(None, str(decided))
        else:
            messages.success(request, _("Your changes were sent to the secretariat."))
            return redirect("ppta_contributions:mine")
    return page(request, "form.html", {
        "form": form, "heading": _("Edit your contribution"), "contribution": contribution,
        "country": country_name(contribution.country, request_language()),
        "designation_note": designation_note([contribution.country]),
    })


@require_POST
@login_required
def withdraw(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    try:
        workflow.withdraw(request.user, contribution)
    except AlreadyDecided as decided:
        messages.error(request, str(decided))
    else:
        messages.success(request, _("The contribution was withdrawn."))
    return redirect("ppta_contributions:mine")


@require_safe
@login_required
@xframe_options_sameorigin  # the moderation page shows PDFs inline
def document(request, pk: int, lang: str):
    """A contribution's document: to its contributor and to moderators only (403 for anyone else)."""
    contribution = get_object_or_404(Contribution, pk=pk)
    if not workflow.can_view(request.user, contribution):
        raise PermissionDenied(_("Only the contributor and the moderators may open this document."))
    doc = contribution.documents.filter(language=lang).first()
    if doc is None:
        raise Http404("No document in this language")
    if not doc.file:
        return HttpResponseRedirect(doc.url)
    inline = doc.mime_type == "application/pdf" and request.GET.get("inline") == "1"
    try:
        stream = doc.file.storage.open(doc.file.name, "rb")
    except OSError as error:
        raise Http404("The file is missing from storage") from error
    response = FileResponse(stream, as_attachment=not inline, filename=doc.original_name or f"{lang}{doc.extension}",
                            content_type=doc.mime_type or None)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# -- moderators ------------------------------------------------------------------------------------------------


def moderators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not workflow.is_moderator(request.user):
            return refused(request, _("The moderation queue is for the library's moderators."))
        return view(request, *args, **kwargs)

    return wrapper


FILTER_STATUSES = (Status.PENDING, Status.CHANGES_REQUESTED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN)


@require_safe
@moderators_only
def queue(request):
    lang = request_language()
    status = request.GET.get("status", Status.PENDING.value)
    status = status if status in {s.value for s in FILTER_STATUSES} | {"all"} else Status.PENDING.value
    reviews = moderation.queue(workflow.KIND, status=None if status == "all" else Status(status))
    order = [int(subject) for subject in reviews.values_list("subject_id", flat=True) if subject.isdigit()]
    contributions = Contribution.objects.filter(pk__in=order).prefetch_related("documents").select_related(
        "contributor")
    country = (request.GET.get("country") or "").upper()
    if country in country_codes():
        contributions = contributions.filter(country=country)
    else:
        country = ""
    material_type = request.GET.get("type") or ""
    if material_type:
        contributions = contributions.filter(type=material_type)
    position = {pk: index for index, pk in enumerate(order)}
    ordered = sorted(contributions, key=lambda contribution: position[contribution.pk])  # oldest first
    current = Paginator(ordered, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    countries = sorted(set(Contribution.objects.values_list("country", flat=True)))
    return page(request, "queue.html", {
        **pagination_context(current, request),
        "rows": rows(current.object_list, lang),
        "status": status,
        "statuses": [(s.value, s.label) for s in FILTER_STATUSES] + [("all", _("any status"))],
        "country": country,
        "countries": [(code, country_name(code, lang)) for code in countries],
        "type": material_type,
        "types": [(code, type_label(code, lang)) for code in
                  sorted(set(Contribution.objects.values_list("type", flat=True)))],
        "designation_note": designation_note(countries),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@moderators_only
def moderation_detail(request, pk: int):
    contribution = get_object_or_404(Contribution.objects.select_related("contributor"), pk=pk)
    lang = request_language()
    if request.method == "POST" and "publish" in request.POST:
        if workflow.status_of(contribution) == Status.APPROVED and not contribution.withdrawn:
            publish(contribution)
            messages.success(request, _("The material is now in the library."))
        return redirect("ppta_contributions:moderation-detail", pk=contribution.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.decide(request.user, contribution, form.cleaned_data["decision"], form.cleaned_data["note"])
        except AlreadyDecided as decided:
            messages.error(request, str(decided))
        else:
            messages.success(request, _("Your decision was recorded."))
        return redirect("ppta_contributions:moderation-detail", pk=contribution.pk)
    review = moderation.review_for(workflow.KIND, contribution.pk)
    documents = [
        {"document": doc, "language": language_label(doc.language, lang),
         "url": reverse("ppta_contributions:document", args=[contribution.pk, doc.language]),
         "summary": ", ".join(part for part in (file_kind(doc.mime_type), file_size(doc.size, lang)) if part)}
        for doc in contribution.documents.all()
    ]
    return page(request, "moderate.html", {
        "row": rows([contribution], lang)[0],
        "form": form,
        "open": workflow.status_of(contribution) == Status.PENDING,
        "unpublished": workflow.status_of(contribution) == Status.APPROVED and not contribution.published,
        "documents": documents,
        "areas": [area_title(slug, lang) for slug in contribution.areas],
        "history": [(t, str(Status(t.to_status).label), str(Status(t.from_status).label) if t.from_status else "")
                    for t in (moderation.history(review) if review else [])],
        "designation_note": designation_note([contribution.country]),
    })
