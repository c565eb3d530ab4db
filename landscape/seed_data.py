"""The landscape as the source eBook states it (shared/seed/east-asia-cgt-landscape-2025.txt).

Transcribed fact by fact; only obvious typos are corrected ("JW Theraputics", a stray
", ,", missing spaces). Where the source is silent (a company's home country, a product's
modality or indication) the field is left empty rather than guessed.
"""

SOURCE = "East Asia's Cell and Gene Therapy Landscape (eBook, 2025)"

OVERVIEW = {
    "title": "East Asia's Cell and Gene Therapy Landscape: Latest Advancements and Pipelines",
    "intro": (
        "East Asia is quickly becoming a global hub for cell and gene therapy (CGT), with "
        "countries like China, Japan, South Korea, and Taiwan leading the charge. This eBook "
        "offers a snapshot of the latest trends, partnerships, and pipeline developments "
        "driving CGT innovation across East Asia."
    ),
    "drivers_intro": (
        "Cell and Gene Therapy (CGT) is transforming the treatment landscape for cancer, rare "
        "diseases, and degenerative conditions. East Asia comprising of China, Japan, South "
        "Korea, and Taiwan has emerged as a global innovation hub, driven by:"
    ),
    "growth_drivers": "\n".join(
        [
            "Supportive regulatory frameworks",
            "World-class clinical research",
            "Growing Manufacturing capacity",
            "Strong public–private investments",
        ]
    ),
    "closing_remarks": (
        "Driven by robust pipelines, advanced manufacturing, and supportive policies, China, "
        "Japan, South Korea, and Taiwan are reshaping the global cell and gene therapy (CGT) "
        "landscape. These East Asian leaders are translating scientific breakthroughs into "
        "real-world treatments—faster, smarter, and at scale. As innovation continues to "
        "accelerate, the region is poised to deliver safer, more personalized, and "
        "transformative therapies for patients across the globe."
    ),
    "as_of": "2024–2025",
}

# The "Quick Regional Snapshot (as of 2024–2025)" table, row by row.
COUNTRIES = [
    {
        "slug": "china",
        "name": "China",
        "iso_code": "CN",
        "order": 1,
        "regulatory_progress": "Foreign Investment Ban Lifted for CGT sector in November 2024.",
        "trials_activity": "300+ CAR-T trials, largest share of global CGT studies",
        "growth_indicators": "Rapid CDMO growth, key CAR-T and BCMA approvals",
    },
    {
        "slug": "japan",
        "name": "Japan",
        "iso_code": "JP",
        "order": 2,
        "regulatory_progress": (
            "21 CGT products approved (as of Jan 2025), highest from the region."
        ),
        "trials_activity": "Leading in iPSC & early-stage regenerative R&D",
        "growth_indicators": "Strong academic base innovation",
    },
    {
        "slug": "south-korea",
        "name": "South Korea",
        "iso_code": "KR",
        "order": 3,
        "regulatory_progress": (
            "MFDS launched GIFT pathway and becomes the first to be WHO-Listed Regulatory Authority"
        ),
        "trials_activity": "15 CGT approvals (2024), expanding into CAR-NK",
        "growth_indicators": "Active public-private CDMO investment",
    },
    {
        "slug": "taiwan",
        "name": "Taiwan",
        "iso_code": "TW",
        "order": 4,
        "regulatory_progress": (
            "Passed Regenerative Medicine Acts (2024), establishing a comprehensive legal "
            "framework for CGT."
        ),
        "trials_activity": "150+ ongoing CGT trials (2024 TFDA data)",
        "growth_indicators": "Emerging CDMO base; government-backed biotech ecosystem",
    },
]

# The Pipelines section: 28 companies under their countries, in the source's order.
PIPELINE_COMPANIES = {
    "south-korea": [
        "GC Cell",
        "Medipost",
        "Kangstem Biotech",
        "Kolon TissueGene",
        "Alteogen",
        "ViGenCell",
        "CHA Biotech",
        "Pharmicell",
    ],
    "japan": [
        "Takeda Pharmaceutical",
        "AnGes",
        "Noile-Immune Biotech",
        "Astellas Pharma",
        "Heartseed",
        "SanBio",
        "StemRIM",
    ],
    "china": [
        "Legend Biotech",
        "JW Therapeutics",
        "Fosun Kite Biotechnology",
        "GeneCradle Therapeutics",
        "Neurophth",
        "CARsgen Therapeutics",
        "Gracell Biotechnologies",
    ],
    "taiwan": [
        "StemCyte",
        "ARCE Therapeutics",
        "Acepodia",
        "Medigen Biotechnology Corporation",
        "UnicoCell",
        "UWELL Biopharma",
    ],
}

