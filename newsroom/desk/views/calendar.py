"""The editorial calendar, moving a scheduled time from it, and the secret feed's management."""

from datetime import timedelta

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.core.errors import NewsroomError
from newsroom.desk import calendar, feeds
from newsroom.desk.forms import CalendarForm, RescheduleForm
from newsroom.desk.models import CalendarFeed
from newsroom.desk.views import render
from newsroom.workflow import services
from newsroom.workflow.admin import error_status
from newsroom.workflow.services.publication import WORKFLOW_MODELS


def month_or_week(request):
    if not calendar.visible_models(request.user):
        raise PermissionDenied
    form = CalendarForm(request.GET)
    context = {"title": _("Editorial calendar"), "form": form, "states": calendar.STATES}
    if not form.is_valid():
        return render(request, "desk/calendar.html", context, status=400)
    view, day = form.cleaned_data["view"], form.cleaned_data["date"]
    first, following = (calendar.month_bounds if view == "month" else calendar.week_bounds)(day)
    found = calendar.events(request.user, calendar.moment(first), calendar.moment(following))
    if view == "month":
        previous, upcoming = calendar.month_bounds(first - timedelta(days=1))[0], following
    else:
        previous, upcoming = first - timedelta(days=7), following
    context.update({
        "view": view, "first": first, "last": following - timedelta(days=1),
        "weeks": calendar.grid(first, following, found), "events": found,
        "previous": previous, "upcoming": upcoming, "today": timezone.localdate(),
        "here": request.get_full_path(),
        "feed": CalendarFeed.objects.filter(user=request.user).first(),
        "feed_url": _new_feed_url(request),
        "reschedule_form": RescheduleForm(),
    })
    return render(request, "desk/calendar.html", context)


def _new_feed_url(request) -> str:
    # Shown once, on the page the owner lands on right after making it.
    token = request.session.pop("desk_feed_token", None)
    if not token:
        return ""
    return request.build_absolute_uri(reverse("desk-feed:calendar", args=[token]))


@require_POST
def reschedule(request, model_name: str, pk: int):
    labels = {label.split(".")[1]: label for label in WORKFLOW_MODELS}
    if model_name not in labels:
        raise Http404
    model = apps.get_model(labels[model_name])
    if not request.user.has_perm(f"{model._meta.app_label}.view_{model_name}"):
        raise PermissionDenied
    item = model._base_manager.filter(pk=pk).first()
    if item is None:
        raise Http404
    form = RescheduleForm(request.POST)
    if form.is_valid():
        back = _back(request, form.cleaned_data.get("back"))
        try:
            services.reschedule(item, request.user, form.cleaned_data["publish_at"],
                                expected_publish_at=form.cleaned_data.get("expected"))
        except NewsroomError as error:
            return _refused(request, item, form, str(error), error_status(error))
        local = timezone.localtime(item.publish_at)
        messages.success(request, _("“%(item)s” now goes out at %(time)s.") % {
            "item": item, "time": local.strftime("%Y-%m-%d %H:%M")})
        return HttpResponseRedirect(back)
    return _refused(request, item, form, "", 400)


def _back(request, back: str | None) -> str:
    """Where the calendar was: only an address of this site, never one elsewhere."""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return back
    return reverse("desk:calendar")


def _refused(request, item, form, error: str, status: int):
    context = {"title": _("The time was not moved"), "item": item, "form": form, "error": error,
               "back": _back(request, request.POST.get("back"))}
    return render(request, "desk/reschedule_refused.html", context, status=status)


@require_POST
def feed_issue(request):
    if not calendar.visible_models(request.user):
        raise PermissionDenied
    request.session["desk_feed_token"] = feeds.issue(request.user, request.LANGUAGE_CODE)
    messages.success(request, _("Your calendar address is ready; copy it now, it is shown once."))
    return HttpResponseRedirect(reverse("desk:calendar") + "#feed")


@require_POST
def feed_revoke(request):
    if feeds.revoke(request.user):
        messages.success(request, _("Your calendar address no longer works."))
    return HttpResponseRedirect(reverse("desk:calendar") + "#feed")
