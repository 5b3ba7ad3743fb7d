"""Word lists and sentence templates for ``synthetic_corpus.py`` (invented names, real places).

Concept terms and organisations are not here: they are read from ``corpus/lexicon.yaml`` and
``corpus/actors.yaml`` at run time. Templates use ``str.format`` slots filled per sentence:
``{c}``/``{c2}`` a concept term, ``{a}``/``{a2}`` an organisation, ``{p}`` a person,
``{role}`` a person's role, ``{city}``/``{city2}``, ``{region}``, ``{in_region}`` ("en
Bretagne", "in Brittany"), ``{filiere}`` an industry, ``{year}``/``{year2}`` (year2 later),
``{decade}``, ``{n}`` a count, ``{pct}`` a percentage.
"""

from __future__ import annotations

# --- people (first names carry a gender for French role agreement) -------------------------
FR_FIRST = [
    ("Claire", "f"), ("Julien", "m"), ("Sophie", "f"), ("Nicolas", "m"), ("Camille", "f"),
    ("Thomas", "m"), ("Émilie", "f"), ("Mathieu", "m"), ("Aurélie", "f"), ("Guillaume", "m"),
    ("Hélène", "f"), ("François", "m"), ("Isabelle", "f"), ("Olivier", "m"), ("Céline", "f"),
    ("Benoît", "m"), ("Nathalie", "f"), ("Antoine", "m"), ("Élodie", "f"), ("Laurent", "m"),
    ("Margaux", "f"), ("Romain", "m"), ("Anne", "f"), ("Pierre", "m"), ("Marion", "f"),
    ("Vincent", "m"), ("Sandrine", "f"), ("Yann", "m"), ("Gaëlle", "f"), ("Arnaud", "m"),
    ("Solène", "f"), ("Erwan", "m"), ("Maëlle", "f"), ("Jérôme", "m"), ("Agnès", "f"),
]  # fmt: skip
FR_LAST = [
    "Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Girard", "Fournier", "Lambert",
    "Rousseau", "Garnier", "Faure", "Mercier", "Blanchard", "Chevalier", "Perrin", "Morel",
    "Gauthier", "Roussel", "Lemoine", "Carpentier", "Le Gall", "Kerjean", "Delmas",
    "Barthélémy", "Vasseur", "Marchand", "Aubry", "Charpentier", "Tessier", "Collin",
    "Le Bihan", "Duval", "Pasquier", "Rigaud", "Vidal", "Castagné", "Lacombe", "Berthelot",
]  # fmt: skip
EN_FIRST = [
    ("Sarah", "f"), ("James", "m"), ("Emily", "f"), ("Michael", "m"), ("Laura", "f"),
    ("David", "m"), ("Hannah", "f"), ("Robert", "m"), ("Rachel", "f"), ("Daniel", "m"),
    ("Alice", "f"), ("Thomas", "m"), ("Olivia", "f"), ("Peter", "m"), ("Fiona", "f"),
    ("Andrew", "m"), ("Helen", "f"), ("Mark", "m"), ("Kate", "f"), ("Stephen", "m"),
    ("Giulia", "f"), ("Marco", "m"), ("Ainhoa", "f"), ("Jordi", "m"), ("Katarzyna", "f"),
    ("Pieter", "m"), ("Ingrid", "f"), ("Lars", "m"), ("Anna", "f"), ("João", "m"),
]  # fmt: skip
EN_LAST = [
    "Whitfield", "Harrison", "Clarke", "Bennett", "Morrison", "Hughes", "Fletcher", "Palmer",
    "Gallagher", "Reid", "Campbell", "Murray", "Thornton", "Ellis", "Barker", "Walsh", "Doyle",
    "Sutherland", "Ashworth", "Pennington", "Rossi", "Bianchi", "Puig", "Etxeberria",
    "Janssens", "Nowak", "Nielsen", "Virtanen", "Ferreira", "Bauer", "Vandenberghe", "Lindqvist",
]  # fmt: skip

