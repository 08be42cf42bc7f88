from django import forms


class RichTextEditor(forms.Textarea):
    """Trix (vendored under static/vendor/trix, MIT): formatting without a CDN.

    The textarea stays the form value; Trix edits a hidden copy and writes back
    on every change, so the form still works (as plain HTML) without JavaScript.
    """

    template_name = "core/widgets/rich_text.html"

    class Media:
        css = {"all": ["vendor/trix/trix.css", "core/rich_text.css"]}
        js = ["vendor/trix/trix.umd.min.js", "core/rich_text.js"]
