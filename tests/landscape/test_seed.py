from django.core.management import call_command

from common.seeding import load_data
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program

SEED = load_data("landscape.seed", "landscape.toml")


def test_seed_loads_every_row_of_the_source(seeded):
    assert Overview.objects.count() == 1
    assert list(Country.objects.values_list("slug", flat=True)) == [
        "china",
        "japan",
        "south-korea",
        "taiwan",
    ]
    assert Highlight.objects.count() == len(SEED["highlights"]) == 32
    assert Company.objects.filter(in_pipeline_list=True).count() == 28
    assert KeyFigure.objects.count() == len(SEED["key_figures"])
    assert Program.objects.count() == len(SEED["programs"])


def test_seed_places_pipeline_companies_under_their_countries(seeded):
    per_country = {
        country.slug: sorted(
            country.companies.filter(in_pipeline_list=True).values_list("name", flat=True)
        )
        for country in Country.objects.all()
    }
    expected = {}
    for row in SEED["companies"]:
        if row["in_pipeline_list"]:
            expected.setdefault(row["country"], []).append(row["name"])
    assert per_country == {slug: sorted(names) for slug, names in expected.items()}


def test_seed_corrects_the_jw_therapeutics_typo(seeded):
    assert Company.objects.filter(name="JW Therapeutics").count() == 1
    assert not Company.objects.filter(name__icontains="Theraputics").exists()


def test_seed_states_the_key_figures_the_issue_names(seeded):
    figures = {
        (figure.country.slug, figure.metric): figure.display_text
        for figure in KeyFigure.objects.select_related("country")
    }
    assert figures[("china", "car_t_pipeline")] == "400+"
    assert figures[("china", "car_t_trials")] == "300+"  # as the snapshot table says
    assert figures[("japan", "approved_products")] == "21"
    assert figures[("japan", "approved_gene_products")] == "4"
    assert figures[("south-korea", "approved_products")] == "15"
    assert figures[("south-korea", "approved_cell_products")] == "12"
    assert figures[("south-korea", "approved_gene_products")] == "3"
    assert figures[("taiwan", "cell_trials")] == "102"
    assert figures[("taiwan", "gene_trials")] == "51"
    assert figures[("taiwan", "cell_trial_growth")] == "+28% since 2022"
    assert figures[("taiwan", "gene_trial_growth")] == "+82% since 2022"


def test_seed_links_highlights_to_the_companies_they_name(seeded):
    highlight = Highlight.objects.get(text__startswith="GC Cell and DAAN")
    assert sorted(highlight.companies.values_list("name", flat=True)) == [
        "DAAN Biotherapeutics",
        "GC Cell",
        "Lukas Biomedical",
    ]
    assert Company.objects.get(name="Lukas Biomedical").country.slug == "taiwan"


def test_seed_gives_programs_their_stated_phase(seeded):
    phases = {
        (program.name, program.indication): program.phase for program in Program.objects.all()
    }
    assert phases[("Relma-cel", "")] == Program.Phase.APPROVED
    assert phases[("HS-001", "Heart failure")] == Program.Phase.PHASE_1_2
    assert phases[("Engensis (VM202)", "Diabetic complications")] == Program.Phase.PHASE_3
    assert phases[("Engensis (VM202)", "ALS")] == Program.Phase.PHASE_2
    assert phases[("Magicell-NK", "Advanced-stage solid tumors")] == Program.Phase.APPROVED
    assert phases[("SYS6020", "Multiple myeloma")] == Program.Phase.IND


def test_seed_twice_changes_nothing(seeded):
    counts = [model.objects.count() for model in (Company, Highlight, KeyFigure, Program)]
    call_command("seed", verbosity=0)
    assert [model.objects.count() for model in (Company, Highlight, KeyFigure, Program)] == counts


def test_seed_never_overwrites_an_organizers_edit(seeded):
    highlight = Highlight.objects.get(text__startswith="Highest among the region")
    highlight.text = "Edited by an organizer."
    highlight.save()
    Company.objects.filter(slug="heartseed").update(description="Our own words.")
    KeyFigure.objects.filter(country__slug="japan", metric="approved_products").update(
        value=22, display="22"
    )

    call_command("seed", verbosity=0)

    assert Highlight.objects.get(pk=highlight.pk).text == "Edited by an organizer."
    assert Company.objects.get(slug="heartseed").description == "Our own words."
    assert KeyFigure.objects.get(country__slug="japan", metric="approved_products").display == "22"