# Roles: (masculine, feminine) in French; one form in English. "{a}" is an organisation.
FR_ROLES = [
    ("directeur de {a}", "directrice de {a}"),
    ("chargé de mission à {a}", "chargée de mission à {a}"),
    ("chercheur à l'université de {city}", "chercheuse à l'université de {city}"),
    ("président de {a}", "présidente de {a}"),
    ("animateur du réseau à {city}", "animatrice du réseau à {city}"),
    ("élu régional {in_region}", "élue régionale {in_region}"),
    ("économiste à {a}", "économiste à {a}"),
    ("coordinateur du projet à {city}", "coordinatrice du projet à {city}"),
    ("maître de conférences à l'université de {city}", "maîtresse de conférences à l'université de {city}"),
]  # fmt: skip
EN_ROLES = [
    "director of {a}", "policy officer at {a}", "researcher at the University of {city}",
    "cluster manager in {city}", "coordinator at {a}", "regional councillor in {region}",
    "senior economist at {a}", "chair of {a}", "lecturer at the University of {city}",
]  # fmt: skip

# --- places ------------------------------------------------------------------------------------
# (name, "in" form) per language, same order so a document's region reads the same in both.
FR_REGIONS = [
    ("Bretagne", "en Bretagne"), ("Normandie", "en Normandie"), ("Occitanie", "en Occitanie"),
    ("Nouvelle-Aquitaine", "en Nouvelle-Aquitaine"),
    ("Auvergne-Rhône-Alpes", "en Auvergne-Rhône-Alpes"),
    ("Hauts-de-France", "dans les Hauts-de-France"), ("Grand Est", "dans le Grand Est"),
    ("Pays de la Loire", "dans les Pays de la Loire"), ("Île-de-France", "en Île-de-France"),
    ("Bourgogne-Franche-Comté", "en Bourgogne-Franche-Comté"),
    ("Centre-Val de Loire", "en Centre-Val de Loire"),
    ("Provence-Alpes-Côte d'Azur", "en Provence-Alpes-Côte d'Azur"), ("Corse", "en Corse"),
    ("Catalogne", "en Catalogne"), ("Wallonie", "en Wallonie"), ("Lombardie", "en Lombardie"),
    ("Pays basque", "au Pays basque"), ("Flandre", "en Flandre"), ("Écosse", "en Écosse"),
    ("Bavière", "en Bavière"), ("Émilie-Romagne", "en Émilie-Romagne"),
]  # fmt: skip
EN_REGIONS = [
    "Brittany", "Normandy", "Occitania", "Nouvelle-Aquitaine", "Auvergne-Rhône-Alpes",
    "Hauts-de-France", "the Grand Est", "the Pays de la Loire", "Île-de-France",
    "Bourgogne-Franche-Comté", "Centre-Val de Loire", "Provence-Alpes-Côte d'Azur", "Corsica",
    "Catalonia", "Wallonia", "Lombardy", "the Basque Country", "Flanders", "Scotland",
    "Bavaria", "Emilia-Romagna",
]  # fmt: skip
# (French name, English name)
CITIES = [
    ("Lyon", "Lyon"), ("Grenoble", "Grenoble"), ("Nantes", "Nantes"), ("Rennes", "Rennes"),
    ("Lille", "Lille"), ("Toulouse", "Toulouse"), ("Bordeaux", "Bordeaux"),
    ("Montpellier", "Montpellier"), ("Strasbourg", "Strasbourg"), ("Marseille", "Marseille"),
    ("Clermont-Ferrand", "Clermont-Ferrand"), ("Dijon", "Dijon"), ("Besançon", "Besançon"),
    ("Brest", "Brest"), ("Angers", "Angers"), ("Tours", "Tours"), ("Poitiers", "Poitiers"),
    ("Limoges", "Limoges"), ("Saint-Étienne", "Saint-Étienne"), ("Nancy", "Nancy"),
    ("Metz", "Metz"), ("Rouen", "Rouen"), ("Caen", "Caen"), ("Amiens", "Amiens"),
    ("Annecy", "Annecy"), ("Lorient", "Lorient"), ("Valence", "Valence"),
    ("Barcelone", "Barcelona"), ("Bilbao", "Bilbao"), ("Turin", "Turin"), ("Milan", "Milan"),
    ("Bologne", "Bologna"), ("Manchester", "Manchester"), ("Glasgow", "Glasgow"),
    ("Rotterdam", "Rotterdam"), ("Eindhoven", "Eindhoven"), ("Munich", "Munich"),
    ("Stuttgart", "Stuttgart"), ("Gand", "Ghent"), ("Liège", "Liège"),
    ("Copenhague", "Copenhagen"), ("Tampere", "Tampere"), ("Porto", "Porto"),
    ("Lisbonne", "Lisbon"), ("Cracovie", "Kraków"), ("Vienne", "Vienna"), ("Leeds", "Leeds"),
]  # fmt: skip
FR_FILIERES = [
    "bois", "agroalimentaire", "numérique", "aéronautique", "textile", "santé", "mécanique",
    "nautique", "cosmétique", "logistique", "énergie", "économie circulaire", "mobilité",
]  # fmt: skip
EN_FILIERES = [
    "timber", "food", "digital", "aerospace", "textile", "health", "mechanical engineering",
    "marine", "cosmetics", "logistics", "energy", "circular economy", "mobility",
]  # fmt: skip

FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

# --- sentences -----------------------------------------------------------------------------------
FR_BODY = [
    "Depuis {year}, {a} accompagne les démarches de {c} {in_region}.",
    "Le rapport publié par {a} en {year} souligne que la notion de {c} reste étroitement liée à celle de {c2}.",
    "À {city}, {n} entreprises de la filière {filiere} se sont regroupées autour d'un projet de {c}.",
    "Selon {p}, {role}, « la question de {c} ne se pose plus dans les mêmes termes qu'en {year} ».",
    "Les acteurs rencontrés insistent sur l'importance de {c} pour l'avenir de la filière {filiere}.",
    "Cette évolution s'inscrit dans un mouvement plus large de {c} observé {in_region} comme à {city}.",
    "En {year}, près de {pct} % des structures interrogées déclaraient participer à une démarche de {c}.",
    "La gouvernance du dispositif associe {a}, {a2} et plusieurs collectivités {in_region}.",
    "Les travaux de {p} montrent que {c} et {c2} ne relèvent pas des mêmes logiques d'action.",
    "Le passage d'une logique de {c} à une logique de {c2} constitue un tournant pour les acteurs locaux.",
    "{a} a lancé en {year} un appel à projets consacré aux initiatives de {c}, doté de {n} millions d'euros.",
    "Plusieurs responsables soulignent les limites du modèle de {c} lorsqu'il s'agit de financer l'innovation sociale.",
    "Dans le cas de {city}, la dynamique de {c} repose d'abord sur des relations de proximité entre dirigeants.",
    "L'évaluation menée par {a} en {year} conclut à un bilan contrasté des politiques de {c}.",
    "On observe ainsi une hybridation entre les registres de {c} et de {c2}.",
    "Le terme de {c} apparaît dans les documents de {a} à partir de {year}.",
    "Pour {p}, {role}, il s'agit avant tout de « faire travailler ensemble des acteurs qui s'ignoraient ».",
    "Le budget consacré aux actions de {c} a progressé de {pct} % entre {year} et {year2}.",
    "Les entretiens réalisés {in_region} confirment le rôle central de {a} dans l'animation du réseau.",
    "La plupart des projets de {c} étudiés associent des entreprises, des associations et des collectivités territoriales.",
    "{a} et {a2} ont signé en {year} une convention de partenariat portant sur le développement de {c}.",
    "Ce constat rejoint les analyses de {p} sur la place de {c} dans les politiques régionales.",
    "À partir de {year2}, la politique de {c} se recentre sur un nombre plus restreint de territoires.",
    "La mutualisation des ressources entre membres reste l'un des principaux apports de la démarche de {c}.",
    "Les collectivités {in_region} financent une part croissante des actions de {c} et de {c2}.",
    "Au total, {n} emplois auraient été créés ou maintenus grâce aux projets de {c} soutenus par {a}.",
    "La comparaison entre {city} et {city2} met en évidence des trajectoires de {c} très différentes.",
    "Les premiers résultats de l'enquête menée auprès de {n} structures {in_region} ont été présentés en {year2}.",
    "Ce rapprochement entre {c} et {c2} suscite toutefois des réserves chez certains acteurs de l'économie sociale et solidaire.",
    "La coopération entre {a} et les acteurs de {city} s'est renforcée après {year}.",
    "La référence à {c} sert souvent à légitimer des projets très hétérogènes.",
    "{p} rappelle que la première vague de projets de {c} remonte au début des années {decade}.",
    "La transition écologique oblige les membres du réseau à repenser leurs modèles de {c}.",
    "Les animateurs de {c} consacrent une part importante de leur temps à la recherche de financements.",
    "Un comité de pilotage réunissant {a} et {a2} se tient deux fois par an à {city}.",
    "Les données rassemblées par {a} portent sur {n} territoires et couvrent la période {year}-{year2}.",
    "Il serait réducteur de voir dans {c} un simple label attribué par l'État.",
    "Le cas de la filière {filiere} {in_region} illustre bien cette tension entre {c} et {c2}.",
]
FR_FIRST_PERSON = [
    "Nous avons commencé en {year} avec une dizaine de membres, nous sommes aujourd'hui {n}.",
    "Au départ, personne ne parlait de {c} ici, on parlait plutôt de {c2}.",
    "Aujourd'hui, nous travaillons beaucoup avec {a}, notamment sur les questions de {c}.",
    "Je pense que {c} est devenu un mot-valise, chacun y met ce qu'il veut.",
    "Pour nous, la priorité reste l'emploi local et l'ancrage dans le territoire.",
    "Honnêtement, les financements de {a} ont été décisifs au moment du lancement.",
    "On a beaucoup appris des expériences menées à {city} et {in_region}.",
    "Le plus difficile, c'est de tenir dans la durée quand les appels à projets s'arrêtent.",
    "Nous avons fait le choix de rester une petite équipe, trois salariés et des bénévoles.",
    "Avec {a2}, nous avons monté un groupe de travail sur {c} en {year2}.",
]
FR_QUESTIONS = [
    "Comment est né le projet de {c} {in_region} ?",
    "Quel rôle joue {a} dans votre démarche ?",
    "Pourquoi parler de {c} plutôt que de {c2} ?",
    "Quelles relations entretenez-vous avec les collectivités territoriales ?",
    "Comment financez-vous vos actions depuis {year} ?",
    "Qu'est-ce qui a changé depuis la création du réseau en {year} ?",
    "Quels sont les principaux obstacles que vous rencontrez ?",
    "Comment voyez-vous l'avenir de {c} à {city} ?",
    "Travaillez-vous avec d'autres réseaux en Europe ?",
    "Que retenez-vous de l'évaluation conduite par {a} ?",
]
FR_ACRONYM = [
    "La notion de {long} ({acr}) apparaît en {year} dans les documents de {a}.",
    "Les acteurs parlent désormais de {acr}, pour {long}.",
    "{long_cap} ({acr}) : tel est l'intitulé retenu par {a} en {year}.",
]
FR_ACTOR_ACRONYM = [
    "{long} ({acr}) a publié en {year} une étude consacrée aux démarches de {c}.",
    "Selon {long} ({acr}), les projets de {c} se sont multipliés depuis {year}.",
    "Des représentants de {long} ({acr}) ont participé au comité de pilotage réuni à {city}.",
]
FR_CONNECTORS = [
    "Par ailleurs, ", "En outre, ", "Dans ce contexte, ", "De plus, ", "Ainsi, ", "Toutefois, ",
    "En revanche, ", "Plus largement, ", "À l'inverse, ", "Dès lors, ", "Concrètement, ",
]  # fmt: skip
FR_HEADINGS = [
    "Introduction", "Contexte et objectifs", "Méthodologie", "Principaux résultats",
    "Gouvernance et financement", "Le cas de {city}", "De {c} à {c2} ?", "Recommandations",
    "Discussion", "Perspectives", "Conclusion",
]  # fmt: skip
FR_TITLES = [
    "{C} et {c2} {in_region} : bilan et perspectives",
    "Retour d'expérience : {c} et {c2} à {city}",
    "Évaluation des politiques de {c} ({year}-{year2})",
    "Enquête sur {c} dans la filière {filiere}",
    "{C}, {c2} et développement territorial : le cas de {city}",
    "Note de synthèse : {c} {in_region}",
    "De {c} à {c2} ? Recompositions territoriales {in_region}",
]
FR_INTERVIEW_TITLES = [
    "Entretien avec {p}, {role}",
    "« On parlait de {c}, on parle aujourd'hui de {c2} » : entretien avec {p}",
    "Entretien : {c} et coopération à {city}",
]
FR_SOURCES = {
    "report": ["Rapport d'étude", "Observatoire régional de l'ESS", "Rapport d'évaluation"],
    "article": ["Revue d'économie régionale et urbaine", "Géographie, économie, société", "RECMA",
                "Lettre d'information du réseau"],
    "interview": ["Fonds d'entretiens du projet de recherche", "Territoires en commun (web)"],
    "abstract": ["Actes du colloque de l'ASRDLF", "Résumés des Rencontres du RIUESS"],
}  # fmt: skip

