"""Small helpers for the workflow tests: admin URLs, re-posting an admin form as loaded."""

from django.contrib.auth.models import Group
from django.db.models.fields.files import FieldFile
from taggit.utils import edit_string_for_tags

from newsroom.core import roles
from tests import factories


def change_url(item) -> str:
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def action_url(item, action: str) -> str:
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/workflow/{action}/"


def writer(username: str = "writer"):
    """An editor who is also a reviewer: may do everything, except approve their own work."""
    user = factories.editor(username)
    user.groups.add(Group.objects.get(name=roles.REVIEWERS))
    return user


def form_data(response) -> dict:
    """The admin change form's data exactly as loaded, ready to be edited and posted."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or isinstance(value, FieldFile):
            continue
        if name == "tags" and not isinstance(value, str):
            value = edit_string_for_tags(value)
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None and value is not False:
                    data[subform.add_prefix(name)] = value
    return data
