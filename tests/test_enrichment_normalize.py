from articles.enrichment import normalize_name


def test_normalize_drops_case_accents_articles_and_punctuation():
    assert normalize_name("la ONU") == "onu"
    assert normalize_name("  Dmitri   Medvédev ") == "dmitri medvedev"
    assert normalize_name("The Daily Lantern") == "daily lantern"
    assert normalize_name("EE.UU.") == "ee uu"
    assert normalize_name("") == ""