# Companies the highlights name that are not in the Pipelines list. The country is set
# only where the source says where the company is ("Taiwan's Lukas Biomedical"; the speaker
# list's "Vaxcell-Bio, South Korea"); otherwise it is left for organizers to fill in.
OTHER_COMPANIES = [
    ("IASO Bio", None),
    ("Novartis", None),
    ("CSPC Pharmaceutical Group", None),
    ("WuXi Biologics", None),
    ("Joinn Biologics", None),
    ("Lonza", None),
    ("Porton Advanced", None),
    ("Bayer Co.Lab", None),
    ("MilliporeSigma", None),
    ("Osaka University", None),
    ("Shinobi Therapeutics", None),
    ("Panasonic", None),
    ("I Peace", None),
    ("iCamuno Biotherapeutics", None),
    ("AGC Biologics", None),
    ("Yaskawa", None),
    ("Helixmith", None),
    ("DAAN Biotherapeutics", None),
    ("Lukas Biomedical", "taiwan"),
    ("VaxCell-Bio", "south-korea"),
    ("SK Bioscience", None),
    ("IDT Biologika", None),
    ("ENCell", None),
    ("Thermo Fisher", None),
    ("Cell Resources", None),
    ("Steminent Biotherapeutics", None),
    ("Locus Cell", None),
    ("Hitachi", None),
    ("TFBS Bioscience", None),
    ("Minaris Regenerative Medicine", None),
    ("Hexun Bioscience", None),
]

