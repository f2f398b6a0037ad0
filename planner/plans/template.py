"""The national plan's structure: Agera för säker vård 2025–2030 (Socialstyrelsen).

Every local plan starts from these four foundations and five focus areas, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL_VISION = "God och säker vård – överallt och alltid"


@dataclass(frozen=True)
class AreaTemplate:
    code: str
    kind: str  # "foundation" or "focus"
    title: str
    aim: str


FOUNDATION = "foundation"
FOCUS = "focus"

AREAS: tuple[AreaTemplate, ...] = (
    AreaTemplate(
        "G1",
        FOUNDATION,
        "Engagerad ledning och tydlig styrning",
        "Ledningens beslut, kunskap, handlingar och förhållningssätt är avgörande. Ett engagerat "
        "och kunnigt ledarskap och en tydlig styrning på alla nivåer.",
    ),
    AreaTemplate(
        "G2",
        FOUNDATION,
        "En god säkerhetskultur",
        "Risker identifieras och minskas aktivt. Ett öppet klimat där medarbetare tryggt "
        "rapporterar och frågar, utan skuldbeläggning, och där man lär av risker, "
        "negativa händelser och framgångar.",
    ),
    AreaTemplate(
        "G3",
        FOUNDATION,
        "Adekvat kunskap och kompetens",
        "Engagerade medarbetare som arbetar utifrån sin fulla kompetens, fortlöpande "
        "kompetensutveckling, specifik kompetens i patientsäkerhet och både tekniska och "
        "icke-tekniska färdigheter.",
    ),
    AreaTemplate(
        "G4",
        FOUNDATION,
        "Patienten som medskapare",
        "Patienter och närstående är informerade och delaktiga i sin egen vård, i det "
        "systematiska patientsäkerhetsarbetet och i utformningen av vården på alla nivåer.",
    ),
    AreaTemplate(
        "F1",
        FOCUS,
        "Öka kunskap om inträffade vårdskador",
        "Öka kunskapen om vårdskador, ge underlag för att analysera bakomliggande orsaker "
        "och bättre följa hur ofta de inträffar.",
    ),
    AreaTemplate(
        "F2",
        FOCUS,
        "Tillförlitliga och säkra system och processer",
        "Minska oönskad variation i arbetssätt och resultat för en sammanhållen, tillgänglig "
        "och jämlik vård.",
    ),
    AreaTemplate(
        "F3",
        FOCUS,
        "Säker vård här och nu",
        "Medvetenhet om och förmåga att uppmärksamma och agera på risker och förändringar i "
        "det dagliga arbetet.",
    ),
    AreaTemplate(
        "F4",
        FOCUS,
        "Stärka analys, lärande och utveckling",
        "Identifiera systemfaktorer och risker, och stärka individers och organisationers "
        "lärande om dem.",
    ),
    AreaTemplate(
        "F5",
        FOCUS,
        "Öka riskmedvetenhet och beredskap",
        "Planera för förväntade och oväntade risksituationer, utifrån identifiering och "
        "analys av risker.",
    ),
)

AREA_CODES = tuple(area.code for area in AREAS)
# How an area is named wherever one is chosen or shown by its code: "G1 Engagerad ledning …".
AREA_LABELS = {area.code: f"{area.code} {area.title}" for area in AREAS}
