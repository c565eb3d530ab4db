from django.db import migrations

# Highlights were keyed by their position in the seed list ("china-1"). The seed ledger now
# records every seeded row under a key written in the seed data; carry the old keys over so
# a database seeded before the ledger does not get its highlights twice.
OLD_TO_NEW = {
    "china-1": "china-car-t-pipeline-and-approvals",
    "china-2": "china-zolgensma-nr082-late-stage",
    "china-3": "china-cspc-sys6020-trial-approval",
    "china-4": "china-wuxi-biologics-ema-gmp",
    "china-5": "china-joinn-acquires-lonza-guangzhou",
    "china-6": "china-porton-flow-electroporation",
    "china-7": "china-bayer-milliporesigma-shanghai",
    "japan-1": "japan-21-products-approved",
    "japan-2": "japan-heartseed-hs-001",
    "japan-3": "japan-astellas-osaka-cartilage",
    "japan-4": "japan-shinobi-panasonic-platform",
    "japan-5": "japan-ipeace-icamuno-nk-trials",
    "japan-6": "japan-agc-yokohama-facility",
    "japan-7": "japan-astellas-yaskawa-joint-venture",
    "japan-8": "japan-shinobi-panasonic-manufacturing",
    "south-korea-1": "south-korea-regenerative-medicine-law-2025",
    "south-korea-2": "south-korea-15-products-approved",
    "south-korea-3": "south-korea-cha-astellas-licence",
    "south-korea-4": "south-korea-medipost-cartistem",
    "south-korea-5": "south-korea-helixmith-engensis-rmat",
    "south-korea-6": "south-korea-gc-cell-daan-lukas",
    "south-korea-7": "south-korea-vaxcell-manufacturing-licence",
    "south-korea-8": "south-korea-sk-bioscience-idt",
    "south-korea-9": "south-korea-milliporesigma-326m",
    "south-korea-10": "south-korea-encell-thermo-fisher",
    "taiwan-1": "taiwan-tfda-trials-2024",
    "taiwan-2": "taiwan-steminent-stemchymal",
    "taiwan-3": "taiwan-medigen-magicell-nk",
    "taiwan-4": "taiwan-stemcyte-regenecyte",
    "taiwan-5": "taiwan-locus-hitachi-zhubei",
    "taiwan-6": "taiwan-tfbs-minaris-alliance",
    "taiwan-7": "taiwan-hexun-msc-licence",
}


def to_ledger(apps, schema_editor):
    Highlight = apps.get_model("landscape", "Highlight")
    SeedRecord = apps.get_model("common", "SeedRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="landscape", model="highlight")
    for pk, seed_key in Highlight.objects.exclude(seed_key=None).values_list("pk", "seed_key"):
        if seed_key in OLD_TO_NEW:
            SeedRecord.objects.get_or_create(
                key=f"landscape.highlight:{OLD_TO_NEW[seed_key]}",
                defaults={"content_type": content_type, "object_id": str(pk)},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("landscape", "0002_validate_logos"),
        ("common", "0001_seed_ledger"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_ledger, migrations.RunPython.noop),
        migrations.RemoveField(model_name="highlight", name="seed_key"),
    ]
