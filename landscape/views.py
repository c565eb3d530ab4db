from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from common.feeds import public_feed
from landscape import descriptions, selectors
from landscape.data import landscape_data
from landscape.forms import ExplorerFilterForm


@require_safe
def overview(request):
    return render(request, "landscape/overview.html", selectors.landscape_overview())


@require_safe
def country_detail(request, slug):
    context = selectors.country_detail(slug=slug)
    context["description"] = descriptions.country_description(context["country"])
    return render(request, "landscape/country_detail.html", context)


@require_safe
def company_detail(request, slug):
    context = selectors.company_detail(slug=slug)
    context["description"] = descriptions.company_description(context["company"])
    return render(request, "landscape/company_detail.html", context)


@require_safe
def company_list(request):
    form = ExplorerFilterForm(request.GET)
    filters = form.filters()
    context = selectors.company_explorer(**filters, page=request.GET.get("page", 1))
    form.set_countries(context["countries"])
    context.update(
        form=form,
        filters=filters,
        active_filters=form.active(),
        filtered=any(filters.values()),
        # Cards on wide screens, the compact table on phones; ?view=table on every screen.
        table_view=request.GET.get("view") == "table",
        page_range=context["page_obj"].paginator.get_elided_page_range(
            context["page_obj"].number, on_each_side=2, on_ends=1
        ),
    )
    return render(request, "landscape/company_list.html", context)


@public_feed
@require_safe
def data(request):
    """The landscape as open data, in the address's language (/ko/landscape/data.json)."""
    return JsonResponse(
        landscape_data(absolute=request.build_absolute_uri),
        json_dumps_params={"ensure_ascii": False},
    )