EN_BODY = [
    "Since {year}, {a} has supported {c} initiatives in {region}.",
    "The report published by {a} in {year} stresses that the notion of {c} remains closely tied to {c2}.",
    "In {city}, {n} firms from the {filiere} sector joined forces around a {c} project.",
    'According to {p}, {role}, "the question of {c} is no longer framed as it was in {year}".',
    "Interviewees insist on the importance of {c} for the future of the {filiere} sector.",
    "This shift is part of a wider move towards {c} observed in {region} as well as in {city}.",
    "In {year}, nearly {pct}% of the organisations surveyed reported taking part in a {c} scheme.",
    "The governance of the scheme brings together {a}, {a2} and several local authorities in {region}.",
    "The work of {p} shows that {c} and {c2} follow different logics of action.",
    "The move from a logic of {c} to a logic of {c2} marks a turning point for local actors.",
    "In {year}, {a} launched a call for projects on {c}, with a budget of {n} million euros.",
    "Several managers point to the limits of the {c} model when it comes to funding social innovation.",
    "In the case of {city}, the {c} dynamic rests first on close ties between managers.",
    "The evaluation carried out by {a} in {year} draws a mixed picture of {c} policies.",
    "We thus observe a blending of the registers of {c} and {c2}.",
    "The term {c} appears in the documents of {a} from {year} onwards.",
    'For {p}, {role}, the aim is above all "to make people who ignored each other work together".',
    "Spending on {c} rose by {pct}% between {year} and {year2}.",
    "Interviews conducted in {region} confirm the central role of {a} in running the network.",
    "Most of the {c} projects studied involve firms, associations and local authorities.",
    "{a} and {a2} signed a partnership agreement on the development of {c} in {year}.",
    "This finding echoes the analyses of {p} on the place of {c} in regional policy.",
    "From {year2} onwards, {c} policy focused on a smaller number of territories.",
    "Pooling resources among members remains one of the main benefits of {c}.",
    "Local authorities in {region} fund a growing share of {c} and {c2} activities.",
    "In total, {n} jobs are said to have been created or preserved by the {c} projects funded by {a}.",
    "Comparing {city} and {city2} reveals very different {c} trajectories.",
    "The first results of the survey of {n} organisations in {region} were presented in {year2}.",
    "This rapprochement between {c} and {c2} nevertheless raises doubts among some actors of the social economy.",
    "Cooperation between {a} and the actors of {city} grew stronger after {year}.",
    "References to {c} are often used to legitimise very different projects.",
    "{p} recalls that the first wave of {c} projects dates back to the early {decade}s.",
    "The ecological transition forces network members to rethink their {c} models.",
    "Those who run {c} programmes spend much of their time looking for funding.",
    "A steering committee bringing together {a} and {a2} meets twice a year in {city}.",
    "The data gathered by {a} cover {n} territories over the period {year}-{year2}.",
    "It would be simplistic to see {c} as a mere label granted by the State.",
    "The {filiere} sector in {region} illustrates this tension between {c} and {c2} well.",
]
EN_FIRST_PERSON = [
    "We started in {year} with about ten members; today there are {n} of us.",
    "At first nobody here talked about {c}; people talked about {c2}.",
    "Today we work a lot with {a}, especially on {c}.",
    "I think {c} has become a buzzword that everyone fills with their own meaning.",
    "For us, the priority remains local jobs and roots in the territory.",
    "Honestly, the funding from {a} was decisive when we launched.",
    "We learned a lot from what was done in {city} and in {region}.",
    "The hardest part is lasting once the calls for projects stop.",
    "We chose to remain a small team, three employees and volunteers.",
    "With {a2}, we set up a working group on {c} in {year2}.",
]
EN_QUESTIONS = [
    "How did the {c} project in {region} start?",
    "What role does {a} play in your work?",
    "Why talk about {c} rather than {c2}?",
    "What are your relations with local authorities?",
    "How have you funded your activities since {year}?",
    "What has changed since the network was created in {year}?",
    "What are the main obstacles you face?",
    "How do you see the future of {c} in {city}?",
    "Do you work with other networks in Europe?",
    "What do you take away from the evaluation led by {a}?",
]
EN_ACRONYM = [
    "The term {long} ({acr}) first appears in the documents of {a} in {year}.",
    "Actors now speak of the {acr}, for {long}.",
    "{long_cap} ({acr}) is the label adopted by {a} in {year}.",
]
EN_ACTOR_ACRONYM = [
    "The {long} ({acr}) published a study on {c} in {year}.",
    "According to the {long} ({acr}), {c} projects have multiplied since {year}.",
    "Representatives of the {long} ({acr}) sat on the steering committee that met in {city}.",
]
EN_CONNECTORS = [
    "Moreover, ", "In this context, ", "In addition, ", "Thus, ", "However, ", "By contrast, ",
    "More broadly, ", "Conversely, ", "As a result, ", "In practice, ",
]  # fmt: skip
EN_HEADINGS = [
    "Introduction", "Background and aims", "Methods", "Main findings", "Governance and funding",
    "The case of {city}", "From {c} to {c2}?", "Recommendations", "Discussion", "Outlook",
    "Conclusion",
]  # fmt: skip
EN_TITLES = [
    "{C} and {c2} in {region}: assessment and prospects",
    "From {c} to {c2}? Evidence from {city}",
    "Evaluating {c} policies in {region} ({year}-{year2})",
    "Mapping {c} in the {filiere} sector",
    "{C}, {c2} and territorial development: the case of {city}",
    "Policy brief: {c} in {region}",
]
EN_INTERVIEW_TITLES = [
    "Interview with {p}, {role}",
    '"We used to say {c}, now we say {c2}": an interview with {p}',
    "Interview: {c} and cooperation in {city}",
]
EN_SOURCES = {
    "report": ["Regional policy evaluation report", "OECD working paper series",
               "European Cluster Observatory report"],
    "article": ["Regional Studies", "European Planning Studies",
                "Annals of Public and Cooperative Economics", "Network newsletter"],
    "interview": ["Research project interview archive", "Social economy podcast transcripts"],
    "abstract": ["RSA Annual Conference abstracts", "EMES Conference proceedings"],
}  # fmt: skip

JOURNALS = [
    "Revue d'économie régionale et urbaine", "Géographie, économie, société",
    "Revue d'économie industrielle", "RECMA", "Regional Studies", "European Planning Studies",
    "Journal of Economic Geography", "Annals of Public and Cooperative Economics",
    "Entrepreneurship & Regional Development", "European Urban and Regional Studies",
]  # fmt: skip