# "Latest Highlights by Country": (country, topic, text, names of companies it mentions).
HIGHLIGHTS = [
    # China
    (
        "china",
        "car_t",
        "As of 2024, there is over 400 CAR-T in the pipeline and 300 active CAR-T trials in "
        "China. Approvals include Yescarta (Fosun Kite) and Relma-cel (JW Therapeutics). "
        "BCMA-targeted therapies from CARsgen and IASO Bio are advancing rapidly.",
        [
            "Fosun Kite Biotechnology",
            "JW Therapeutics",
            "CARsgen Therapeutics",
            "IASO Bio",
        ],
    ),
    (
        "china",
        "momentum",
        "Late-stage progress for Novartis’s Zolgensma (SMA) and Neurophth’s NR082 (LHON).",
        ["Novartis", "Neurophth"],
    ),
    (
        "china",
        "momentum",
        "CSPC Pharmaceutical Group received approval in June 2024 to conduct clinical trials "
        "for SYS6020, an mRNA-LNP-based cell therapy targeting multiple myeloma, marking "
        "China's first approval for such a therapy.",
        ["CSPC Pharmaceutical Group"],
    ),
    (
        "china",
        "manufacturing",
        "WuXi Biologics received EMA GMP certification for five facilities.",
        ["WuXi Biologics"],
    ),
    (
        "china",
        "manufacturing",
        "Joinn Biologics acquired Lonza’s former Guangzhou biologics plant to expand CGT CDMO "
        "capabilities in China in 2025.",
        ["Joinn Biologics", "Lonza"],
    ),
    (
        "china",
        "manufacturing",
        "Porton Advanced became the first CDMO in China to use clinical-grade flow "
        "electroporation for non-viral gene editing.",
        ["Porton Advanced"],
    ),
    (
        "china",
        "manufacturing",
        "Bayer Co.Lab and MilliporeSigma expanded operations in Shanghai.",
        ["Bayer Co.Lab", "MilliporeSigma"],
    ),
    # Japan
    (
        "japan",
        "regulatory",
        "Highest among the region with 21 regenerative medicine products approved by the "
        "MHLW, including 4 gene therapies.",
        [],
    ),
    (
        "japan",
        "ipsc",
        "Heartseed is advancing its Phase I/II clinical trial for HS-001, an iPSC-derived "
        "cardiomyocyte therapy aimed at treating heart failure.",
        ["Heartseed"],
    ),
    (
        "japan",
        "ipsc",
        "Astellas and Osaka University developing cartilage cell therapies using iPSCs.",
        ["Astellas Pharma", "Osaka University"],
    ),
    (
        "japan",
        "ipsc",
        "Shinobi Therapeutics partners with Panasonic for a next-gen CGT platform.",
        ["Shinobi Therapeutics", "Panasonic"],
    ),
    (
        "japan",
        "ipsc",
        "I Peace and iCamuno Biotherapeutics initiate NK cell trials for ovarian cancer.",
        ["I Peace", "iCamuno Biotherapeutics"],
    ),
    (
        "japan",
        "manufacturing",
        "AGC Biologics is building a new CGT facility in Yokohama, bolstering domestic "
        "manufacturing capacity.",
        ["AGC Biologics"],
    ),
    (
        "japan",
        "manufacturing",
        "Astellas and Yaskawa to establish joint venture in Japan focused on robotic cell "
        "therapy manufacturing.",
        ["Astellas Pharma", "Yaskawa"],
    ),
    (
        "japan",
        "manufacturing",
        "Shinobi partners with Panasonic to develop an innovative cell therapy manufacturing "
        "platform.",
        ["Shinobi Therapeutics", "Panasonic"],
    ),
    # South Korea
    (
        "south-korea",
        "regulatory",
        "Effective from February 21, 2025, the Regenerative Medicine Law allows patients with "
        "severe, rare, or incurable conditions to access unapproved cell and gene therapies "
        "under certain conditions.",
        [],
    ),
    (
        "south-korea",
        "regulatory",
        "15 CGT products now approved (12 cell, 3 gene). New policies are expanding access to "
        "regenerative medicine for serious illnesses.",
        [],
    ),
    (
        "south-korea",
        "milestones",
        "Cha Biotech licensed its cell differentiation technology to Astellas for $32 million.",
        ["CHA Biotech", "Astellas Pharma"],
    ),
    (
        "south-korea",
        "milestones",
        "Medipost pioneered and commercialized Cartistem®, the world’s first allogeneic stem "
        "cell therapy from umbilical cord blood for knee osteoarthritis, generating $14.4 "
        "million in annual sales.",
        ["Medipost"],
    ),
    (
        "south-korea",
        "milestones",
        "Helixmith’s gene therapy Engensis (VM202) earns FDA RMAT designation, advancing in "
        "Phase 3 trials for diabetic complications and Phase 2 for ALS and heart disease.",
        ["Helixmith"],
    ),
    (
        "south-korea",
        "milestones",
        "GC Cell and DAAN Biotherapeutics signed an exclusive technology transfer agreement to "
        "advance CAR-T and CAR-NK therapies, while also partnering with Taiwan's Lukas "
        "Biomedical to advance cell therapies in Korea and Taiwan.",
        ["GC Cell", "DAAN Biotherapeutics", "Lukas Biomedical"],
    ),
    (
        "south-korea",
        "manufacturing",
        "VaxCell-Bio secures approval for manufacturing license and cell processing facility, "
        "advancing Korea’s first regenerative heart failure trial.",
        ["VaxCell-Bio"],
    ),
    (
        "south-korea",
        "manufacturing",
        "SK Bioscience acquired Germany’s IDT Biologika to strengthen CGT manufacturing.",
        ["SK Bioscience", "IDT Biologika"],
    ),
    (
        "south-korea",
        "manufacturing",
        "MilliporeSigma invested $326M into its Korean site for CGT production.",
        ["MilliporeSigma"],
    ),
    (
        "south-korea",
        "manufacturing",
        "ENCell expands global reach through collaboration with Thermo Fisher and Japan market "
        "entry via MOU with Cell Resources.",
        ["ENCell", "Thermo Fisher", "Cell Resources"],
    ),
    # Taiwan
    (
        "taiwan",
        "trials",
        "102 cell and 51 gene therapy trials reported by TFDA in 2024 which is a 28% increase "
        "in cell therapy trials, 82% increase in gene therapy trials since 2022.",
        [],
    ),
    (
        "taiwan",
        "milestones",
        "Steminent Biotherapeutics completed Phase 2 trials with positive results for "
        "Stemchymal®, an allogeneic MSC therapy for spinocerebellar ataxia (SCA) which "
        "granted orphan drug designation in U.S. and Japan",
        ["Steminent Biotherapeutics"],
    ),
    (
        "taiwan",
        "milestones",
        "Medigen Biotech’s Magicell-NK therapy approved for advanced-stage solid tumors. "
        "(Jan 2025)",
        ["Medigen Biotechnology Corporation"],
    ),
    (
        "taiwan",
        "milestones",
        "StemCyte to list on the Taipei Stock Exchange after receiving FDA BLA for "
        "REGENECYTE™ at the end of 2024.",
        ["StemCyte"],
    ),
    (
        "taiwan",
        "manufacturing",
        "Locus Cell and Hitachi’s Zhubei facility projected to become Asia’s largest CGT "
        "production base by 2025.",
        ["Locus Cell", "Hitachi"],
    ),
    (
        "taiwan",
        "manufacturing",
        "TFBS Bioscience and Minaris Regenerative Medicine formed a major CDMO alliance.",
        ["TFBS Bioscience", "Minaris Regenerative Medicine"],
    ),
    (
        "taiwan",
        "manufacturing",
        "Hexun Bioscience signed a US$6M MSC technology licensing deal to enhance production.",
        ["Hexun Bioscience"],
    ),
]

