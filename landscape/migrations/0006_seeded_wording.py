"""Two corrections to what databases seeded before still show as seeded; an organizer's own
wording stands.

- China's active CAR-T trials read "300" in the charts and "300+" in the snapshot table: the
  seed now says "300+" in both.
- Tables and charts credit their source in one line under each; the seed now names it as the
  report this site publishes rather than by the title of the document it was drawn from.
"""

from django.db import migrations

LANGUAGES = ["", "_en", "_ko", "_ja", "_zh_hans", "_zh_hant"]

OLD_SOURCE = {
    "": "East Asia's Cell and Gene Therapy Landscape, 2025",
    "_en": "East Asia's Cell and Gene Therapy Landscape, 2025",
    "_ko": "『동아시아 세포·유전자치료 산업 동향』, 2025",
    "_ja": "『東アジアの細胞・遺伝子治療ランドスケープ』（2025年）",
    "_zh_hans": "《东亚细胞与基因治疗格局》，2025年",
    "_zh_hant": "《東亞細胞與基因治療產業全景》（2025）",
}
NEW_SOURCE = {
    "": "CGT East Asia 2025 landscape",
    "_en": "CGT East Asia 2025 landscape",
    "_ko": "CGT East Asia 2025 산업 동향 리포트",
    "_ja": "CGT East Asia 2025 ランドスケープ・レポート",
    "_zh_hans": "CGT East Asia 2025 产业格局报告",
    "_zh_hant": "CGT East Asia 2025 產業全景報告",
}


def forwards(apps, schema_editor):
    KeyFigure = apps.get_model("landscape", "KeyFigure")
    Program = apps.get_model("landscape", "Program")
    figures = KeyFigure.objects.filter(country__slug="china", metric="car_t_trials")
    for suffix in LANGUAGES:
        column = f"display{suffix}"
        figures.filter(**{column: "300"}).update(**{column: "300+"})
    for model in (KeyFigure, Program):
        for suffix in LANGUAGES:
            column = f"source{suffix}"
            model.objects.filter(**{column: OLD_SOURCE[suffix]}).update(
                **{column: NEW_SOURCE[suffix]}
            )


class Migration(migrations.Migration):
    dependencies = [("landscape", "0005_home_country_and_summary")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
