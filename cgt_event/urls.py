from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from cgt_event import languages, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("lang/<str:language>/", languages.choose_language, name="choose_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    # Share cards, in the page's language (the prefix), one address per object.
    path("og/event.png", views.og_card, {"kind": "event"}, name="og_event"),
    path("og/speakers/<slug:key>.png", views.og_card, {"kind": "speaker"}, name="og_speaker"),
    path("og/sessions/<int:key>.png", views.og_card, {"kind": "session"}, name="og_session"),
    path("og/companies/<slug:key>.png", views.og_card, {"kind": "company"}, name="og_company"),
    path("og/countries/<slug:key>.png", views.og_card, {"kind": "country"}, name="og_country"),
    path("landscape/", include("landscape.urls")),
    path("", include("registration.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "cgt_event.views.page_not_found"
handler500 = "cgt_event.views.server_error"
