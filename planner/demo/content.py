"""Demo content: Region Vättersund's action plan for patient safety 2025–2030 (fictional).

Pure data, consumed by ``planner.demo.loader``. Day offsets are relative to the day the demo
is loaded (negative = in the past). Organisation keys: "region" (Region Vättersund), "hsf"
(Hälso- och sjukvårdsförvaltningen), "pvf" (Primärvårdsförvaltningen), "kommun" (Åsby kommun).
"""

from __future__ import annotations

PLAN = {
    "title": "Regional handlingsplan för ökad patientsäkerhet 2025–2030",
    "vision": (
        "God och säker vård – överallt och alltid. I Region Vättersund ska ingen patient "
        "drabbas av en undvikbar vårdskada, vare sig på sjukhuset, på vårdcentralen eller i "
        "hemmet. Tillsammans med Åsby kommun, patienter och närstående gör vi varje "
        "vårdövergång trygg."
    ),
    "decided_by": "Regionstyrelsen",
    "decision_level": "politisk",
}

AREA_DESCRIPTIONS = {
    "G1": (
        "Patientsäkerhet är en stående punkt i regionledningen och i förvaltningarnas "
        "ledningsgrupper. Chefläkare och chefsjuksköterska ingår i förvaltningsledningarna och "
        "handlingsplanen följs upp årligen tillsammans med patientsäkerhetsberättelsen (PSB). "
        "Förvaltningarna bryter ned planen i egna lokala handlingsplaner."
    ),
    "G2": (
        "Vi bygger en öppen och icke skuldbeläggande kultur där medarbetare tryggt rapporterar "
        "avvikelser och risker. HSE-frågorna i medarbetarenkäten och Säkerhetskulturtrappan "
        "används för dialog på arbetsplatsträffar. Medarbetare som varit inblandade i en "
        "vårdskada ska få stöd."
    ),
    "G3": (
        "Alla chefer och all legitimerad personal ska ha grundläggande kunskap i patientsäkerhet "
        "utifrån Socialstyrelsens nationella kompetensmål. Icke-tekniska färdigheter som "
        "kommunikation med SBAR och teamarbete tränas regelbundet, bland annat i simulering."
    ),
    "G4": (
        "Patienter och närstående ska vara välinformerade och delaktiga i sin egen vård och i "
        "det systematiska patientsäkerhetsarbetet. Regionens patientråd medverkar i "
        "förbättringsarbetet, och patientens berättelse tas tillvara vid händelseanalyser och "
        "i klagomålshanteringen."
    ),
    "F1": (
        "Kunskapen om vilka vårdskador som inträffar, och hur ofta, ska öka på alla nivåer. Vi "
        "kombinerar avvikelser, klagomål, lex Maria-anmälningar, markörbaserad journalgranskning "
        "(MJG) och punktprevalensmätningar för att få en samlad bild."
    ),
    "F2": (
        "Oönskad variation i arbetssätt ska minska, särskilt i vårdövergångar mellan sjukhus, "
        "primärvård och kommunal hälso- och sjukvård. Trygg utskrivning, samordnad individuell "
        "plan (SIP) och säker läkemedelsanvändning är prioriterade, och flera åtgärder "
        "genomförs gemensamt med Åsby kommun."
    ),
    "F3": (
        "Medarbetare ska uppmärksamma och agera på risker och förändringar i det dagliga "
        "arbetet. Tidig upptäckt av försämring med NEWS2, daglig riskbedömning i team och "
        "förebyggande av trycksår, fall och vårdrelaterade infektioner står i fokus."
    ),
    "F4": (
        "Vi stärker förmågan att identifiera systemfaktorer genom händelseanalyser, "
        "M&M-ronder och gemensam avvikelsehantering med kommunen. Lärdomar återförs till "
        "verksamheterna via arbetsplatsträffar, nyhetsbrev och lokala patientsäkerhetsteam."
    ),
    "F5": (
        "Verksamheterna ska ha planering för både förväntade och oväntade risksituationer. "
        "Riskanalyser görs inför större förändringar, till exempel byte av IT-system, och "
        "kontinuitetsplaner övas tillsammans med den regionala krisberedskapen."
    ),
}

