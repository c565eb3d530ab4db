from django.shortcuts import render
from django.views.decorators.http import require_safe

from landscape import selectors
from landscape.forms import ExplorerFilterForm


@require_safe
def overview(request):
    return render(request, "landscape/overview.html", selectors.landscape_overview())


@require_safe
def country_detail(request, slug):
    return render(request, "landscape/country_detail.html", selectors.country_detail(slug=slug))


@require_safe
def company_detail(request, slug):
    return render(request, "landscape/company_detail.html", selectors.company_detail(slug=slug))


@require_safe
def company_list(request):
    form = ExplorerFilterForm(request.GET)
    filters = form.filters()
    context = selectors.company_explorer(**filters)
    form.set_countries(context["countries"])
    context.update(form=form, filters=filters, filtered=any(filters.values()))
    return render(request, "landscape/company_list.html", context)
