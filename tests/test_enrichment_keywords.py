from articles.enrichment.keywords import extract_keywords


def test_keywords_of_a_short_text():
    text = "La cooperativa Valdeluz amplía su planta solar. La planta solar de Valdeluz dará energía a tres pueblos."
    keywords = extract_keywords(text=text, language="es")
    assert 0 < len(keywords) <= 10
    assert any("solar" in k.lower() for k in keywords)


def test_no_keywords_for_empty_text():
    assert extract_keywords(text="", language="en") == []
