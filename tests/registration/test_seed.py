from django.core.management import call_command
from django.utils import timezone

from common.seeding import load_data
from landscape.models import Company
from registration.models import Event, Session, Speaker


def test_seed_loads_the_event_as_the_source_states_it(seeded):
    event = Event.objects.get()
    assert event.name == "Cell & Gene Therapy East Asia 2025"
    assert event.tagline == "Powering Innovation in Cell & Gene Therapy Across East Asia"
    assert event.location == "Songdo Convensia, Incheon, South Korea"
    assert timezone.localtime(event.start).isoformat() == "2025-09-25T00:00:00+09:00"
    assert event.is_all_day


def test_seed_loads_all_ten_speakers_with_roles_organizations_and_countries(seeded):
    speakers = [
        (s.name, s.role, s.organization, s.country.name)
        for s in Speaker.objects.select_related("country").order_by("order")
    ]
    assert speakers == [
        ("Heon-Ju Lee", "CEO", "CarBio Therapeutics", "South Korea"),
        ("James Lin", "Chief Science Officer", "Medigen Biotechnology", "Taiwan"),
        ("Cheng-Yi Jerry Kuo", "Vice General Manager", "UWELL Biopharma", "Taiwan"),
        ("KwangJun Yoon", "Managing Director", "CHA Biotech", "South Korea"),
        ("Seokjoong Kim", "Chief Strategy Officer", "GenEdit", "South Korea"),
        ("Manh-Cuong Vo", "General Manager, R&D Center", "Vaxcell-Bio", "South Korea"),
        (
            "Bryan Choi",
            "ISCT Asia Regional Vice-President and Professor",
            "Inha University",
            "South Korea",
        ),
        ("Sungjun Yoon", "CEO", "Fortuga Bio", "South Korea"),
        ("Phil Huang", "Technical Director", "StemCyte", "Taiwan"),
        (
            "Chaemin Lim",
            "Director of EV/Exosome Center",
            "CHA Advanced Research Institute",
            "South Korea",
        ),
    ]


def test_seed_links_speakers_to_their_landscape_companies(seeded):
    links = dict(Speaker.objects.values_list("name", "company__name"))
    assert links["James Lin"] == "Medigen Biotechnology Corporation"
    assert links["Cheng-Yi Jerry Kuo"] == "UWELL Biopharma"
    assert links["KwangJun Yoon"] == "CHA Biotech"
    assert links["Manh-Cuong Vo"] == "VaxCell-Bio"
    assert links["Phil Huang"] == "StemCyte"
    assert links["Bryan Choi"] is None
    assert links["Chaemin Lim"] is None


def test_seed_creates_speakers_companies_under_their_country(seeded):
    created = Company.objects.filter(name__in=["CarBio Therapeutics", "GenEdit", "Fortuga Bio"])
    assert sorted(created.values_list("name", "country__slug")) == [
        ("CarBio Therapeutics", "south-korea"),
        ("Fortuga Bio", "south-korea"),
        ("GenEdit", "south-korea"),
    ]
    assert not Company.objects.get(name="GenEdit").in_pipeline_list


def test_seed_invents_no_agenda_photos_or_bios(seeded):
    assert Session.objects.count() == 0
    assert not any(speaker.bio for speaker in Speaker.objects.all())
    assert not Speaker.objects.exclude(photo="").exists()
    assert (
        Speaker.objects.count()
        == len(load_data("registration.seed", "event.toml")["speakers"])
        == 10
    )


def test_seed_keeps_an_organizers_speaker_edits(seeded):
    Speaker.objects.filter(slug="phil-huang").update(bio="Written by an organizer.")
    call_command("seed", verbosity=0)
    assert Speaker.objects.get(slug="phil-huang").bio == "Written by an organizer."
    assert Speaker.objects.count() == 10
