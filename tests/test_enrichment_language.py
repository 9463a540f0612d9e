from articles.enrichment import language
from articles.enrichment.language import detect_language, preload_detector


def test_detects_spanish_english_and_portuguese():
    assert detect_language(text="El gobierno anunció ayer nuevas medidas para el sector.") == "es"
    assert detect_language(text="The government announced new measures for the sector yesterday.") == "en"
    assert detect_language(text="O governo anunciou ontem novas medidas para o setor.") == "pt"


def test_a_supported_hint_wins_and_short_text_defaults():
    assert detect_language(text="The government announced new measures.", hint="es-ES") == "es"
    assert detect_language(text="") == "es"


def test_the_preloaded_detector_is_the_one_detection_uses():
    language._detector.cache_clear()
    preload_detector()
    built = language._detector.cache_info()

    assert detect_language(text="O governo anunciou ontem novas medidas para o setor.") == "pt"
    assert (built.misses, language._detector.cache_info().misses) == (1, 1)
