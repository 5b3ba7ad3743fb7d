"""Kind and year of invented documents written after the kind weights were last fitted.

Twelve short documents, French and English, two of each kind, written (branch kinds3) once
the weights of ``kind_weights.yaml`` were frozen, as a check on texts the fitting never
saw: a signed news item, a press release, a portrait interview, a Q&A, a bilingual
abstract, a conference panel, an observatory report, a policy brief, a regional
chamber's home page, a platform page, a lexicon and a parliamentary question. They are
never training data (``benchmarks/kind_examples.yaml`` is).
"""

from __future__ import annotations

import pytest

from helpers import read_kind_and_year

DOCUMENTS: dict[str, tuple[str, str, int | None]] = {
    "news_byline_fr": (
        "news",
        "La coopérative de Pont-Aven reprend la conserverie\n\n"
        "Par Yann Le Goff — 21 juin 2016\n\n"
        "Les salariés de la conserverie, menacée de fermeture, ont voté lundi la transformation "
        "de l'entreprise en société coopérative. Trente-deux emplois sont sauvés.\n\n"
        "« Nous devenons nos propres patrons », a résumé le délégué du personnel à la sortie de "
        "l'assemblée. La région apportera un prêt de 400 000 euros.",
        2016,
    ),
    "press_release_en": (
        "news",
        "Press release\n\n"
        "Lisbon, 8 October 2020 – The European cluster conference will be held online this year."
        " More than 1,500 participants from 40 countries have registered for the three-day "
        "event, the organisers said on Thursday.\n\n"
        "For media enquiries, contact the press office.",
        2020,
    ),
    "portrait_interview_fr": (
        "interview",
        "Portrait — Ahmed, 34 ans, entrepreneur-salarié\n\n"
        "Ahmed a rejoint la coopérative il y a trois ans, après un licenciement.\n\n"
        "Pourquoi avoir choisi une coopérative plutôt que l'auto-entreprise ?\n\n"
        "Je ne voulais pas être seul. Ici, j'ai un statut de salarié, une comptabilité gérée par"
        " la coopérative et surtout des collègues.\n\n"
        "Et le revenu ?\n\n"
        "Il a mis du temps à venir. La première année, j'ai gagné moins qu'au chômage. "
        "Aujourd'hui, je vis de mon activité de menuiserie.\n\n"
        "Vous conseilleriez cette voie ?\n\n"
        "Oui, à condition d'être patient.",
        None,
    ),
    "qa_interview_en": (
        "interview",
        "Q&A: Building a digital innovation hub from scratch\n\n"
        "Posted on 11 September 2018\n\n"
        "We talked to the founder of a hub in a mid-sized industrial town.\n\n"
        "Q: Where did the idea come from?\n\n"
        "A: Local manufacturers kept asking the university for help with automation, and nobody "
        "had time to answer them.\n\n"
        "Q: Who pays for the hub?\n\n"
        "A: The region covers half of the costs, companies pay for services, and we win European"
        " projects.",
        2018,
    ),
    "abstract_bilingual_fr": (
        "abstract",
        "Les grappes d'entreprises : un outil de développement territorial ?\n\n"
        "Géographie, économie, société, vol. 10, 2008\n\n"
        "Résumé. Cet article analyse la diffusion de la notion de grappe d'entreprises dans les "
        "politiques territoriales françaises. Nous montrons que le terme recouvre des réalités "
        "très différentes selon les régions.\n\n"
        "Abstract. This article analyses the spread of the business cluster concept in French "
        "territorial policies.",
        2008,
    ),
    "panel_abstract_en": (
        "abstract",
        "Panel 12. Third places and the future of work\n\n"
        "Conference on Work and Territories, Montreal, 2024\n\n"
        "Convenors: two researchers from urban studies\n\n"
        "This panel invites contributions on coworking spaces, makerspaces and other third "
        "places as sites of new work arrangements. We welcome empirical studies as well as "
        "theoretical papers.",
        2024,
    ),
    "observatory_report_fr": (
        "report",
        "L'ÉCONOMIE SOCIALE ET SOLIDAIRE EN CHIFFRES\n\n"
        "Observatoire régional — édition 2022\n\n"
        "Sommaire\n\n"
        "Avant-propos\nMéthodologie\n1. Les établissements employeurs\n2. L'emploi salarié\n3. "
        "Les rémunérations\nAnnexes\n\n"
        "Avant-propos\n\n"
        "Ce panorama présente les principales données de l'emploi dans l'économie sociale et "
        "solidaire de la région.",
        2022,
    ),
    "policy_brief_en": (
        "report",
        "Policy brief\n\n"
        "Why cluster programmes need longer funding cycles\n\n"
        "Key messages\n\n"
        "- Most cluster programmes fund organisations for three years or less.\n- Trust between "
        "members takes longer than that to build.\n- Evaluations should look at networks, not "
        "only at outputs.\n\n"
        "Introduction\n\n"
        "This brief summarises the evidence from twelve national programmes and proposes three "
        "recommendations for policy makers.",
        None,
    ),
    "chamber_home_fr": (
        "institutional",
        "Bienvenue sur le site de la CRESS\n\n"
        "La chambre régionale de l'économie sociale et solidaire représente et promeut l'ESS "
        "auprès des pouvoirs publics. Elle regroupe les réseaux, fédérations et entreprises de "
        "l'ESS de la région.\n\n"
        "Nos missions\n\n"
        "Représenter, observer, accompagner, promouvoir.\n\n"
        "Devenir adhérent\n\n"
        "Agenda\n\n"
        "Contact",
        None,
    ),
    "platform_page_en": (
        "institutional",
        "What is the European Cluster Collaboration Platform?\n\n"
        "The platform is a service provided by the European Commission. It helps cluster "
        "organisations find partners in other countries and stay informed about funding "
        "opportunities.\n\n"
        "Services\n\n"
        "Search for clusters, matchmaking events, news on calls for proposals.\n\n"
        "Join the platform\n\n"
        "Register your cluster organisation to appear on the map.",
        None,
    ),
    "lexicon_fr": (
        "other",
        "Lexique\n\n"
        "ESUS : agrément « entreprise solidaire d'utilité sociale », délivré par la préfecture.\n\n"
        "SCOP : société coopérative et participative, dont les salariés détiennent la majorité "
        "du capital.\n\n"
        "SCIC : société coopérative d'intérêt collectif.\n\n"
        "CAE : coopérative d'activité et d'emploi.",
        None,
    ),
    "written_question_fr": (
        "other",
        "Question écrite n° 14562 de M. le député\n\n"
        "Publiée au JO le 10/03/2015\n\n"
        "M. le député attire l'attention de M. le ministre de l'économie sur la situation des "
        "pôles territoriaux de coopération économique. Il lui demande quelles mesures il compte "
        "prendre pour pérenniser leur financement.\n\n"
        "Réponse publiée au JO le 16/06/2015",
        2015,
    ),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_kind_of_an_unseen_document(name):
    kind, text, _ = DOCUMENTS[name]
    found, source, _ = read_kind_and_year(text)
    assert found == kind, (name, source)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_year_of_an_unseen_document(name):
    _, text, year = DOCUMENTS[name]
    assert read_kind_and_year(text)[2] == year
