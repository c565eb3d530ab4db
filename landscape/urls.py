from django.urls import path

from landscape import views

app_name = "landscape"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("companies/", views.company_list, name="companies"),
    path("companies/<slug:slug>/", views.company_detail, name="company"),
    path("data.json", views.data, name="data"),
    path("<slug:slug>/", views.country_detail, name="country"),
]
