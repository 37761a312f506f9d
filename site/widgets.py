"""Form widgets shared by the apps."""

from django import forms


class Textarea(forms.Textarea):
    """A textarea whose line breaks count as the browser counts them.

    A browser counts a line break as one character for ``maxlength`` but sends it as two
    (CR LF). Django's ``max_length`` counted the two, so a text the browser let through could
    be refused as too long. Taking the line breaks as one before any validation makes the
    browser's limit and the server's the same.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
