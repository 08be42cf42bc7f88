from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.imports import archives
from newsroom.imports.services import Upload, sources


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportUploadForm(forms.Form):
    """Page dumps to import: several .txt files, or .zip archives of them."""

    files = MultipleFileField(label=_("Page dumps"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limits as enforced now (the page size is a setting).
        self.fields["files"].help_text = gettext(
            "Choose several .txt files or a .zip archive. Each page becomes a draft; "
            "nothing is published, and contacts and donors found on the pages are only "
            "proposed until an editor confirms them. Each page may be at most {page}, whether uploaded "
            "on its own or inside an archive. An archive may hold at most {entries} "
            "entries and unpack to at most {total} in all, or it is refused whole."
        ).format(
            page=filesizeformat(sources.max_bytes()),
            entries=f"{archives.MAX_ENTRIES:,}",
            total=filesizeformat(archives.MAX_TOTAL_BYTES),
        )

    def uploads(self) -> list[Upload]:
        return [
            Upload(name=f.name, size=f.size, open=_reopen(f)) for f in self.cleaned_data["files"]
        ]


def _reopen(uploaded):
    def open_file():
        uploaded.seek(0)
        return uploaded

    return open_file
