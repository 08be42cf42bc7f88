"""The desk's pages, inside the admin (its login, its chrome), plus the iCalendar feed."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


def render(request, template: str, context: dict, *, status: int = 200) -> TemplateResponse:
    context = {**admin.site.each_context(request), **context}
    return TemplateResponse(request, template, context, status=status)


def require(request, *permissions: str, any_of: bool = False) -> None:
    check = any if any_of else all
    if not check(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def csv_response(body: str, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
