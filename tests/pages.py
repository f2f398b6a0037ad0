"""Every page a person can reach, as paths with the ids of a seeded world filled in by
``str.format``: the axe check, the form-control check and the post/redirect/get check visit
them all."""

PAGES = [
    "/",
    "/organisationer/{org}",
    "/organisationer/{org}/redigera",
    "/organisationer/ny",
    "/organisationer/{org}/medlemmar",
    "/organisationer/{org}/planer/ny",
    "/planer/{plan}",
    "/planer/{plan}/historik",
    "/planer/{plan}/historik?andring=update&page=1",
    "/planer/{plan}/redigera",
    "/planer/{plan}/omraden/G2",
    "/planer/{plan}/omraden/G2/redigera",
    "/planer/{plan}/mal/ny",
    "/mal/{goal}/redigera",
    "/planer/{plan}/aktiviteter/ny",
    "/planer/{plan}/importera",
    "/aktiviteter/{activity}",
    "/aktiviteter/{activity}/redigera",
    "/organisationer/{org}/arshjul?ringar=omrade&aktiviteter=1",
    "/arshjul/{event}/redigera",
    "/organisationer/{org}/prenumerera",
    "/anvandare",
    "/anvandare/ny",
    "/konto/losenord",
    "/planer/{plan}/rapport",
    "/organisationer/{org}/sammanstallning",
    "/sakerhetskopia/aterstall",
    "/planer/999999",
]
