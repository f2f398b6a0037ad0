"""A small PSB document built by hand, with what every output must carry: headings on two
levels, bold runs, a list, a table with numbers, a chart, and hostile user text."""

from __future__ import annotations

from planner.psb.document import BulletList, Chart, Document, Paragraph, Run, Section, Table

HOSTILE = '<script>alert("x")</script> & <img src="file:///etc/passwd">'
CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"'
    ' role="img"><title>Följsamhet till BHK per kvartal</title>'
    '<rect x="10" y="40" width="40" height="60" fill="#00557f"/>'
    '<rect x="60" y="20" width="40" height="80" fill="#00557f"/>'
    '<text x="10" y="35" font-size="10">72 %</text></svg>'
)


def sample_document(decided: bool = False) -> Document:
    table = Table(
        "Avvikelser och anmälningar 2026",
        ["Slag", "Antal", "Föregående år"],
        [["Rapporterade avvikelser", "1 284", "1 190"], ["Lex Maria", "7", "9"]],
        numeric_columns=[1, 2],
    )
    chart = Chart(CHART_SVG, "Stapeldiagram: BHK 72 % och 85 %.", "Följsamhet till BHK")
    return Document(
        title="Patientsäkerhetsberättelse 2026",
        organisation="Region Vättersund",
        year=2026,
        decided_by="Regionstyrelsen" if decided else "",
        decided_on="2027-02-20" if decided else "",
        sections=[
            Section(
                "sammanfattning",
                "Sammanfattning",
                1,
                [Paragraph([Run("Året i korthet: "), Run("fler rapporter", bold=True)])],
            ),
            Section(
                "atgarder",
                "Genomförda åtgärder",
                1,
                [BulletList([[Run("Hygienronder")], [Run(HOSTILE)]])],
                [Section("atgarder-g1", "G1 Engagerad ledning", 2, [table, chart])],
            ),
            Section("resultat", "Resultat och analys", 1, [Paragraph([Run("Se tabell.")])]),
        ],
    )


HEADINGS = [
    ("Sammanfattning", 1),
    ("Genomförda åtgärder", 1),
    ("G1 Engagerad ledning", 2),
    ("Resultat och analys", 1),
]
