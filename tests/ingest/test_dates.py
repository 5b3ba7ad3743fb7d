import pytest

from corpus_mining.ingest.dates import date_from_text, date_in_url, iso_date

BODY_FR = (
    "Le pôle a réuni ses adhérents le 12 avril 2014 à Clermont-Ferrand pour faire le point "
    "sur les projets collaboratifs engagés depuis sa labellisation en 2005."
)
BODY_EN = (
    "On 4 May 2010 the regional council approved a second funding round for the cluster, "
    "after an evaluation carried out in March 2009 by an independent consultancy."
)


@pytest.mark.parametrize(
    ("paragraphs", "date", "source"),
    [
        (["Titre", "Publié le 3 mars 2016", BODY_FR], "2016-03-03", "text:published"),
        (["Titre", "Publié le 14/06/2007 | Par Jeanne Martin", BODY_FR], "2007-06-14", "text:published"),
        (["Title", "Posted on March 3, 2016 by admin", BODY_EN], "2016-03-03", "text:published"),
        (["Title", "Published: 9 December 2021", BODY_EN], "2021-12-09", "text:published"),
        (["Lyon, le 3 mars 2016", BODY_FR], "2016-03-03", "text:dateline"),
        (["Brussels, 9.12.2021", BODY_EN], "2021-12-09", "text:dateline"),
        (["Lyon, décembre 2011", BODY_FR], "2011-12", "text:dateline"),
        (["Report title", "Year: 1998", BODY_EN], "1998", "text:header_field"),
        (["Titre", "Année : 2005", BODY_FR], "2005", "text:header_field"),
        (["Titre", BODY_FR, "Mis à jour le 02/05/2019"], "2019-05-02", "text:updated"),
        (["Title", "Updated September 14, 2021", BODY_EN], "2021-09-14", "text:updated"),
        (["Grappes d'entreprises", "12 janvier 2010", BODY_FR], "2010-01-12", "text:date_line"),
        (["Cluster news", BODY_EN, "© 2019 Cluster Network"], "2019", "text:copyright"),
        (["Entretien", "Entretien réalisé le 18 mai 2012 à Nantes par une doctorante.", BODY_FR], "2012-05-18", "text:recorded"),
        (["Interview", "The interview was recorded in Leeds on 2 June 2015, after the vote. " + BODY_EN], "2015-06-02", "text:recorded"),
        (["Guide", BODY_EN, "© European Network of Clusters, 2008"], "2008", "text:copyright"),
        (["REVUE D'ÉCONOMIE TERRITORIALE (2/2011)", BODY_FR], "2011", "text:issue"),
        (["Revue des coopératives N° 212, mars 2009", BODY_FR], "2009", "text:issue"),
        (["Coopérer en réseau", "Dans Revue des territoires 2016/2 (N° 88), pages 5 à 20", BODY_FR], "2016", "text:issue"),
        (["Journal of Regions", "2018, vol. 46, issue 3", BODY_EN], "2018", "text:issue"),
        (["Les tiers-lieux", "14 Juil, 2020 | SOCIÉTÉ", BODY_FR], "2020-07-14", "text:date_line"),
        (["Hubs as brokers", "Proceedings of the Regional Studies Conference, Lisbon, 2022", BODY_EN], "2022", "text:issue"),
        (["Coopérer sans fusionner", "Actes du colloque de l'économie sociale (Grenoble, 2013)", BODY_FR], "2013", "text:issue"),
        (["Clusters and crises", "In: Handbook of Regional Policy, Elgar, 2017, pp. 45-67", BODY_EN], "2017", "text:issue"),
        (["Rapport annuel 2019", BODY_FR], "2019", "text:header_field"),
        (["Les pôles et leurs territoires", "Étude – 2012", BODY_FR], "2012", "text:date_line"),
        (["Hubs in rural regions", "Paris, 2014", BODY_EN], "2014", "text:date_line"),
        (["Cluster policy review", "2015", BODY_EN], "2015", "text:date_line"),
        (["Page 1 of 12", "Please cite this paper as:", "Rowe, J., \u201cHubs at the local level\u201d, 12 September 2008, working document, Paris.", BODY_EN], "2008-09-12", "text:cite_as"),
        (["Titre", "Pour citer cet article : Martin, L. (2016), « Les pôles et leurs territoires », Cahiers du réseau, n° 4.", BODY_FR], "2016", "text:cite_as"),
        ([" date 2020-11 PARIS, 12 juil 2005 (AFP) - Réactions des syndicats à la liste des pôles.", BODY_FR], "2005-07-12", "text:dateline"),
        (["Mise en ligne | BRUXELLES, le 3 mars 2016 – La Commission publie son plan.", BODY_FR], "2016-03-03", "text:dateline"),
        (["Annual report 2018", "Foreword", BODY_EN], "2018", "text:header_field"),
        (["Hubs, brokers and the rural economy: a study of six regions Ana Ruiz and Tom Berg MARCH 2017", BODY_EN], "2017-03", "text:date_line"),
        (["Les grappes d'entreprises dans les territoires ruraux Rapport d'évaluation final 14 octobre 2011", BODY_FR], "2011-10-14", "text:date_line"),
        (["Clusters in small towns: a review of regional programmes – Final report – June 2012", BODY_EN], "2012-06", "text:date_line"),
    ],
)  # fmt: skip
def test_publication_cues(paragraphs, date, source):
    assert date_from_text(paragraphs) == (date, source)