GOALS = [
    {
        "key": "g1-styrning",
        "area": "G1",
        "title": "Patientsäkerhet styrs och följs upp i varje ledningsgrupp",
        "description": (
            "Alla ledningsgrupper har patientsäkerhet som stående punkt och fattar beslut på "
            "underlag om risker, avvikelser och vårdskador."
        ),
    },
    {
        "key": "g1-uppfoljning",
        "area": "G1",
        "title": "Handlingsplanen följs upp årligen tillsammans med patientsäkerhetsberättelsen",
        "description": (
            "Förvaltningarna återrapporterar sina lokala handlingsplaner varje år, och "
            "regionstyrelsen får en samlad uppföljning i samband med PSB."
        ),
    },
    {
        "key": "g2-kultur",
        "area": "G2",
        "title": "En öppen och icke skuldbeläggande säkerhetskultur på alla arbetsplatser",
        "description": (
            "Medarbetare känner sig trygga att rapportera och diskutera risker. Andelen "
            "positiva svar på HSE-frågorna ska öka mellan varje mätning."
        ),
    },
    {
        "key": "g3-utbildning",
        "area": "G3",
        "title": "Chefer och legitimerad personal har grundläggande kompetens i patientsäkerhet",
        "description": (
            "Introduktions- och fortbildning i patientsäkerhet utgår från Socialstyrelsens "
            "nationella kompetensmål och erbjuds både i regionen och i kommunen."
        ),
    },
    {
        "key": "g3-team",
        "area": "G3",
        "title": "Icke-tekniska färdigheter tränas regelbundet i team",
        "description": (
            "Kommunikation, ledarskap i team och strukturerad överrapportering med SBAR tränas "
            "i simulering minst en gång per år i akuta verksamheter."
        ),
    },
    {
        "key": "g4-delaktighet",
        "area": "G4",
        "title": "Patienter och närstående är delaktiga i sin egen vård",
        "description": (
            "Patienten vet vem som har ansvaret, vad nästa steg är och vart hen vänder sig vid "
            "frågor, till exempel genom patientkontrakt och tydlig information vid utskrivning."
        ),
    },
    {
        "key": "g4-medverkan",
        "area": "G4",
        "title": "Patienter medverkar i det systematiska patientsäkerhetsarbetet",
        "description": (
            "Patient- och närståendeföreträdare medverkar i patientråd, i förbättringsarbeten "
            "och vid utredning av vårdskador."
        ),
    },
    {
        "key": "f1-kartlaggning",
        "area": "F1",
        "title": "Kunskap om förekomst av vårdskador finns på alla nivåer",
        "description": (
            "Vårdskador kartläggs med flera kompletterande metoder och resultaten redovisas per "
            "förvaltning i patientsäkerhetsberättelsen."
        ),
    },
    {
        "key": "f2-overgangar",
        "area": "F2",
        "title": "Säkra vårdövergångar mellan sjukhus, primärvård och kommun",
        "description": (
            "Patienter skrivs ut med en tydlig plan, rätt information och kända kontaktvägar. "
            "Samordnad individuell plan (SIP) upprättas i tid."
        ),
    },
    {
        "key": "f2-lakemedel",
        "area": "F2",
        "title": "Säker läkemedelsanvändning för äldre med många läkemedel",
        "description": (
            "Personer 75 år och äldre med fem eller fler läkemedel erbjuds läkemedelsgenomgång, "
            "och läkemedelslistan är korrekt vid varje vårdövergång."
        ),
    },
    {
        "key": "f3-risker",
        "area": "F3",
        "title": "Risker uppmärksammas och hanteras i det dagliga arbetet",
        "description": (
            "Försämring, trycksår, fall och vårdrelaterade infektioner förebyggs med "
            "strukturerade riskbedömningar och daglig reflektion i team."
        ),
    },
    {
        "key": "f4-larande",
        "area": "F4",
        "title": "Lärdomar från avvikelser och händelseanalyser sprids i hela vårdkedjan",
        "description": (
            "Analyser görs med gemensam metod, systemfaktorer identifieras och åtgärder följs "
            "upp, även när händelsen berör både regionen och kommunen."
        ),
    },
    {
        "key": "f5-beredskap",
        "area": "F5",
        "title": "Planering finns för förväntade och oväntade risksituationer",
        "description": (
            "Riskanalys med patientsäkerhetsperspektiv görs inför större förändringar och "
            "ansvaret för riskanalyser är dokumenterat i ledningssystemet."
        ),
    },
]

# People who appear as responsible (name, role, email).
_ANNA = ("Anna Lindqvist", "Chefläkare", "anna.lindqvist@vattersund.example")
_KARIN = ("Karin Holmberg", "Chefsjuksköterska", "karin.holmberg@vattersund.example")
_JOHAN = ("Johan Ek", "Patientsäkerhetssamordnare", "johan.ek@vattersund.example")
_MARIA = ("Maria Sandberg", "Verksamhetschef primärvård", "maria.sandberg@vattersund.example")
_LENA = ("Lena Björk", "MAS, Åsby kommun", "lena.bjork@asby.example")
_SOFIA = ("Sofia Berg", "Läkemedelsansvarig apotekare", "sofia.berg@vattersund.example")
_ERIK = ("Erik Nordin", "Hygiensjuksköterska, Vårdhygien", "erik.nordin@vattersund.example")
_EVA = ("Eva Karlsson", "Utvecklingsledare patientmedverkan", "eva.karlsson@vattersund.example")
_FREDRIK = ("Fredrik Lund", "HR-strateg", None)
_PETER = ("Peter Dahl", "Beredskapssamordnare", "peter.dahl@vattersund.example")
_SARA = ("Sara Nyström", "Simuleringsansvarig sjuksköterska", "sara.nystrom@vattersund.example")
_ELIN = ("Elin Forsberg", "MJG-samordnare", "elin.forsberg@vattersund.example")
_MIKAEL = ("Mikael Öberg", "Systemförvaltare avvikelsesystem", "mikael.oberg@vattersund.example")
_JONAS = ("Jonas Wikström", "Enhetschef, medicinkliniken", None)
_MALIN = ("Malin Ek", "Fysioterapeut, utvecklingsledare", "malin.ek@vattersund.example")
_PER = ("Per Hedlund", "Överläkare, kirurgkliniken", "per.hedlund@vattersund.example")

