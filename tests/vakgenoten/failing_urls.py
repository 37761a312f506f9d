"""The site's URL map plus one view that fails, for the tests of the error pages and reports."""

from django.urls import include, path


def broken_view(request):
    raise RuntimeError("Stuk bij het opbouwen van de pagina voor anouk@gemeente.example")


urlpatterns = [
    path("stuk/", broken_view),
    path("", include("vakgenoten.urls")),
]

handler400 = "vakgenoten.views.bad_request"
handler500 = "vakgenoten.views.server_error"
