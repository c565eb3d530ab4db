"""The event and its speakers as the source states them (the eBook's last pages).

The source gives no agenda, photos or bios: none are seeded. It gives the date but no
times, so the event spans the whole day in Korea time.
"""

EVENT = {
    "slug": "cgt-east-asia-2025",
    "name": "Cell & Gene Therapy East Asia 2025",
    "tagline": "Powering Innovation in Cell & Gene Therapy Across East Asia",
    "venue": "Songdo Convensia",
    "city": "Incheon",
    "country": "South Korea",
    "date": (2025, 9, 25),
}

# Registration works out of the box with one free pass without a seat limit; the source
# states no prices, so organizers set real ticket types in the admin.
TICKET_TYPE = {"name": "Conference pass", "price": 0, "currency": "KRW", "capacity": None}

# (name, role, organization, landscape company name or None, country slug). The source
# writes "Korea" for two speakers; the landscape calls the country South Korea.
SPEAKERS = [
    ("Heon-Ju Lee", "CEO", "CarBio Therapeutics", "CarBio Therapeutics", "south-korea"),
    (
        "James Lin",
        "Chief Science Officer",
        "Medigen Biotechnology",
        "Medigen Biotechnology Corporation",
        "taiwan",
    ),
    (
        "Cheng-Yi Jerry Kuo",
        "Vice General Manager",
        "UWELL Biopharma",
        "UWELL Biopharma",
        "taiwan",
    ),
    ("KwangJun Yoon", "Managing Director", "CHA Biotech", "CHA Biotech", "south-korea"),
    ("Seokjoong Kim", "Chief Strategy Officer", "GenEdit", "GenEdit", "south-korea"),
    (
        "Manh-Cuong Vo",
        "General Manager, R&D Center",
        "Vaxcell-Bio",
        "VaxCell-Bio",
        "south-korea",
    ),
    (
        "Bryan Choi",
        "ISCT Asia Regional Vice-President and Professor",
        "Inha University",
        None,
        "south-korea",
    ),
    ("Sungjun Yoon", "CEO", "Fortuga Bio", "Fortuga Bio", "south-korea"),
    ("Phil Huang", "Technical Director", "StemCyte", "StemCyte", "taiwan"),
    (
        "Chaemin Lim",
        "Director of EV/Exosome Center",
        "CHA Advanced Research Institute",
        None,
        "south-korea",
    ),
]
