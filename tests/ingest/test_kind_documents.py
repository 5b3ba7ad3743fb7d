"""Kind and publication year of whole short documents written for these tests.

Sixteen invented documents, French and English, of every kind, as a researcher's corpus
holds them (a press release, a blog post, an interview, an abstract, an association's
page, a report's first pages, a glossary, an encyclopedia entry). None of them is used to
fit the kind weights (``benchmarks/train_kinds.py``): they check that the model works on
texts it never saw. Each states its year the way such documents do, or states none.
"""

from __future__ import annotations

import pytest

from helpers import read_kind_and_year

DOCUMENTS: dict[str, tuple[str, str, int | None]] = {
    "press_release_fr": (
        "news",
        "COMMUNIQUÉ DE PRESSE\n\nRennes, le 12 septembre 2016\n\n"
        "Le réseau breton des PTCE accueille quatre nouveaux pôles\n\n"
        "Réunis hier à Rennes, les membres du réseau ont voté l'entrée de quatre pôles "
        "territoriaux de coopération économique situés dans le Finistère et les Côtes-d'Armor. "
        "« Ces pôles montrent que la coopération entre associations, entreprises et communes "
        "crée des emplois là où on ne les attendait plus », a déclaré la présidente du réseau.\n\n"
        "Le réseau compte désormais dix-neuf pôles. Une rencontre régionale aura lieu le "
        "3 décembre 2016 à Brest.\n\nContact presse : service communication du réseau.",
        2016,
    ),
    "press_release_en": (
        "news",
        "PRESS RELEASE\n\nBrussels, 14 March 2019\n\n"
        "Twelve cluster organisations receive the gold label\n\n"
        "The European Secretariat for Cluster Analysis announced today that twelve cluster "
        "organisations from seven countries have been awarded the gold label for cluster "
        "management excellence. The awards were presented at a ceremony attended by two hundred "
        'cluster managers.\n\n"The label rewards years of patient work with small firms," '
        "said the secretariat's director.\n\nNotes to editors: the next assessment round "
        "opens on 1 June 2019.",
        2019,
    ),
    "blog_post_fr": (
        "news",
        "Un an après, le tiers-lieu de la gare tient ses promesses\n\n"
        "Publié le 4 février 2022 par Camille Roux\n\n"
        "Il y a un an, l'ancienne halle de la gare rouvrait ses portes. Depuis, l'espace de "
        "coworking a accueilli une quarantaine d'indépendants, l'atelier de réparation a "
        "remis en état plus de six cents objets et la cantine a servi ses premiers repas "
        "préparés avec les producteurs du canton.\n\n"
        "Les élus ont annoncé mardi que la commune financerait une seconde tranche de "
        "travaux.\n\nPartager cet article",
        2022,
    ),
    "news_en_no_date": (
        "news",
        "Regional hub opens its doors to rural start-ups\n\n"
        "The new innovation hub in the valley welcomed its first twenty start-ups on Monday. "
        "Local officials said the hub would help young firms find investors without moving "
        "to the capital, and the regional council announced a second call for projects.\n\n"
        "According to the hub's manager, more than sixty applications were received in the "
        "first month.",
        None,
    ),
    "interview_fr": (
        "interview",
        "« La coopération se construit dans la durée »\n\n"
        "Entretien avec Martine Leroy, coordinatrice d'un pôle territorial de coopération "
        "économique. Propos recueillis par Hugo Bernard.\n\n"
        "Comment votre pôle est-il né ?\n\n"
        "Tout est parti d'une association d'insertion qui cherchait des débouchés. Nous avons "
        "réuni une ressourcerie, deux entreprises du bâtiment et la communauté de communes.\n\n"
        "Qu'est-ce qui a été le plus difficile ?\n\n"
        "Apprendre à décider ensemble. Les entreprises voulaient aller vite, les associations "
        "voulaient consulter leurs bénévoles.\n\n"
        "Et aujourd'hui, quels sont vos projets ?\n\n"
        "Nous ouvrons une conserverie solidaire l'an prochain.",
        None,
    ),
    "interview_en": (
        "interview",
        "Five questions for a cluster manager\n\n"
        "Posted on 8 May 2014\n\n"
        "Q: What does a cluster manager actually do?\n\n"
        "A: Most of my week is spent putting people in touch: a small firm with a lab, a lab "
        "with an investor, two competitors with a shared problem.\n\n"
        "Q: How do you measure success?\n\n"
        "A: We count joint projects, but the real sign is when members call each other "
        "without us.\n\n"
        "Q: What would you change in regional cluster policy?\n\n"
        "A: Longer funding periods. Three years is too short to build trust.",
        2014,
    ),
    "abstract_fr": (
        "abstract",
        "Les pôles de compétitivité face à la crise : une analyse des réseaux de projets\n\n"
        "Claire Dumas et Paul Marchand\n\n"
        "Résumé\n\n"
        "Cet article étudie l'évolution des réseaux de projets collaboratifs de trois pôles "
        "de compétitivité entre 2006 et 2012. À partir d'une base de 412 projets, nous "
        "montrons que les pôles les plus centralisés ont mieux résisté à la baisse des "
        "financements publics.\n\n"
        "Mots-clés : pôles de compétitivité, réseaux, projets collaboratifs, politique "
        "industrielle\n\n"
        "Revue d'économie des territoires, n° 48, 2015",
        2015,
    ),
    "abstract_en": (
        "abstract",
        "Third places and rural resilience: evidence from three French departments\n\n"
        "Abstract\n\n"
        "This paper examines how third places contribute to the resilience of rural areas. "
        "Drawing on forty interviews and a survey of 120 users, we argue that third places "
        "act as brokers between local authorities and informal networks. We find that their "
        "effect depends on the presence of a paid facilitator.\n\n"
        "Keywords: third places; rural development; social capital\n\n"
        "Journal of Rural Studies, vol. 92, 2021",
        2021,
    ),
    "session_en": (
        "abstract",
        "Session 4B: Social economy clusters in Europe\n\n"
        "Chair: Dr Anna Novak, University of Ljubljana\n\n"
        "This session gathers papers on social economy clusters and their relations with "
        "regional innovation policy. Contributions compare cases from Spain, Italy and "
        "France and discuss how cooperative networks scale up.",
        None,
    ),
    "institutional_fr": (
        "institutional",
        "Qui sommes-nous ?\n\n"
        "L'Union régionale des tiers-lieux est une association créée par les lieux eux-mêmes. "
        "Notre mission est d'accompagner les porteurs de projets, de faire connaître les "
        "tiers-lieux auprès des collectivités et de mutualiser les ressources entre nos "
        "membres.\n\n"
        "Nos missions\n\n"
        "Nous animons un réseau de 80 lieux, nous proposons des formations et nous "
        "représentons les tiers-lieux auprès de la Région.\n\n"
        "Adhérer\n\nContact",
        None,
    ),
    "institutional_en": (
        "institutional",
        "About the network\n\n"
        "The Northern Cluster Alliance brings together 35 cluster organisations from five "
        "countries. We help our members share good practice, find partners for European "
        "projects and train their staff.\n\n"
        "Our members\n\n"
        "Membership is open to any cluster organisation with at least ten member firms.\n\n"
        "Governance\n\n"
        "The alliance is run by a board elected every two years.\n\n"
        "© 2024 Northern Cluster Alliance",
        2024,
    ),
    "report_fr": (
        "report",
        "Les tiers-lieux en Auvergne : état des lieux et perspectives\n\n"
        "Rapport d'étude — juin 2018\n\n"
        "Sommaire\n\n"
        "1. Introduction\n\n2. Méthodologie de l'enquête\n\n3. Les lieux et leurs publics\n\n"
        "4. Recommandations\n\n"
        "1. Introduction\n\n"
        "Cette étude présente les résultats d'une enquête menée auprès de 64 tiers-lieux de "
        "la région. Elle décrit leurs activités, leurs modèles économiques et leurs liens "
        "avec les collectivités.",
        2018,
    ),
    "report_en": (
        "report",
        "Cluster policy in the Nordic countries: a comparative review\n\n"
        "Executive summary\n\n"
        "This report compares the cluster programmes of four Nordic countries over the last "
        "decade. It finds that long-term funding and independent evaluation are the two "
        "conditions shared by the most successful programmes.\n\n"
        "Key findings\n\n"
        "Programmes with funding periods above five years showed stronger cooperation "
        "between firms and universities.\n\n"
        "Recommendations\n\n"
        "Governments should fund cluster organisations for at least five years.\n\n"
        "© Nordic Council of Ministers 2012",
        2012,
    ),
    "glossary_fr": (
        "other",
        "Glossaire de l'économie sociale et solidaire\n\n"
        "Coopérative : entreprise détenue par ses membres, qui décident selon le principe "
        "une personne, une voix.\n\n"
        "Mutuelle : organisme à but non lucratif qui mutualise des risques entre ses "
        "adhérents.\n\n"
        "SCIC : société coopérative d'intérêt collectif, qui associe salariés, usagers et "
        "collectivités.\n\n"
        "Utilité sociale : finalité d'une activité qui répond à un besoin collectif non "
        "satisfait par le marché.",
        None,
    ),
    "encyclopedia_en": (
        "other",
        "Innovation hub\n\n"
        "An innovation hub is a place or an organisation that brings together start-ups, "
        "firms, researchers and investors to foster new products and services.[1] The term "
        "has been used since the early 2000s.[2]\n\n"
        "See also: Business incubator; Science park; Cluster (economics)",
        None,
    ),
    "directory_fr": (
        "other",
        "Annuaire des pôles de compétitivité\n\n"
        "Ciel Sud : aéronautique, espace et systèmes embarqués, Toulouse et Bordeaux.\n\n"
        "Alpes Numérique : technologies numériques, Grenoble.\n\n"
        "Saveurs Est : goût, nutrition et santé, Dijon.\n\n"
        "Océan Ouest : économie maritime, Brest.",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_kind_of_a_written_document(name):
    kind, text, _ = DOCUMENTS[name]
    found, source, _ = read_kind_and_year(text)
    assert found == kind, (name, source)
    sources = ("text:no_evidence", "text:other:") if kind == "other" else (f"text:{kind}:",)
    assert source.startswith(sources)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_year_of_a_written_document(name):
    _, text, year = DOCUMENTS[name]
    assert read_kind_and_year(text)[2] == year