# (country, metric, value, display, as of)
KEY_FIGURES = [
    ("china", "car_t_pipeline", 400, "400+", "2024"),
    ("china", "car_t_trials", 300, "300", "2024"),
    ("japan", "approved_products", 21, "21", "Jan 2025"),
    ("japan", "approved_gene_products", 4, "4", "Jan 2025"),
    ("south-korea", "approved_products", 15, "15", "2024"),
    ("south-korea", "approved_cell_products", 12, "12", "2024"),
    ("south-korea", "approved_gene_products", 3, "3", "2024"),
    ("taiwan", "cgt_trials", 150, "150+", "2024 (TFDA)"),
    ("taiwan", "cell_trials", 102, "102", "2024 (TFDA)"),
    ("taiwan", "gene_trials", 51, "51", "2024 (TFDA)"),
    ("taiwan", "cell_trial_growth", 28, "+28% since 2022", "2024 (TFDA)"),
    ("taiwan", "gene_trial_growth", 82, "+82% since 2022", "2024 (TFDA)"),
]

# Every product the text names: (company, name, modality, indication, phase, status note).
PROGRAMS = [
    (
        "Fosun Kite Biotechnology",
        "Yescarta",
        "car_t",
        "",
        "approved",
        "Approved in China (CAR-T leadership highlight).",
    ),
    (
        "JW Therapeutics",
        "Relma-cel",
        "car_t",
        "",
        "approved",
        "Approved in China (CAR-T leadership highlight).",
    ),
    (
        "Novartis",
        "Zolgensma",
        "unspecified",
        "SMA",
        "late-stage",
        "Late-stage progress in China.",
    ),
    (
        "Neurophth",
        "NR082",
        "unspecified",
        "LHON",
        "late-stage",
        "Late-stage progress in China.",
    ),
    (
        "CSPC Pharmaceutical Group",
        "SYS6020",
        "mrna_lnp",
        "Multiple myeloma",
        "ind",
        "Approval in June 2024 to conduct clinical trials; China's first approval for an "
        "mRNA-LNP-based cell therapy.",
    ),
    (
        "Heartseed",
        "HS-001",
        "ipsc",
        "Heart failure",
        "phase-1-2",
        "iPSC-derived cardiomyocyte therapy; Phase I/II clinical trial advancing.",
    ),
    (
        "Medipost",
        "Cartistem®",
        "stem_cell",
        "Knee osteoarthritis",
        "approved",
        "Commercialized: the world’s first allogeneic stem cell therapy from umbilical cord "
        "blood; $14.4 million in annual sales.",
    ),
    (
        "Helixmith",
        "Engensis (VM202)",
        "gene",
        "Diabetic complications",
        "phase-3",
        "FDA RMAT designation.",
    ),
    (
        "Helixmith",
        "Engensis (VM202)",
        "gene",
        "ALS",
        "phase-2",
        "FDA RMAT designation.",
    ),
    (
        "Helixmith",
        "Engensis (VM202)",
        "gene",
        "Heart disease",
        "phase-2",
        "FDA RMAT designation.",
    ),
    (
        "Steminent Biotherapeutics",
        "Stemchymal®",
        "msc",
        "Spinocerebellar ataxia (SCA)",
        "phase-2",
        "Allogeneic MSC therapy; Phase 2 completed with positive results; orphan drug "
        "designation in the U.S. and Japan.",
    ),
    (
        "Medigen Biotechnology Corporation",
        "Magicell-NK",
        "nk",
        "Advanced-stage solid tumors",
        "approved",
        "Approved in January 2025.",
    ),
    (
        "StemCyte",
        "REGENECYTE™",
        "unspecified",
        "",
        "approved",
        "FDA BLA received at the end of 2024.",
    ),
]