def test_a_publication_cue_wins_over_an_earlier_event_date():
    # The event date comes first in the text; the cue at the bottom still decides.
    assert date_from_text(["Titre", BODY_FR, "Publié le 5 juin 2015"]) == (
        "2015-06-05",
        "text:published",
    )


@pytest.mark.parametrize("body", [BODY_FR, BODY_EN])
def test_event_dates_inside_sentences_are_not_publication_dates(body):
    assert date_from_text(["Un titre", body, body]) == (None, "none")


@pytest.mark.parametrize(
    "title",
    [
        "Review of the cluster programme 2014-2020",  # a period in a title, no venue line
        "In 2019, the cluster opened a second office.",  # a sentence opening with "in"
        "Le rapport annuel de la Cour des comptes souligne le rôle des pôles en 2012.",
        "Journal de bord d'un tiers-lieu rural",  # a venue word, no year
    ],
)
def test_titles_and_sentences_are_not_venue_or_report_lines(title):
    assert date_from_text([title, BODY_EN]) == (None, "none")


@pytest.mark.parametrize(
    "line", ["Depuis 2014", "Les pôles en 2030", "2005-2015", "Nos 20 ans en 2014"]
)
def test_a_year_inside_a_short_phrase_is_not_a_year_line(line):
    assert date_from_text(["Le réseau", line, BODY_FR]) == (None, "none")


def test_the_years_of_a_timeline_are_events():
    assert date_from_text(["Notre histoire", "2005", BODY_FR, "2009", BODY_FR]) == (None, "none")


def test_a_body_named_in_capitals_is_not_a_dispatch_place():
    sentence = (
        "Depuis sa création, le réseau régional a été rejoint par le pôle ALPHA, 12 juillet "
        "2005 - une date clé pour ses adhérents."
    )
    assert date_from_text(["Les réseaux", sentence]) == (None, "none")


def test_a_citation_block_below_the_top_is_not_read():
    body = [BODY_EN] * 30  # the top of the document ends long before the block
    assert date_from_text(["Title", *body, "Cite as: Rowe (2011), Hubs."])[1] != "text:cite_as"


@pytest.mark.parametrize(
    "line",
    [
        "Le forum régional des tiers-lieux et des réseaux de l'ESS se tiendra le 15 juin 2012",
        "The annual meeting of cluster managers from six regions will take place from 3-5 June 2012",
        "Les réseaux se sont réunis à Lyon. La prochaine rencontre aura lieu en mars 2013",
        "The network of rural hubs and their members across the country met in Leeds in March 2013",
    ],
)
def test_a_date_closing_a_sentence_or_after_a_preposition_is_an_event(line):
    assert date_from_text([line, BODY_EN]) == (None, "none")


def test_a_cue_inside_prose_describes_an_event():
    sentence = (
        "Le rapport publié le 3 mars 2009 par la délégation a montré que les pôles de "
        "compétitivité restent un outil utile pour la politique industrielle des territoires."
    )
    assert date_from_text(["Titre", sentence]) == (None, "none")


def test_latest_citation_year_is_the_last_resort():
    refs = ["Porter, M. E. (1998). Clusters.", "Torre, A. (2020). Proximités.", "Autre, B., 2015."]
    assert date_from_text(["Titre", BODY_FR, *refs]) == ("2020", "text:citation")


@pytest.mark.parametrize(
    ("value", "read"),
    [("2014", "2014"), ("2014-03-02T10:00:00", "2014-03-02"), ("mars 2014", "2014-03"),
     ("Sept. 14, 2021", "2021-09-14"), ("09/12/21", "2021-12-09"), ("n.d.", None),
     ("hier", None), ("3 mars", None), ("", None)],
)  # fmt: skip
def test_iso_date_reads_absolute_dates_only(value, read):
    assert iso_date(value) == read


@pytest.mark.parametrize(
    ("url", "date"),
    [("https://www.example.org/actualites/2021/03/15/un-titre", "2021-03-15"),
     ("https://example.org/news/2019/a-title", "2019"),
     ("https://example.org/blog/2016-07-un-titre", "2016-07"),
     ("https://example.org/affaires/201201/19/un-titre", "2012-01"),
     ("https://example.org/france/20210520/12345", "2021-05-20"),
     ("https://example.org/eco/20140117art000123/un-titre", "2014-01-17"),
     ("https://example.org/lyon/1234567-20140701-un-titre", "2014-07-01"),
     ("https://example.org/doc/rapport-20140701-final", None),
     ("https://example.org/doc/20149999x/un-titre", None),
     ("https://example.org/page-2019-b", None),
     ("https://example.org/green-hubs-2013/view/a-title", "2013"),
     ("https://example.org/forum2013/session/a.html", "2013"),
     ("https://example.org/fr/revues/2016-n101-r00101/123456ar", "2016"),
     ("https://example.org/programme-2014-2020/a-title", None),
     ("https://example.org/evaluation/2015_2016/clusters.html", None),
     ("https://example.org/ptce", None)],
)  # fmt: skip
def test_dates_in_web_addresses(url, date):
    assert date_in_url(url) == date
