from corpus_mining.ingest.dedup import content_hash, find_duplicates, minhash

BASE = " ".join(
    f"Le pôle territorial numéro {i} associe des entreprises, des associations, des communes."
    for i in range(30)
)


def _docs(*texts):
    return [
        (f"d{i}", content_hash(t), minhash(t, shingle_words=5, permutations=128))
        for i, t in enumerate(texts)
    ]


def test_exact_duplicate_ignores_case_and_spacing():
    links = find_duplicates(_docs(BASE, "  " + BASE.upper()), threshold=0.8, permutations=128)
    assert [(link.doc_id, link.original, link.similarity) for link in links] == [("d1", "d0", 1.0)]


def test_near_duplicate_repost_is_linked_to_the_first():
    repost = "Republié sur notre site. " + BASE.replace("numéro 7", "numéro sept")
    links = find_duplicates(_docs(BASE, repost), threshold=0.8, permutations=128)
    assert len(links) == 1 and links[0].original == "d0" and 0.8 <= links[0].similarity < 1


def test_different_documents_are_not_duplicates():
    other = " ".join(
        f"Clusters in region {i} build innovation networks with universities." for i in range(30)
    )
    assert find_duplicates(_docs(BASE, other), threshold=0.8, permutations=128) == []