ACTIVITIES = [
    # --- G1 Engagerad ledning och tydlig styrning -------------------------------------------
    {
        "area": "G1",
        "goal": "g1-styrning",
        "title": "Fastställa regional handlingsplan 2025–2030 och publicera den i ledningssystemet",
        "description": (
            "Anpassa den nationella planen Agera för säker vård till regionens förhållanden, "
            "remittera till förvaltningarna och patientrådet och låta regionstyrelsen fastställa."
        ),
        "responsible": _ANNA,
        "orgs": ["region"],
        "start": -360,
        "due": -250,
        "follow_up": 20,
        "progress": [
            (-355, "pagar", 20, "Utkast framtaget utifrån den nationella planens struktur."),
            (-318, "pagar", 60, "Remissrunda till HSF, PVF och patientrådet genomförd."),
            (-280, "pagar", 90, "Remissvar inarbetade. Ärendet anmält till regionstyrelsen."),
            (-256, "klar", 100, "Planen fastställd och publicerad i ledningssystemet."),
        ],
    },
    {
        "area": "G1",
        "goal": "g1-styrning",
        "title": "Patientsäkerhet som stående punkt på förvaltningsledningarnas möten och på APT",
        "description": (
            "Införa en fast dagordningspunkt med avvikelser, risker och pågående åtgärder i "
            "ledningsgrupper och på arbetsplatsträffar, med stöd av årshjulets månadsteman."
        ),
        "responsible": _KARIN,
        "orgs": ["hsf", "pvf"],
        "start": -300,
        "due": -60,
        "follow_up": 60,
        "progress": [
            (-290, "pagar", 10, "Mall för dagordningspunkt och månadsteman för APT framtagen."),
            (-210, "pagar", 50, "Infört i båda förvaltningsledningarna och hälften av enheterna."),
            (-120, "pagar", 80, "Stickprov visar punkten i 41 av 52 APT-protokoll."),
            (
                -52,
                "klar",
                100,
                "Samtliga enheter har punkten. Följsamheten följs upp i dialogerna.",
            ),
        ],
    },
    {
        "area": "G1",
        "goal": "g1-uppfoljning",
        "title": "Revidera handlingsplanen och återrapportera till regionstyrelsen med PSB",
        "description": (
            "Samla in förvaltningarnas uppföljning av sina lokala planer, revidera den regionala "
            "planen och rapportera till regionstyrelsen tillsammans med "
            "patientsäkerhetsberättelsen."
        ),
        "responsible": _ANNA,
        "orgs": ["region"],
        "start": -90,
        "due": 25,
        "follow_up": None,
        "progress": [
            (-82, "pagar", 10, "Mall för återrapportering skickad till förvaltningarna."),
            (-35, "pagar", 45, "Underlag från HSF inkommet. PVF:s underlag saknas fortfarande."),
            (-6, "pagar", 65, "Allt underlag inne. Utkast till revidering skickat på remiss."),
        ],
    },
    {
        "area": "G1",
        "goal": "g1-styrning",
        "title": "Kostnadsberäkna vårdskador som underlag för verksamhetsplan och budget",
        "description": (
            "Ta fram en modell för vad trycksår, fall och vårdrelaterade infektioner kostar i "
            "vårddagar, så att det ekonomiska perspektivet syns i prioriteringarna."
        ),
        "responsible": None,
        "orgs": ["region"],
        "start": -200,
        "due": -20,
        "follow_up": 40,
        "progress": [
            (-190, "pagar", 10, "Avgränsning gjord: trycksår, fall och VRI under ett år."),
            (-120, "pagar", 30, "Första beräkning klar för VRI. Analytikern har slutat."),
            (
                -40,
                "pagar",
                35,
                (
                    "Står still i väntan på analysresurs från ekonomistaben och ansvarig saknas "
                    "efter omorganisationen. Lyft i regionledningen för beslut."
                ),
            ),
        ],
    },
    {
        "area": "G1",
        "goal": "g1-uppfoljning",
        "title": (
            "Patientsäkerhetsdialoger mellan hälso- och sjukvårdsdirektören och alla "
            "verksamhetsområden"
        ),
        "description": (
            "Två dialogomgångar per år där varje verksamhetsområde redovisar vårdskador, risker "
            "och förbättringsarbete utifrån en gemensam dialogmall."
        ),
        "responsible": _JOHAN,
        "orgs": ["region", "hsf", "pvf"],
        "start": -240,
        "due": 150,
        "follow_up": 160,
        "progress": [
            (-232, "pagar", 10, "Dialogmall och schema klara."),
            (-150, "pagar", 35, "Första omgången genomförd med 12 av 14 verksamhetsområden."),
            (-60, "pagar", 55, "Andra omgången påbörjad. Återkommande tema: bemanning och fall."),
        ],
    },
    # --- G2 En god säkerhetskultur -----------------------------------------------------------
    {
        "area": "G2",
        "goal": "g2-kultur",
        "title": "Analysera HSE-resultaten från medarbetarenkäten och återföra dem på APT",
        "description": (
            "Sammanställa resultaten för hållbart säkerhetsengagemang (HSE) per enhet och föra "
            "dialog om dem på arbetsplatsträffar, med handlingsplan där resultaten är svaga."
        ),
        "responsible": _JOHAN,
        "orgs": ["region"],
        "start": -180,
        "due": -30,
        "follow_up": 120,
        "progress": [
            (-170, "pagar", 15, "Resultat per enhet sammanställt och skickat till cheferna."),
            (-100, "pagar", 40, "Dialog genomförd på hälften av enheterna."),
            (-45, "pagar", 60, "Enhetsvisa handlingsplaner inkomna från 30 av 52 enheter."),
            (
                -10,
                "pagar",
                70,
                (
                    "Försenat: återföringen har skjutits upp på tre vårdavdelningar på grund av "
                    "hög sjukfrånvaro och många inhyrda sjuksköterskor. Ny plan klar inom en "
                    "månad."
                ),
            ),
        ],
    },
    {
        "area": "G2",
        "goal": "g2-kultur",
        "title": "Dialog med Säkerhetskulturtrappan 2.0 i vårdcentralernas patientsäkerhetsteam",
        "description": (
            "Varje vårdcentral skattar sin säkerhetskultur med Säkerhetskulturtrappan 2.0 och "
            "väljer två förbättringsområden."
        ),
        "responsible": _MARIA,
        "orgs": ["pvf"],
        "start": -280,
        "due": -40,
        "follow_up": None,
        "progress": [
            (-270, "pagar", 10, "Processledare utbildade på inspirationsträffen."),
            (-180, "pagar", 50, "14 av 22 vårdcentraler har genomfört dialogen."),
            (-46, "klar", 100, "Alla 22 vårdcentraler klara och förbättringsområden valda."),
        ],
    },
    {
        "area": "G2",
        "goal": "g2-kultur",
        "title": "Kamratstöd för medarbetare som varit inblandade i en vårdskada",
        "description": (
            "Ta fram en rutin för stöd till medarbetare efter allvarliga händelser och utbilda "
            "kamratstödjare på sjukhusets kliniker."
        ),
        "responsible": _FREDRIK,
        "orgs": ["hsf"],
        "start": -150,
        "due": 20,
        "follow_up": 90,
        "progress": [
            (-140, "pagar", 10, "Befintligt stöd kartlagt tillsammans med företagshälsovården."),
            (-70, "pagar", 40, "Kamratstödjare utbildade på akutkliniken och kirurgkliniken."),
            (-15, "pagar", 75, "Rutinen är på remiss i samverkansgruppen."),
        ],
    },
    {
        "area": "G2",
        "goal": None,
        "title": "Dela ut regionens patientsäkerhetspris på Världspatientsäkerhetsdagen",
        "description": (
            "Synliggöra goda exempel genom en utmärkelse för bästa patientsäkerhetsarbete, med "
            "öppen nominering för alla medarbetare."
        ),
        "responsible": _JOHAN,
        "orgs": ["region"],
        "start": -330,
        "due": -210,
        "follow_up": None,
        "progress": [
            (-320, "pagar", 20, "Kriterier och jury klara. Nomineringen öppnad på intranätet."),
            (-262, "pagar", 60, "Nomineringen stängd med 17 bidrag."),
            (-212, "klar", 100, "Priset delat till ortopedens arbete med fallprevention."),
        ],
    },
    # --- G3 Adekvat kunskap och kompetens ----------------------------------------------------
    {
        "area": "G3",
        "goal": "g3-utbildning",
        "title": "Introduktionsutbildning i patientsäkerhet för nya chefer",
        "description": (
            "Ett obligatoriskt halvdagsmoment i chefsintroduktionen om chefens ansvar, "
            "avvikelsehantering, lex Maria och patientsäkerhetsberättelsen."
        ),
        "responsible": _KARIN,
        "orgs": ["hsf", "pvf"],
        "start": -300,
        "due": -90,
        "follow_up": 60,
        "progress": [
            (-292, "pagar", 15, "Innehåll utifrån de nationella kompetensmålen utarbetat."),
            (-200, "pagar", 60, "Pilot med 11 nya enhetschefer, goda utvärderingar."),
            (-96, "klar", 100, "Momentet ingår nu i chefsprogrammets steg 1."),
        ],
    },
    {
        "area": "G3",
        "goal": "g3-utbildning",
        "title": "Webbutbildningen Säker vård för ledningsgrupper och avvikelsesamordnare",
        "description": (
            "Alla ledningsgrupper och avvikelsesamordnare genomför webbutbildningen Säker vård och "
            "diskuterar den i ett gemensamt seminarium."
        ),
        "responsible": _JOHAN,
        "orgs": ["region"],
        "start": -250,
        "due": 15,
        "follow_up": None,
        "progress": [
            (-240, "pagar", 10, "Information och anmälan utskickad."),
            (-150, "pagar", 45, "62 % av ledningsgrupperna har genomfört utbildningen."),
            (-30, "pagar", 80, "Seminarium genomfört. Avvikelsesamordnare på PVF återstår."),
        ],
    },
    {
        "area": "G3",
        "goal": "g3-utbildning",
        "title": (
            "Gemensam fortbildning i patientsäkerhet för sjuksköterskor i hemsjukvård och "
            "primärvård"
        ),
        "description": (
            "Fyra gemensamma utbildningstillfällen för legitimerad personal i Åsby kommun och "
            "på vårdcentralerna, med fokus på vårdövergångar och riskbedömning."
        ),
        "responsible": _LENA,
        "orgs": ["pvf", "kommun"],
        "start": -120,
        "due": -5,
        "follow_up": 30,
        "progress": [
            (-110, "pagar", 15, "Utbildningsplan beslutad i samverkansgruppen."),
            (-60, "pagar", 35, "Första tillfället genomfört med 38 deltagare."),
            (
                -12,
                "pagar",
                50,
                (
                    "Två av fyra tillfällen klara. Övriga flyttade eftersom kommunens "
                    "sjuksköterskor inte kunde frigöras på grund av vakanser. Nya datum bokas."
                ),
            ),
        ],
    },
    {
        "area": "G3",
        "goal": "g3-team",
        "title": "Simuleringsträning med SBAR och teamträning på akutmottagningen och IVA",
        "description": (
            "Återkommande teamträning i simulering med fokus på kommunikation, ledarskap och "
            "strukturerad överrapportering med SBAR."
        ),
        "responsible": _SARA,
        "orgs": ["hsf"],
        "start": -200,
        "due": 180,
        "follow_up": None,
        "progress": [
            (-190, "pagar", 10, "Scenarier och instruktörer klara."),
            (-110, "pagar", 25, "Sex träningstillfällen genomförda på akutmottagningen."),
            (-25, "pagar", 40, "IVA har startat. Svårt att frigöra läkare dagtid."),
        ],
    },
    {
        "area": "G3",
        "goal": "g3-utbildning",
        "title": "Utbildning för avvikelsesamordnare i klassificering och orsaksutredning",
        "description": (
            "Gemensam grundutbildning för alla avvikelsesamordnare så att avvikelser klassificeras "
            "och utreds likartat i hela regionen."
        ),
        "responsible": _MIKAEL,
        "orgs": ["region"],
        "start": 30,
        "due": 120,
        "follow_up": None,
        "progress": [],
    },
    # --- G4 Patienten som medskapare ---------------------------------------------------------
    {
        "area": "G4",
        "goal": "g4-medverkan",
        "title": "Inrätta ett regionalt patientråd för patientsäkerhet",
        "description": (
            "Rekrytera patient- och närståendeföreträdare utifrån kunskapsbehov och ge rådet en "
            "fast plats i det regionala patientsäkerhetsarbetet."
        ),
        "responsible": _EVA,
        "orgs": ["region"],
        "start": -340,
        "due": -150,
        "follow_up": 30,
        "progress": [
            (-330, "pagar", 20, "Uppdragsbeskrivning och ersättningsmodell klara."),
            (-250, "pagar", 60, "Åtta ledamöter rekryterade via patientföreningarna."),
            (-162, "klar", 100, "Första mötet hållet. Rådet har yttrat sig över handlingsplanen."),
        ],
    },
    {
        "area": "G4",
        "goal": "g4-delaktighet",
        "title": "Patientkontrakt för patienter med komplexa vårdbehov i primärvården",
        "description": (
            "Patienten och vården kommer överens om plan, tider och kontaktvägar, och patienten "
            "har en fast vårdkontakt."
        ),
        "responsible": _MARIA,
        "orgs": ["pvf"],
        "start": -210,
        "due": 180,
        "follow_up": None,
        "progress": [
            (-200, "pagar", 10, "Fyra vårdcentraler utsedda som pilot."),
            (-120, "pagar", 30, "Patientkontrakt upprättade för 140 patienter."),
            (-30, "pagar", 45, "Utvärdering med patientrådet visar att kontaktvägen uppskattas."),
        ],
    },
    {
        "area": "G4",
        "goal": "g4-medverkan",
        "title": "Erbjuda patient och närstående att medverka i händelseanalyser",
        "description": (
            "Patient och närstående ges möjlighet att beskriva händelsen och föreslå "
            "förbättringar, och får återkoppling när analysen är klar."
        ),
        "responsible": _ANNA,
        "orgs": ["hsf"],
        "start": -160,
        "due": 10,
        "follow_up": None,
        "progress": [
            (-150, "pagar", 10, "Nuläge kartlagt: patienten tillfrågades i 3 av 19 analyser."),
            (-90, "pagar", 40, "Rutin och informationsblad framtagna med patientrådet."),
            (-20, "pagar", 70, "Rutinen prövas i pågående analyser. Utvärdering återstår."),
        ],
    },
    {
        "area": "G4",
        "goal": "g4-delaktighet",
        "title": "Egen digital patientenkät vid utskrivning från sjukhuset",
        "description": (
            "Fånga patienters och närståendes förbättringsförslag direkt efter utskrivning."
        ),
        "responsible": None,
        "orgs": ["hsf"],
        "start": -220,
        "due": -30,
        "follow_up": None,
        "progress": [
            (-210, "pagar", 10, "Frågor formulerade tillsammans med patientrådet."),
            (-130, "pagar", 25, "Offert från leverantör inhämtad."),
            (
                -60,
                "avbruten",
                25,
                (
                    "Avbruten: en egen lösning blev för dyr. Vi använder i stället Nationell "
                    "patientenkät och 1177:s formulär för synpunkter."
                ),
            ),
        ],
    },
    # --- F1 Öka kunskap om inträffade vårdskador ---------------------------------------------
    {
        "area": "F1",
        "goal": "f1-kartlaggning",
        "title": "Markörbaserad journalgranskning (MJG) på alla somatiska vårdavdelningar",
        "description": (
            "Granska 20 slumpvis valda vårdtillfällen per månad med MJG och redovisa andelen "
            "vårdskador per klinik."
        ),
        "responsible": _ELIN,
        "orgs": ["hsf"],
        "start": -350,
        "due": 200,
        "follow_up": None,
        "progress": [
            (-340, "pagar", 10, "Granskningsteam på medicinkliniken utbildat."),
            (-250, "pagar", 30, "Kirurg- och ortopedklinikerna har startat."),
            (-160, "pagar", 45, "Vanligaste vårdskadorna: VRI, trycksår och läkemedelsskador."),
            (-70, "pagar", 55, "Sju av tio kliniker granskar nu löpande."),
            (-8, "pagar", 60, "Kvinnokliniken och barnkliniken behöver fler granskare."),
        ],
    },
    {
        "area": "F1",
        "goal": "f1-kartlaggning",
        "title": "Punktprevalensmätning av trycksår och VRI, även i kommunens särskilda boenden",
        "description": (
            "Genomföra mätningen samma vecka på sjukhuset och i Åsby kommuns särskilda boenden "
            "för en gemensam bild av förekomsten."
        ),
        "responsible": _KARIN,
        "orgs": ["hsf", "kommun"],
        "start": -230,
        "due": -120,
        "follow_up": 30,
        "progress": [
            (-220, "pagar", 20, "Gemensamt protokoll och mätvecka bestämda med MAS."),
            (-150, "pagar", 70, "Mätningen genomförd på 18 avdelningar och 6 boenden."),
            (-118, "klar", 100, "Resultaten redovisade i samverkansgruppen och på APT."),
        ],
    },
    {
        "area": "F1",
        "goal": "f1-kartlaggning",
        "title": "Samlad bild av vårdskador i patientsäkerhetsberättelsen",
        "description": (
            "Sammanställa vårdskador från avvikelser, klagomål, lex Maria-anmälningar och MJG "
            "till en gemensam redovisning i PSB."
        ),
        "responsible": _ANNA,
        "orgs": ["region"],
        "start": -150,
        "due": -60,
        "follow_up": None,
        "progress": [
            (-140, "pagar", 20, "Dataunderlag från avvikelsesystem och patientnämnd beställt."),
            (-95, "pagar", 70, "Sammanställning per förvaltning klar."),
            (-68, "klar", 100, "PSB fastställd med ett nytt avsnitt om vårdskador."),
        ],
    },
    {
        "area": "F1",
        "goal": "f1-kartlaggning",
        "title": "Rutin för att systematiskt identifiera vårdskador i kommunal hälso- och sjukvård",
        "description": (
            "Beskriva i ledningssystemet vilka metoder kommunen använder, till exempel "
            "avvikelser, egenkontroll och journalgranskning."
        ),
        "responsible": _LENA,
        "orgs": ["kommun"],
        "start": -60,
        "due": 60,
        "follow_up": None,
        "progress": [
            (
                -40,
                "pagar",
                20,
                "Nuläge kartlagt. Journalgranskning görs i dag bara på två boenden.",
            ),
        ],
    },
    # --- F2 Tillförlitliga och säkra system och processer ------------------------------------
    {
        "area": "F2",
        "goal": "f2-overgangar",
        "title": "Trygg utskrivning: samordnad individuell plan (SIP) inom tre dagar",
        "description": (
            "Region och kommun upprättar SIP inom tre dagar efter utskrivning för patienter med "
            "behov av insatser från båda huvudmännen."
        ),
        "responsible": _MARIA,
        "orgs": ["hsf", "pvf", "kommun"],
        "start": -300,
        "due": -30,
        "follow_up": 30,
        "progress": [
            (-290, "pagar", 10, "Nulägesmätning: 41 % av SIP inom tre dagar."),
            (-200, "pagar", 35, "Gemensam rutin för kallelse till SIP-möte beslutad."),
            (-100, "pagar", 55, "Digitala SIP-möten införda. Andelen har ökat till 58 %."),
            (
                -14,
                "pagar",
                70,
                (
                    "Målet 80 % nås inte i tid: andelen är 64 %. Det nya IT-stödet för "
                    "utskrivningsplanering driftsattes tre månader senare än planerat."
                ),
            ),
        ],
    },
    {
        "area": "F2",
        "goal": "f2-overgangar",
        "title": "Utskrivningsteam på akutmottagningen i samverkan med kommunens hemsjukvård",
        "description": (
            "Äldre patienter som kan gå hem från akutmottagningen får en planerad hemgång med "
            "överrapportering till hemsjukvården samma dag."
        ),
        "responsible": None,
        "orgs": ["hsf", "kommun"],
        "start": -180,
        "due": 28,
        "follow_up": None,
        "progress": [
            (-170, "pagar", 10, "Arbetsgrupp med akutmottagningen och hemsjukvården bildad."),
            (-90, "pagar", 30, "Pilot vardagar dagtid har startat."),
            (
                -25,
                "pagar",
                45,
                (
                    "Piloten fortsätter, men ansvarig enhetschef har slutat och ny ansvarig är "
                    "inte utsedd."
                ),
            ),
        ],
    },
    {
        "area": "F2",
        "goal": "f2-lakemedel",
        "title": "Läkemedelsgenomgångar för alla boende i Åsby kommuns särskilda boenden",
        "description": (
            "Fördjupade läkemedelsgenomgångar med läkare, sjuksköterska och apotekare för boende "
            "75 år och äldre med fem eller fler läkemedel."
        ),
        "responsible": _SOFIA,
        "orgs": ["pvf", "kommun"],
        "start": -330,
        "due": -45,
        "follow_up": 45,
        "progress": [
            (-320, "pagar", 10, "Schema för de tolv boendena klart."),
            (-220, "pagar", 35, "Fyra boenden klara. Mest fynd rör psykofarmaka."),
            (-120, "pagar", 60, "Sju boenden klara."),
            (
                -20,
                "pagar",
                75,
                (
                    "Tre boenden återstår. Försenat på grund av läkarvakanser på två "
                    "vårdcentraler; hyrläkare bokad för resterande genomgångar."
                ),
            ),
        ],
    },
    {
        "area": "F2",
        "goal": "f2-lakemedel",
        "title": "Korrekt läkemedelslista vid utskrivning via Nationella läkemedelslistan",
        "description": (
            "Läkemedelslistan stäms av och uppdateras före utskrivning så att hemsjukvård och "
            "primärvård får rätt ordinationer."
        ),
        "responsible": _SOFIA,
        "orgs": ["hsf"],
        "start": -200,
        "due": 90,
        "follow_up": 120,
        "progress": [
            (-190, "pagar", 15, "Avstämningsrutin beskriven och testad på medicinkliniken."),
            (-80, "pagar", 40, "Egenkontroll: 78 % korrekta listor på pilotavdelningarna."),
        ],
    },
    {
        "area": "F2",
        "goal": "f2-overgangar",
        "title": "SBAR vid kontakt mellan 1177, vårdcentral och kommunens sjuksköterskor",
        "description": (
            "Gemensam SBAR-mall och överenskomna kontaktvägar mellan hemtjänst, kommunens "
            "sjuksköterskor och primärvården."
        ),
        "responsible": _LENA,
        "orgs": ["pvf", "kommun"],
        "start": -10,
        "due": 45,
        "follow_up": None,
        "progress": [],
    },
    # --- F3 Säker vård här och nu ------------------------------------------------------------
    {
        "area": "F3",
        "goal": "f3-risker",
        "title": "NEWS2 för tidig upptäckt av försämring på alla somatiska vårdavdelningar",
        "description": (
            "Bedöma vitalparametrar med NEWS2 och agera enligt gemensam larmkedja vid försämring."
        ),
        "responsible": _KARIN,
        "orgs": ["hsf"],
        "start": -320,
        "due": -100,
        "follow_up": 60,
        "progress": [
            (-310, "pagar", 15, "NEWS2 inlagt i journalsystemet."),
            (-230, "pagar", 50, "Utbildning genomförd på 12 av 18 avdelningar."),
            (-160, "pagar", 85, "Alla avdelningar utbildade. Egenkontroll visar 88 % följsamhet."),
            (-104, "klar", 100, "Infört överallt. Följsamheten mäts kvartalsvis som egenkontroll."),
        ],
    },
    {
        "area": "F3",
        "goal": "f3-risker",
        "title": "Daglig teambaserad riskbedömning vid säkerhetstavlan på vårdavdelningarna",
        "description": (
            "Korta dagliga möten där teamet går igenom risker för dagen, bemanning och patienter "
            "som behöver extra uppmärksamhet."
        ),
        "responsible": _JONAS,
        "orgs": ["hsf"],
        "start": -150,
        "due": 5,
        "follow_up": 60,
        "progress": [
            (-140, "pagar", 15, "Säkerhetstavla och mötesstruktur testade på två avdelningar."),
            (-70, "pagar", 50, "Infört på hela medicinkliniken."),
            (-14, "pagar", 80, "Kirurgkliniken startar. Uppföljning av effekt planerad."),
        ],
    },
    {
        "area": "F3",
        "goal": "f3-risker",
        "title": "Trycksårsprevention i hemsjukvården med riskbedömning och åtgärdsplan",
        "description": (
            "Kommunens sjuksköterskor och primärvården gör gemensam riskbedömning för trycksår "
            "och hemtjänstpersonal utbildas i förebyggande åtgärder."
        ),
        "responsible": _LENA,
        "orgs": ["pvf", "kommun"],
        "start": -200,
        "due": -25,
        "follow_up": 10,
        "progress": [
            (-190, "pagar", 15, "Gemensam rutin för riskbedömning beslutad."),
            (-110, "pagar", 40, "Riskbedömning görs hos 45 % av patienterna i hemsjukvården."),
            (
                -30,
                "pagar",
                60,
                (
                    "Försenat: utbildningen av hemtjänstpersonal har skjutits upp eftersom "
                    "kommunens utbildningssjuksköterska är tjänstledig utan ersättare. "
                    "Riskbedömning hos 60 %."
                ),
            ),
        ],
    },
    {
        "area": "F3",
        "goal": "f3-risker",
        "title": "Strukturerad fallriskbedömning och fallförebyggande åtgärder vid inskrivning",
        "description": (
            "Alla patienter 65 år och äldre fallriskbedöms vid inskrivning, och åtgärder "
            "dokumenteras i vårdplanen."
        ),
        "responsible": _MALIN,
        "orgs": ["hsf"],
        "start": -100,
        "due": 120,
        "follow_up": None,
        "progress": [
            (-80, "pagar", 15, "Bedömningsinstrument och åtgärdslista valda."),
            (-20, "pagar", 30, "Ortopeden och geriatriken har börjat."),
        ],
    },
    {
        "area": "F3",
        "goal": "f3-risker",
        "title": "Månatlig egenkontroll av basala hygienrutiner och klädregler",
        "description": (
            "Alla enheter mäter följsamheten till basala hygienrutiner och klädregler varje "
            "månad och tar upp resultaten på APT."
        ),
        "responsible": _ERIK,
        "orgs": ["hsf", "pvf"],
        "start": -365,
        "due": None,
        "follow_up": 15,
        "progress": [
            (-360, "pagar", 10, "Mätverktyg och instruktion utskickade."),
            (-270, "pagar", 30, "72 % av enheterna rapporterar. Följsamhet 81 %."),
            (-180, "pagar", 55, "Vårdhygien besöker enheter med låg följsamhet."),
            (-90, "pagar", 75, "88 % av enheterna rapporterar. Följsamhet 86 %."),
            (-5, "pagar", 85, "Vårdcentralerna har förbättrat sig mest."),
        ],
    },
    # --- F4 Stärka analys, lärande och utveckling --------------------------------------------
    {
        "area": "F4",
        "goal": "f4-larande",
        "title": "Gemensam avvikelsehantering mellan regionen och Åsby kommun",
        "description": (
            "Rutin för avvikelser som berör båda huvudmännen och kvartalsvis genomgång i det "
            "gemensamma patientsäkerhetsforumet."
        ),
        "responsible": _JOHAN,
        "orgs": ["region", "kommun"],
        "start": -260,
        "due": -100,
        "follow_up": 20,
        "progress": [
            (-250, "pagar", 20, "Flödet för samverkansavvikelser kartlagt med MAS."),
            (-180, "pagar", 60, "Gemensam rutin beslutad. Fast punkt på forumets agenda."),
            (
                -105,
                "klar",
                100,
                "Första kvartalsgenomgången klar: 23 avvikelser, mest utskrivning.",
            ),
        ],
    },
    {
        "area": "F4",
        "goal": "f4-larande",
        "title": "Morbidity & Mortality-ronder på kirurg- och medicinkliniken",
        "description": (
            "Regelbundna M&M-ronder där komplikationer och dödsfall diskuteras utan "
            "skuldbeläggning och lärdomar tas tillvara."
        ),
        "responsible": _PER,
        "orgs": ["hsf"],
        "start": -220,
        "due": 90,
        "follow_up": None,
        "progress": [
            (-210, "pagar", 20, "Format och fall-urval bestämda."),
            (-120, "pagar", 50, "Ronder var sjätte vecka på kirurgkliniken."),
            (-35, "pagar", 65, "Medicinkliniken har hållit sin första rond."),
        ],
    },
    {
        "area": "F4",
        "goal": "f4-larande",
        "title": "Utbildade analysledare och metodstöd för händelseanalyser i varje förvaltning",
        "description": (
            "Varje förvaltning ska ha minst fyra utbildade analysledare med stöd från det "
            "centrala patientsäkerhetsteamet."
        ),
        "responsible": _JOHAN,
        "orgs": ["region", "hsf", "pvf"],
        "start": -180,
        "due": 60,
        "follow_up": None,
        "progress": [
            (-170, "pagar", 20, "Utbildningen uppdaterad med riskanalys och händelseanalys."),
            (-90, "pagar", 50, "HSF har sex analysledare, PVF två."),
            (-10, "pagar", 70, "Ny kurs för PVF startar snart."),
        ],
    },
    {
        "area": "F4",
        "goal": None,
        "title": "AI-stöd för att analysera fritext i avvikelserapporter",
        "description": (
            "Pröva om AI kan hitta mönster och systemfaktorer i avvikelsernas fritext."
        ),
        "responsible": _MIKAEL,
        "orgs": ["region"],
        "start": -240,
        "due": 60,
        "follow_up": None,
        "progress": [
            (-230, "pagar", 10, "Behovsbeskrivning och urval av avvikelser klart."),
            (-150, "pagar", 25, "Dataskyddsbedömning påbörjad."),
            (
                -50,
                "avbruten",
                25,
                (
                    "Avbruten efter juridisk bedömning: personuppgifter i fritexten kan inte "
                    "behandlas i den tjänst som fanns. Tas upp igen när regionens AI-policy "
                    "är beslutad."
                ),
            ),
        ],
    },
    {
        "area": "F4",
        "goal": None,
        "title": "Lärande exempel från avvikelser i nyhetsbrevet om patientsäkerhet",
        "description": (
            "Fyra nyhetsbrev per år med avidentifierade lärande exempel och goda exempel från "
            "verksamheterna."
        ),
        "responsible": None,
        "orgs": ["region"],
        "start": -300,
        "due": None,
        "follow_up": 40,
        "progress": [
            (-280, "pagar", 25, "Första numret: läkemedelsavvikelser vid utskrivning."),
            (-190, "pagar", 50, "Andra numret: trycksår."),
            (-100, "pagar", 75, "Tredje numret: fall."),
        ],
    },
    # --- F5 Öka riskmedvetenhet och beredskap ------------------------------------------------
    {
        "area": "F5",
        "goal": "f5-beredskap",
        "title": "Riskanalys med patientsäkerhetsperspektiv inför byte av journalsystem",
        "description": (
            "Identifiera risker, till exempel för läkemedelsordinationer och remisser, och besluta "
            "om åtgärder innan det nya journalsystemet tas i drift."
        ),
        "responsible": _JOHAN,
        "orgs": ["region", "hsf", "pvf"],
        "start": -120,
        "due": 15,
        "follow_up": 90,
        "progress": [
            (-110, "pagar", 10, "Analysgrupp med representanter från alla förvaltningar bildad."),
            (-60, "pagar", 40, "34 risker identifierade. Sju bedöms som höga."),
            (-12, "pagar", 70, "Åtgärder för de höga riskerna föreslagna till ledningen."),
        ],
    },
    {
        "area": "F5",
        "goal": "f5-beredskap",
        "title": "Dokumentera ansvarsfördelningen för riskanalyser i ledningssystemet",
        "description": (
            "Beskriva vem som genomför riskanalyser, beslutar om riskreducerande åtgärder och "
            "utvärderar dem, även när riskerna berör båda huvudmännen."
        ),
        "responsible": _LENA,
        "orgs": ["region", "kommun"],
        "start": 14,
        "due": 100,
        "follow_up": None,
        "progress": [],
    },
    {
        "area": "F5",
        "goal": "f5-beredskap",
        "title": "Öva kontinuitetsplanen vid IT-avbrott på akutmottagningen",
        "description": (
            "En övning där akutmottagningen arbetar med reservrutiner vid IT-avbrott, följd av "
            "utvärdering och uppdaterade rutiner."
        ),
        "responsible": _PETER,
        "orgs": ["hsf"],
        "start": -200,
        "due": -15,
        "follow_up": 60,
        "progress": [
            (-190, "pagar", 15, "Scenario och observatörer klara."),
            (-100, "pagar", 40, "Reservrutiner uppdaterade inför övningen."),
            (
                -40,
                "pagar",
                50,
                (
                    "Övningen har flyttats två gånger eftersom akutmottagningen haft mycket hög "
                    "belastning. Nytt datum sätts i samråd med verksamhetschefen."
                ),
            ),
        ],
    },
    {
        "area": "F5",
        "goal": None,
        "title": "Kartlägga risker vid värmebölja och långvarigt strömavbrott i hemsjukvården",
        "description": (
            "Identifiera patienter i hemsjukvården som är beroende av el eller känsliga för "
            "värme, och ta fram gemensamma åtgärder."
        ),
        "responsible": None,
        "orgs": ["pvf", "kommun"],
        "start": -5,
        "due": 150,
        "follow_up": None,
        "progress": [],
    },
]

AUTHORS = ["Anna Lindqvist", "Karin Holmberg", "Johan Ek", "Maria Sandberg", "Lena Björk"]
