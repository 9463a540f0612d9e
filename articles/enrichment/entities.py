"""People, organisations and places: the model proposes spans, the document corrects them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .gazetteer import capital_keys, is_city
from .lexicon import (
    COUNTRIES,
    DESK_BYLINES,
    GENERATIONAL_SUFFIXES,
    GIVEN_NAMES,
    HEAD_CONNECTORS,
    HONORIFICS,
    KNOWN_ACRONYMS,
    KNOWN_COMPANIES,
    KNOWN_PLATFORMS,
    LEADING_ARTICLES,
    NAME_CONNECTORS,
    NAME_ONLY_PARTICLES,
    NOT_NAMES,
    ORG_CONNECTORS,
    ORG_HEADS,
    ORG_TAILS,
    ORG_TYPE_NOUNS,
    PERSON_ROLE_NOUNS,
    PLACES,
    PORTFOLIOS,
    PRODUCT_KIND_NOUNS,
    ROLE_ACRONYMS,
    ROLE_ACRONYMS_ES_PT,
    UNNAMED_SOURCES,
    US_STATE_ABBREVIATIONS,
)
from .nlp import lemma_of
from .normalize import normalize_name
from .text import AGENCY_LINE, WIRE_CREDIT, BoilerplateLine, Dateline
from .types import EntityKind, ExtractedEntity
from .types import Span as TextSpan

_LABELS: dict[str, EntityKind] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
}
COUNTRY_KEYS = frozenset(normalize_name(c) for c in COUNTRIES)
# Keys are accent-free, so the word lists are compared in the same form.
ORG_HEADS = frozenset(normalize_name(w) for w in ORG_HEADS)
ORG_TAILS = frozenset(normalize_name(w) for w in ORG_TAILS)
_NOT_NAME_KEYS = frozenset(normalize_name(w) for w in NOT_NAMES)
_PLACE_KEYS = frozenset(normalize_name(w) for w in PLACES)
_ORG_TYPE_KEYS = frozenset(normalize_name(w) for w in ORG_TYPE_NOUNS)
_PLATFORM_KEYS = frozenset(normalize_name(w) for w in KNOWN_PLATFORMS)
_ACRONYM_KEYS = {k: frozenset(normalize_name(v) for v in vs) for k, vs in KNOWN_ACRONYMS.items()}
_FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "VERB", "ADV", "PART", "NUM", "PUNCT"})
_SPLIT_CONNECTORS = frozenset({"de", "del", "of", "for", "da", "do", "dos", "das", "di"})

_CAP = "A-ZÁÉÍÓÚÑÜÇÀÂÊÔÃÕ"
_NAME_RE = rf"[{_CAP}][\w'’.-]*(?:\s+(?:(?:de|del|da|do|dos|das|van|von)\s+)?[{_CAP}][\w'’.-]*){{0,4}}"
_BYLINE_NAMES = re.compile(_NAME_RE)
_AGENCY_SLASH = re.compile(rf"\b(?P<org>[{_CAP}]{{2,}})\s*/\s*(?P<person>{_NAME_RE})")
_PAREN_CREDIT = re.compile(rf"\((?P<person>{_NAME_RE})\s*/\s*(?P<org>[^)]+?)\)")
_COPYRIGHT_ORG = re.compile(
    rf"©\s*(?:\d{{4}}\s+)?(?P<org>[{_CAP}][\w&'’-]*(?:\.(?!\s)[\w&'’-]*)*(?:\s+[{_CAP}][\w&'’-]*(?:\.(?!\s)[\w&'’-]*)*)*)"
)
_CREDIT_SLASH_AGENCY = re.compile(
    rf"(?:^|:\s*)(?P<person>{_NAME_RE})\s*/\s*(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,3}})"
    # "Jordan Ellery/Statesman Journal via AP": the paper that took it, then the agency that sent it.
    rf"(?:\s+via\s+(?P<via>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,2}}))?\s*\.?$"
)
# "(Jonas Whitby/AAP Image)", "AP Photo": an agency's picture desk is the agency ("Getty Images" keeps its plural).
_PICTURE_DESK = re.compile(r"\s+(?:Image|Photo|Foto)$")
_HANDOUT_WORDS = frozenset(
    {"divulgacao", "reproducao", "handout", "courtesy", "cortesia", "archivo", "arquivo", "file", "pool", "especial"}
    | {"supplied"}  # "Photo: Supplied": the picture came from the people in the story
)
_CREDIT_NAME = re.compile(rf"^\w+\s*:\s*(?P<person>{_NAME_RE})\s*\.?$")
_BYLINE_PLACE_BEFORE = re.compile(r",?\s(?:de|desde|em|en|from|in)\s+$")
_ARTICLE_BEFORE = re.compile(r"\b(?:el|al|del|the|o|do|ao)\s$", re.IGNORECASE)
# Accented letters included: "Corporación Autónoma Regional ... del Chocó (Codechocó)".
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z](?:[^\W\d_]|\.){1,9})\s*\)")
_PAREN_CONTRACTION = re.compile(r"\(\s*([A-Z][a-z]{10,15})\s*\)")
_PLACE_SCAN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)) + r")(?![\w])"
)
_JOINED_PLACE = re.compile(r"\s(?:y|e|and)\s")
_CAP_WORD = re.compile(rf"[{_CAP}][\w'’.-]*")
# Prepositions after which a bare capitalised name is where something happens: "em Teófilo Otoni", "in Nairobi".
# "en el barrio de X", "no bairro da X", "in the district of X", "el río X", "the River X": the name is a place.
_PLACE_CONTEXT = re.compile(
    r"\b(?:barrios?|barriadas?|bairros?|distritos?|districts?|neighbou?rhoods?|freguesias?|río|rio|river|comarcas?|valle"
    r"|vale|localidad|localidade|aldeia|aldea|village|estación|estação|región|região|regiao|provincia|província|comuna"
    r"|municipio|município|condado|county|veredas?|corregimientos?|recinto|estadio|estádio|concelho|suburb|township"
    r"|parish|calle|avenida|rua|travessa|street|mercado|parque|praça|playa|praia"
    r"|barangays?|villages|hamlets?|colonias?|favelas?|municipality)"
    r"\s+(?:(?:de|del|da|do|dos|das|of)\s+(?:(?:la|el|los|las|o|a|os|as|the)\s+)?)?$",
    re.IGNORECASE,
)
# The earlier names of a list, so "los barrios de Delicias y Oliver" places the second name too.
_LISTED_BEFORE = re.compile(
    rf"[{_CAP}][\w'’-]*(?:\s+(?:(?:de|del|da|do|dos|das)\s+)?[{_CAP}][\w'’-]*)*\s*(?:,|\by|\be|\band)\s+$"
)
# "the Fitzroy neighbourhood", "the Burdekin and Fitzroy rivers": a plural place noun after a list of names.
_PLACE_AFTER = re.compile(
    rf"(?:\s*(?:,|\band\b|\by\b|\be\b)\s*[{_CAP}][\w'’-]*)?\s+"
    r"(?:neighbou?rhood|district|rivers|islands|mountains|lakes|port|harbou?r|airport)\b"
)
_PLURAL_PLACE_AFTER = re.compile(r"\s+(?:rivers|islands|mountains|lakes)\b")
# Last words that make a name a place: "Great Barrier Reef", "Lizard Island", "Cocoa Beach", "Space Coast".
_PLACE_TAILS = frozenset(
    {"reef", "reefs", "island", "islands", "isles", "beach", "bay", "peninsula", "coast", "mountains", "valley"}
    | {"bridge"}  # towns and crossings: "Hebden Bridge", "Sowerby Bridge"
)
# Last words that make an English name a place unless a kind noun says otherwise ("the grocery chain Fresh Avenue"):
# "Outer Ring Road", "Hebbal Lake", "Olifants River".
_ROUTE_TAILS = frozenset(
    {"road", "street", "avenue", "lane", "boulevard", "highway", "motorway", "square", "lake", "river", "hills"}
    | {"mountains", "valley", "bay", "island", "islands"}
)
# First words that make a name a place: "River Irwell", "Serranía de Ronda", "Área Metropolitana de Lisboa".
_PLACE_HEADS = frozenset(
    {
        "river",
        "lake",
        "mount",
        "sierra",
        "serrania",
        "serra",
        "valle",
        "vale",
        "lago",
        "isla",
        "ilha",
        # Stadiums are where matches are played: "Estádio D. Afonso Henriques", "Estadio Monumental".
        "estadio",
        "stadium",
        # Brazilian neighbourhoods: "o Jardim Florence", "a Vila União", "o Parque Oziel".
        "jardim",
        "vila",
        "parque",
        "area",
        "region",
        "regiao",
        # Buildings, squares and shrines: "Casa de Gobierno", "Praça dos Três Poderes", "Santuario de X".
        "casa",
        "palacio",
        "plaza",
        "praca",
        "santuario",
        # Streets: "Rua Morais Soares", "Calle Mayor", "Largo do Intendente".
        "rua",
        "calle",
        "avenida",
        "largo",
        "travessa",
        "paseo",
        "carretera",
        "estrada",
        "rodovia",
    }
)
# Capitalised administrative nouns that are no name on their own ("a 1ª Região", "procurador da República").
_ADMIN_NOUNS = frozenset(
    {"republica", "region", "regiao", "provincia", "municipio", "comarca", "freguesia", "distrito", "barrio", "bairro"}
    | {"district", "province", "county", "municipality"}
)
# Roles whose "de X" names the body the person speaks for, not a seat: "la portavoz de Adelante Andalucía".
_TITLE_WORDS = frozenset({"chief", "financial", "operating", "executive", "deputy", "vice", "senior", "managing"})
_BYLINE_TITLES = frozenset(
    {"correspondent", "editor", "reporter", "columnist", "corresponsal", "redactor", "redactora", "correspondente"}
)
_MEMBER_ROLES = frozenset(
    {
        "portavoz",
        "porta-voz",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "lider",
        "leader",
        "dirigente",
        "militante",
        "diputado",
        "diputada",
        "deputado",
        "deputada",
        "senador",
        "senadora",
        "eurodiputado",
        "eurodiputada",
        "eurodeputado",
        "eurodeputada",
        "afiliado",
        "afiliada",
        # Lawmakers named with their party: "el legislador de Revolución Ciudadana", "a parlamentar do PSOL".
        "legislador",
        "legisladora",
        "asambleista",
        "congresista",
        "parlamentario",
        "parlamentaria",
        "parlamentar",
        # A party's group in a parliament: "de la bancada de Renovación Andina", "el bloque de la UCR".
        "bancada",
        "bloque",
        # A company's parent: "filial de la mexicana Boletia Global", "subsidiária da Vale".
        "filial",
        "subsidiaria",
    }
)
_PARENT_NOUNS = frozenset({"filial", "subsidiaria"})
# Heads of ministries whose portfolio list may hold commas: "Department for Environment, Food and Rural Affairs".
_LISTING_HEADS = frozenset(
    {"ministerio", "ministry", "department", "departamento", "secretaria", "consejeria", "conselleria"}
)
_LISTING_UNIONS = frozenset(
    {"union", "federation", "confederation", "sindicato", "federacion", "confederacion", "federacao", "confederacao"}
)
# "Finance Minister X", "Health Secretary X": a portfolio that is part of a person's title, not a body.
_TITLE_PORTFOLIOS = frozenset({"finance", "environment", "trade", "treasury", "culture", "home", "foreign"})
_TITLE_NOUNS = frozenset({"minister", "secretary"})
_ORDINAL = re.compile(r"\d{1,3}(?:ª|º|°|st|nd|rd|th)")
# Product and model codes ("KC-390", "A-320"): never a body, place or person.
_MODEL_CODE = re.compile(r"[A-Z]{1,4}-\d{3,}[A-Z]?")
# An amount glued to its currency's letters: "a R48-billion hole", "Rs500", "K20m".
_MONEY_CODE = re.compile(r"(?:R|Rs|N|K|Sh|KSh|Ksh|US|R\$|A\$|C\$)\d[\d.,]*(?:bn|m|k)?")
_EN_NAME_PARTICLES = frozenset({"es", "al", "el"})
_POST_NOMINALS = frozenset({"KC", "QC", "MP", "MSP", "MS", "MEP", "OBE", "MBE", "CBE", "KBE", "DBE"})
_NAME_ARTICLES = frozenset({"A", "O", "La", "El", "Las", "Los", "As", "Os"})
# Adjectives that open institution names before their head word ("Suprema Corte", "Alto Tribunal", "Real Academia").
_LEADING_ADJECTIVES = frozenset(
    {"suprema", "supremo", "alto", "alta", "gran", "grande", "real", "nueva", "nuevo", "nova", "novo", "superior"}
)
# Nouns of help or care that take "a/ao/al" inside a body's name: "Apoio à Vítima", "Ayuda al Refugiado".
_AID_NOUNS = frozenset({"apoio", "apoyo", "ayuda", "ajuda", "assistência", "asistencia", "atención", "atendimento"})
_TO_CONTRACTIONS = frozenset({"ao", "à", "aos", "às", "al"})
_WHOSE = frozenset({"whose", "cuyo", "cuya", "cuyos", "cuyas", "cujo", "cuja", "cujos", "cujas"})
_LOCATIVES = frozenset({"em", "en", "in", "no", "na", "nos", "nas", "desde", "from", "across", "throughout"})


@dataclass
class _Candidate:
    start: int | None  # offsets in the clean text; None for names seen only in boilerplate
    end: int | None
    text: str
    kind: EntityKind
    weight: float
    vouched: bool = False  # a rule says this is a name, without saying which kind


@dataclass
class _Form:
    key: str
    texts: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    first: int = 1 << 30
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    after_article: int = 0  # mentions preceded by "el"/"al"/"the": a club or a firm rather than a city
    vouched: bool = False

    @property
    def tokens(self) -> list[str]:
        return self.key.split()

    @property
    def kind(self) -> EntityKind | None:
        return self.votes.most_common(1)[0][0] if self.votes else None

    @property
    def display(self) -> str:
        ranked = sorted(self.texts.items(), key=lambda kv: (kv[0].isupper() and len(kv[0]) > 5, -kv[1]))
        text = ranked[0][0]
        return text.title() if text.isupper() and " " in text else text


@dataclass
class EntityIndex:
    """The article's entities plus a fast lookup from character ranges to them."""

    entities: list[ExtractedEntity]
    _starts: list[int] = field(default_factory=list)
    _mentions: list[tuple[int, int, int]] = field(default_factory=list)
    _keys: dict[str, int] = field(default_factory=dict)

    def build(self) -> EntityIndex:
        self._mentions = sorted((m.start, m.end, i) for i, e in enumerate(self.entities) for m in e.mentions)
        self._starts = [m[0] for m in self._mentions]
        for i, entity in enumerate(self.entities):
            for surface in [entity.name, *entity.aliases]:
                self._keys.setdefault(normalize_name(surface), i)
        return self

    def within(self, start: int, end: int) -> list[int]:
        """Entities with a mention inside [start, end), in text order."""
        found: list[int] = []
        for s, e, idx in self._mentions[bisect_left(self._starts, start) :]:
            if s >= end:
                break
            if e <= end and idx not in found:
                found.append(idx)
        return found

    def starting_within(self, start: int, end: int) -> list[int]:
        """Entities with a mention that opens inside [start, end), however far it runs, in text order."""
        found: list[int] = []
        for s, _e, idx in self._mentions[bisect_left(self._starts, start) :]:
            if s >= end:
                break
            if idx not in found:
                found.append(idx)
        return found

    def by_name(self, name: str) -> int | None:
        return self._keys.get(normalize_name(name))


def _is_capitalised(text: str) -> bool:
    return bool(text) and (text[0].isupper() or (text[0].isdigit() is False and any(c.isupper() for c in text[:2])))


def _is_function_word(token: Token, trained: bool) -> bool:
    lower = token.lower_
    if lower in LEADING_ARTICLES or lower in HONORIFICS or lower in NOT_NAMES:
        return True
    if trained:
        return token.is_stop and token.pos_ in _FUNCTION_POS
    return token.is_stop


def _name_runs(tokens: Sequence[Token], kind: EntityKind, trained: bool) -> list[list[Token]]:
    """Maximal runs of capitalised words (with name connectors inside), so "La visita de Medvedev" gives "Medvedev"."""
    connectors = NAME_CONNECTORS | ORG_CONNECTORS if kind == "organization" else NAME_CONNECTORS
    runs: list[list[Token]] = []
    current: list[Token] = []

    def flush() -> None:
        while current and (current[-1].lower_ in connectors | HEAD_CONNECTORS or not current[-1].text[0].isalnum()):
            current.pop()
        if _opens_with_members(current):
            # "Fuentes del Ministerio de Hacienda", "Ambientalistas do Observatório do Clima": a sentence opens with
            # the people of a body, capitalised only as the first word; the body is the name.
            del current[:2]
            while current and current[0].lower_ in LEADING_ARTICLES:
                current.pop(0)
        while current and (
            (_is_function_word(current[0], trained) and not _titled_weekday(current))
            or (kind == "person" and current[0].lower_ in PERSON_ROLE_NOUNS)
            or not _is_capitalised(current[0].text)
        ):
            current.pop(0)
        if current:
            runs.append(list(current))
        current.clear()

    for token in tokens:
        text = token.text
        if current and current[-1].lower_ in connectors and token.lower_ in NOT_NAMES and not _after_de_la(current):
            # "the Karnataka High Court on Monday": a weekday after "on" is no part of the name; a surname after
            # "de la" is ("Sanz de la Fuente": no weekday or caption word follows a feminine or plural article).
            flush()
        if (
            current
            and current[-1].text.endswith(".")
            and current[-1].lower_ not in _TITLES_IN_NAMES  # "Hospital Municipal Dr. Mário Gatti"
            and (token.is_sent_start or _DOTTED_FORM.fullmatch(current[-1].text))
        ):
            flush()  # "... Metrolink Ltd. Sainsbury's reported": no name runs on past a sentence's end or a legal form
        if (
            (_is_capitalised(text) and any(c.isalpha() for c in text))
            or (current and (text.lower() in connectors or text in {"-", "&", "plc"}))
            or (kind == "person" and current and _compound_y(token))
            or (_plural_possessive(token) and current)
            or (kind == "organization" and current and _head_connector(token, current))
        ):
            current.append(token)
        else:
            flush()
    flush()
    return runs


def _after_de_la(current: Sequence[Token]) -> bool:
    return len(current) >= 2 and current[-1].lower_ in ("la", "las", "los") and current[-2].lower_ in ("de", "da")


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _titled_weekday(run: Sequence[Token]) -> bool:
    """ "The Sunday Times", "the Sunday Telegraph": a weekday after "the" that opens a title is part of the name."""
    first = run[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    return (
        first.lower_ in _WEEKDAYS
        and len(run) > 1
        and before is not None
        # "Police spokesperson Sunday Abutu": after a role noun, a weekday is a first name
        and (before.lower_ == "the" or (before.text.islower() and before.lower_ in PERSON_ROLE_NOUNS))
        and _is_capitalised(run[1].text)
    )


def _opens_with_members(run: Sequence[Token]) -> bool:
    if len(run) < 3 or not (run[0].is_sent_start or run[0].i == 0) or run[0].text.isupper():
        return False
    if run[1].lower_ not in NAME_CONNECTORS - {"van", "von"}:
        return False
    if run[0].lower_ in UNNAMED_SOURCES or run[0].lower_ in _MEMBER_NOUNS:
        return True  # "Trabalhadoras da Fiação do Ave à porta da fábrica": the workers of a firm, the firm named
    body = next((t for t in run[2:] if t.lower_ not in LEADING_ARTICLES), None)
    return (
        run[0].pos_ == "NOUN"
        and run[0].lower_.endswith("s")
        and body is not None
        and normalize_name(body.text) in ORG_HEADS
    )


# People of a body opening a sentence or a caption: "Trabajadores de Navalia", "Moradores do Jardim X".
_MEMBER_NOUNS = frozenset(
    {"trabajadores", "trabajadoras", "trabalhadores", "trabalhadoras", "workers", "empleados", "empleadas"}
    | {"funcionarios", "funcionarias", "funcionários", "funcionárias", "vecinos", "vecinas", "moradores", "residents"}
    | {"miembros", "membros", "members", "militantes", "simpatizantes", "hinchas", "adeptos", "estudiantes"}
    | {"estudantes", "students", "staff"}
)
_DOTTED_FORM = re.compile(r"(?:Ltd|Inc|Corp|Co|LLC|Plc)\.")


def _head_connector(token: Token, current: Sequence[Token]) -> bool:
    """ "para", "para a/la", "e a", "em" continue an organisation's name when it opens with a head word; "a" only as
    an article after a connector, "em"/"en" only before a word that is no place ("Tribunal de Contas em Lisboa",
    but "Tribunal Colegiado en Materia de Trabajo")."""
    lower = token.lower_
    head = next((t for t in current if t.lower_ not in LEADING_ARTICLES), None)
    if (
        lower not in HEAD_CONNECTORS
        or head is None
        or normalize_name(head.text).split()[:1] not in ([w] for w in ORG_HEADS)
    ):
        return False
    if lower in _TO_CONTRACTIONS:
        return current[-1].lower_ in _AID_NOUNS  # "Associação ... de Apoio ao Bebé Prematuro"
    if lower == "a":
        # Not after "y": Spanish has no article "a", so "al Ministerio X y a MinHacienda" names a second body.
        if current[-1].lower_ == "e":
            # "... para a Ciência e a Tecnologia" runs on; "a Câmara do Porto e a Junta de Freguesia" is two bodies.
            nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            return nxt is not None and normalize_name(nxt.text) not in ORG_HEADS
        return current[-1].lower_ == "para" or current[-1].lower_ in _AID_NOUNS
    if lower in ("em", "en"):
        if normalize_name(head.text) in _MISSION_HEADS:
            return True  # "Embajada de China en Buenos Aires": a mission is named with the city it sits in
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return nxt is not None and nxt.ent_type_ != "LOC" and nxt.text not in PLACES
    return True


_MISSION_HEADS = frozenset({"embajada", "embaixada", "consulado"})


def _plural_possessive(token: Token) -> bool:
    """ "Supporters' Trust", "Workers' Party": an apostrophe closing a plural inside a name, not a possessive end."""
    doc = token.doc
    return (
        token.text in ("'", "’")
        and token.i > 0
        and doc[token.i - 1].text.endswith("s")
        and token.i + 1 < len(doc)
        and _is_capitalised(doc[token.i + 1].text)
        and token.whitespace_ != ""
    )


def doc_text(doc: Doc) -> str:
    """The doc's text, kept: `Doc.text` joins every token again on each call, and the rules slice it per name."""
    text = doc.user_data.get(_DOC_TEXT)
    if text is None:
        text = doc.user_data[_DOC_TEXT] = doc.text
    return text


_DOC_TEXT = ("newsapi", "text")


def _run_text(run: Sequence[Token]) -> str:
    doc = run[0].doc
    text = doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1].text)]
    if doc.lang_ != "en":
        return text.strip()  # only English has the possessive 's: "la calificadora Moody’s" keeps its name
    return re.sub(r"(?:['’]s?)$", "", text).strip()


def _role_specialty(run: Sequence[Token]) -> bool:
    """ "fiscal especial en Personas Desaparecidas", "juez especializado en Delitos Ambientales": a role noun and an
    adjective, then "en" and a capitalised field of two words or more."""
    doc, i = run[0].doc, run[0].i
    if len(run) < 2 or i < 3 or doc[i - 1].lower_ not in ("en", "em", "in"):
        return False
    adjective, role = doc[i - 2], doc[i - 3]
    return (
        adjective.text.islower()
        and adjective.pos_ in ("ADJ", "VERB")
        and role.text.islower()
        and role.lower_ in PERSON_ROLE_NOUNS
    )


_DEITIES = frozenset({"dios", "deus", "god", "ala", "allah", "jehova", "yahve"})


def _is_junk(run: Sequence[Token], text: str, trained: bool) -> bool:
    key = normalize_name(text)
    if len(key) < 2 or not any(c.isalpha() for c in key) or key in _NOT_NAME_KEYS:
        return True
    if key.split()[0] in PORTFOLIOS and _after_preposition(run[0]) and not _ends_in_tail(key):
        return True  # "el ministro de Hacienda" is an office; "A Justice Department spokesman" names a body
    if _MODEL_CODE.fullmatch(text) or _MONEY_CODE.fullmatch(text):
        return True
    if key in (ROLE_ACRONYMS if run[0].doc.lang_ == "en" else ROLE_ACRONYMS_ES_PT):
        return True  # "the City of Johannesburg's MMC", "el DT": a title, not a body
    before = run[0].doc[run[0].i - 1] if run[0].i else None
    if len(run) <= 2 and before is not None and before.lower_ in PRODUCT_KIND_NOUNS and before.text.islower():
        return True  # "la variedad Castillo": a product's name
    if _role_specialty(run) and not set(key.split()) & (COUNTRY_KEYS | _PLACE_KEYS) and not is_city(key):
        return True  # "el fiscal especial en Personas Desaparecidas": the field of the office, not a place
    if _minister_portfolio(run[0]) and not set(key.split()) & (COUNTRY_KEYS | _PLACE_KEYS):
        return True  # "a ministra dos Povos Indígenas", "el ministro de Ciencia": the office, not a place or a body
    nxt = run[-1].doc[run[-1].i + 1] if run[-1].i + 1 < len(run[-1].doc) else None
    if (
        len(run) == 1
        and run[0].doc.lang_ == "en"
        and key.endswith(("ian", "ean", "ese"))
        and nxt is not None
        and nxt.text.islower()
        and nxt.pos_ == "NOUN"
        and before is not None
        and before.lower_ in ("the", "a", "an", "its", "their", "his", "her")
    ):
        return True  # "the Victorian government", "its Victorian district secretary": a place's adjective
    if len(run) == 1 and key in _TITLE_PORTFOLIOS | PORTFOLIOS and nxt is not None and nxt.lower_ in _TITLE_NOUNS:
        return True  # "Finance Minister X": the portfolio of a person's title
    if (
        nxt is not None
        and nxt.text.istitle()
        and nxt.lower_ in _TITLE_NOUNS
        and nxt.i + 1 < len(nxt.doc)
        and _is_name_word(nxt.doc[nxt.i + 1])
        and not any(w in ORG_HEADS or w in ORG_TAILS or w in COUNTRY_KEYS or w in _PLACE_KEYS for w in key.split())
        and not run[0].text.isupper()  # "US Secretary X", "UN Secretary-General": a place's or a body's own
    ):
        return True  # "Social Welfare Secretary Rosario Villareal-Tan": a title's portfolio of several words
    if len(run) == 1:
        token = run[0]
        if key in _DEITIES:
            return True  # "Confío en Dios": no person, place or body of the story
        if key in _ADMIN_NOUNS and text not in PLACES:
            return True
        if token.is_stop or token.lower_ in LEADING_ARTICLES:
            return True
        if trained and token.is_sent_start and token.pos_ not in ("PROPN", "X") and not text.isupper():
            return True
        if trained and token.pos_ in ("VERB", "AUX") and _opens_utterance(token):
            return True  # "«Escribí este libro...»", "—Leer no debería...": a verb opening a quote, not a name
        if text.lower() == text:
            return True
    return False


# A company named by its web address: "Booking.com", "Hotels.com", "Mercadolibre.com.ar".
_WEB_NAME = re.compile(rf"[{_CAP}][\w-]+\.(?:com|net|org|io)(?:\.[a-z]{{2}})?")
_SHORT_MINISTRY = re.compile(rf"Min([{_CAP}]\w+)")


def _short_ministry(text: str) -> bool:
    """ "MinHacienda", "MinSalud", "MinTrabajo": a ministry's usual short name, "Min" glued to its portfolio."""
    match = _SHORT_MINISTRY.fullmatch(text)
    return match is not None and normalize_name(match.group(1)) in PORTFOLIOS


def _opens_utterance(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text in ('"', "“", "«", "—", "–", "¿", "¡")


_MINISTER_NOUNS = frozenset(
    {"ministro", "ministra", "minister", "consejero", "consejera", "conselheiro", "conselheira"}
)
# Heads of a company's or a ministry's area, before a bare "de": "el director de Operaciones", "o ex-diretor de
# Infraestrutura"; with an article the name is the body they run ("o diretor do Musée des Confluences").
_AREA_HEAD_NOUNS = frozenset({"director", "directora", "diretor", "diretora", "gerente", "subdirector", "subdirectora"})


def _minister_portfolio(token: Token) -> bool:
    doc = token.doc
    i = token.i - 1
    nxt = token.i + 1
    listed = doc[i].text == "," and nxt + 1 < len(doc) and doc[nxt].lower_ in ("y", "e", "and")
    if i >= 1 and (doc[i].lower_ in ("y", "e", "and") or listed):
        # "la ministra de Juventud e Infancia", "el ministro de Agricultura, Pesca y Alimentación": a listed portfolio.
        j = i - 1
        while j >= 1 and (_is_capitalised(doc[j].text) or doc[j].text == ","):
            j -= 1
        if doc[j].lower_ in ("de", "del", "of", "for", "do", "da", "dos", "das"):
            i = j
    bare = True
    if i >= 0 and doc[i].lower_ in LEADING_ARTICLES:
        i -= 1
        bare = False
    if i < 1 or doc[i].lower_ not in ("de", "del", "of", "for", "do", "da", "dos", "das"):
        return False
    head = doc[i - 1].lower_.removeprefix("ex-")
    return head in _MINISTER_NOUNS or (head in _AREA_HEAD_NOUNS and bare and doc[i].lower_ in ("de", "of"))


def _ends_in_tail(key: str) -> bool:
    words = key.split()
    return len(words) > 1 and words[-1] in ORG_TAILS


def _after_preposition(token: Token) -> bool:
    doc = token.doc
    i = token.i - 1
    if i >= 0 and doc[i].lower_ in LEADING_ARTICLES:
        i -= 1
    return i < 0 or doc[i].lower_ in ("de", "del", "of", "para", "for", "do", "da", "dos", "das")


def _rule_votes(run: Sequence[Token], key: str, trained: bool) -> list[tuple[EntityKind | Literal["vouched"], float]]:
    votes: list[tuple[EntityKind | Literal["vouched"], float]] = []
    words = key.split()
    text = _run_text(run)
    first, doc = run[0], run[0].doc
    prev = doc[first.i - 1] if first.i > 0 else None
    org_word = words[0] in ORG_HEADS or words[-1] in ORG_TAILS
    if org_word or (len(words) > 2 and words[-2] in ORG_TAILS and words[-1] in COUNTRY_KEYS):
        votes.append(("organization", 10.0))
    if key in COUNTRY_KEYS:
        votes.append(("place", 10.0))
    # A listed place, or a world city ("Rustenburg", "Manizales") the model took for a body or a person; after an
    # article ("O Benfica", "el Getafe") a town's name is a club or a firm named after it.
    elif text in PLACES or (
        is_city(key) and not org_word and not (prev is not None and prev.lower_ in LEADING_ARTICLES)
    ):
        votes.append(("place", 2.0))
    if key in _PLATFORM_KEYS or _short_ministry(text) or _WEB_NAME.fullmatch(text):
        votes.append(("organization", 10.0))
    if len(words) >= 2 and words[-1] in GENERATIONAL_SUFFIXES and not org_word:
        votes.append(("person", 8.0))  # "Medeiros Filho", "Amaral Neto": a son's or grandson's name
    if len(run) == 1 and _brand_case(first.text):
        votes.append(("organization", 5.0))  # "PeruRail", "JetBlue"
    if (
        prev is not None
        and (
            prev.lower_ in _LOCATIVES
            # "in the Drakensberg", "across the Karoo"
            or (prev.lower_ == "the" and first.i >= 2 and doc[first.i - 2].lower_ in ("in", "across", "near"))
        )
        and len(run) <= 3
        and not org_word
    ):
        votes.append(("place", 2.0))
    if _dateline_opener(run):
        votes.append(("place", 8.0))
    if len(words) > 1 and first.text in _SAINTS and words[1] in GIVEN_NAMES and not org_word:
        votes.append(("place", 5.0))  # "São José dos Campos", "San Pedro Sula": a saint's name is no person
    if _dateline_agency(run):
        votes.append(("organization", 8.0))  # "BUENOS AIRES (Télam).": the agency after the dateline's city
    if len(run) == 1 and first.text.isupper() and len(first.text) >= 2 and _LABELS.get(first.ent_type_) == "person":
        votes.append(("organization", 2.0))  # "La CGT convocó": initials name no person
    if first.text in _NAME_ARTICLES and len(run) > 1 and first.i > 0 and not org_word:
        votes.append(("place", 5.0))  # "A Coruña", "La Rioja": a person's name never opens with an article
    if _introduced_as_organisation(first):
        votes.append(("organization", 6.0))
    if (len(words) > 2 and _head_before_of(words)) or _network_head(run, words):
        votes.append(("organization", 6.0))
    if (
        len(words) >= 2
        and not set(words) & GIVEN_NAMES
        and words[0] not in ORG_HEADS
        and _LABELS.get(first.ent_type_) == "person"
        and prev is not None
        and prev.lower_ in _ORG_SHORT_FORM_ARTICLES
    ):
        votes.append(("organization", 4.0))  # "el Pacto Histórico propuso": news gives people no article
    if _based_in(run[-1]):
        votes.append(("place", 8.0))  # "a Pune-based firm": where something is based
    if words[0] not in GIVEN_NAMES and _told_to(first):
        votes.append(("organization", 5.0))  # "disse à RTP", "told Reuters": whom one speaks to is no place
    if len(words) > 1 and words[0] in _LEADING_ADJECTIVES and words[1] in ORG_HEADS:
        votes.append(("organization", 6.0))  # "Suprema Corte de Justicia", "Alto Tribunal": an adjective, then the head
    if not org_word and (
        words[0] in _PLACE_HEADS
        or (len(words) > 1 and words[-1] in _PLACE_TAILS)
        # "Na estação do Cacém, Filomena Antunes": a first name after a place and a comma starts no list of places.
        or _place_context(doc_text(doc), first.idx, listed=words[0] not in GIVEN_NAMES)
        or _PLACE_AFTER.match(doc_text(doc), run[-1].idx + len(run[-1].text))
    ):
        votes.append(("place", 8.0))
    elif not org_word and len(words) > 1 and words[-1] in _ROUTE_TAILS and not _introduced_as_organisation(first):
        votes.append(("place", 4.0))  # "the grocery chain Fresh Avenue" stays a company
    member = _member_role_before(first)
    if member and not org_word and words[0] not in GIVEN_NAMES:
        votes.append(("organization", 6.0))  # "la portavoz de Adelante Andalucía": the body she speaks for
    if 2 <= len(words) <= 4 and words[0] in GIVEN_NAMES and not org_word and words[-1] not in GIVEN_NAMES | {"de"}:
        votes.append(("person", 3.5))  # "Callum Pryce": a first name and a surname
    elif prev is not None and prev.lower_ in _LOCATIVES and words[0] not in GIVEN_NAMES and not org_word:
        votes.append(("place", 1.5))  # "em Araçuaí": no first name, after a locative
    elif (
        not member
        and prev is not None
        and prev.lower_ in ("de", "do", "da", "of")
        and first.i >= 2
        and doc[first.i - 2].lower_ in PERSON_ROLE_NOUNS
        and words[0] not in GIVEN_NAMES
        and not org_word
    ):
        votes.append(("place", 2.0))  # "o ex-prefeito de Araçuaí", "la alcaldesa de Utebo": the office's seat
    elif len(words) == 2 and words[0] not in GIVEN_NAMES and words[1] not in GIVEN_NAMES and not org_word:
        votes.append(("organization", 0.5))  # "Kilimo Maziwa": two words, neither a first name
    if (
        prev is not None
        and prev.text == ","
        and words[0] not in GIVEN_NAMES
        and _org_kind_before(doc, prev.i)
        and not _role_before(doc, prev.i)
    ):
        votes.append(("organization", 5.0))  # "la empresa belga que ejecuta las obras, Jan De Nul"
    if (
        trained
        and len(run) == 1
        and first.ent_type_ == "ORG"
        and first.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")
        and not first.lower_.endswith("s")
        and first.pos_ == "PROPN"
    ):
        # "Iberdrola interrumpió el suministro", "Celtic had made an offer": a body the model recognised acting as
        # the subject is a name even where it opens the sentence (a common word there would be plural or carry an
        # article). It only keeps the name; its type still comes from the votes (it may be a person's surname).
        votes.append(("vouched", 1.0))
    if trained and not org_word and _listed_after_locative(run):
        votes.append(("place", 4.0))
    if trained and words[0] not in GIVEN_NAMES and not org_word:
        coordinated = _coordinated_kind(run)
        if coordinated == "organization" and prev is not None and prev.lower_ in _LOCATIVES:
            coordinated = None  # "patients in Keizer and Woodburn": after "in", the partner's type is the model's slip
        if coordinated is not None:
            votes.append((coordinated, 4.0))
    if _described_as_company(run) and words[0] not in GIVEN_NAMES:
        votes.append(("organization", 5.0))  # "Navalia Renovables, la compañía eólica ...": described as a company
    if _HEADQUARTERED.match(doc_text(doc), run[-1].idx + len(run[-1].text)):
        votes.append(("organization", 5.0))  # "A Nortegrão, com sede em Cuiabá": only a body has headquarters
    if len(run) > 1 and prev is not None and prev.text == "," and _role_before(doc, prev.i):
        # "o vereador das Obras, Simão Farinha": read from the surface, since a model may not parse this language.
        votes.append(("person", 5.0))
    if prev is not None and (prev.lower_ in PERSON_ROLE_NOUNS or _role_suffix(prev)) and prev.pos_ != "PROPN":
        votes.append(("person", 5.0))
    elif prev is not None and len(run) > 1 and _role_noun_before(first) and words[0] in GIVEN_NAMES:
        votes.append(("person", 5.0))  # "el legislador cusqueño Wilber Ccori Mamani"
    if trained:
        root = max(run, key=lambda t: t.head.i < run[0].i or t.head.i > run[-1].i)
        if root.dep_ == "appos" and (root.head.lower_ in PERSON_ROLE_NOUNS or _role_suffix(root.head)):
            votes.append(("person", 5.0))
        nxt = run[-1].i + 1
        if (
            nxt + 1 < len(doc)
            and doc[nxt].text == ","
            and doc[nxt + 1].lower_ == "which"
            and _LABELS.get(first.ent_type_) == "person"
            and words[0] not in GIVEN_NAMES
        ):
            votes.append(("organization", 5.0))  # "Yiaga Africa, which deployed 500 monitors": "which" is no person's
        if nxt + 2 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].lower_ in _WHOSE:
            if doc[nxt + 2].lower_ in PERSON_ROLE_NOUNS and words[0] not in GIVEN_NAMES:
                votes.append(("organization", 5.0))  # "Derry City, whose chairman, ...": a body with officers
        elif nxt + 1 < len(doc) and doc[nxt].text == ",":
            after = doc[nxt + 1] if doc[nxt + 1].pos_ != "DET" or nxt + 2 >= len(doc) else doc[nxt + 2]
            if after.pos_ == "PROPN" and after.i + 2 < len(doc) and doc[after.i + 1].text in ("'s", "’s"):
                # "Hauwa Lawal Dikko, INEC's national commissioner": a body's role after its possessive
                after = doc[after.i + 2]
                while after.pos_ == "ADJ" and after.i + 1 < len(doc):
                    after = doc[after.i + 1]
            if after.lower_ in PERSON_ROLE_NOUNS and after.pos_ == "NOUN":
                votes.append(("person", 5.0))
    return votes


_COORDINATORS = frozenset({"y", "e", "and", "&"})


def _dateline_opener(run: Sequence[Token]) -> bool:
    """ "MANIZALES. La Federación ...": a paragraph opening with a word in capitals and a stop is a dateline's city,
    even where no dash closes it."""
    doc = run[0].doc
    after = run[-1].i + 1
    return (
        run[0].i == 0
        and all(t.text.isupper() for t in run)
        and sum(len(t.text) for t in run) >= 4
        and after + 1 < len(doc)
        and doc[after].text in (".", ",", ":")
        and doc[after + 1].text[:1].isupper()
    )


def _dateline_agency(run: Sequence[Token]) -> bool:
    doc = run[0].doc
    before, after = run[0].i - 1, run[-1].i + 1
    return (
        before >= 1
        and doc[before].text == "("
        and after < len(doc)
        and doc[after].text == ")"
        and all(t.text.isupper() for t in doc[0:before])
        and any(t.is_alpha for t in doc[0:before])
    )


def _based_in(last: Token) -> bool:
    doc = last.doc
    i = last.i + 1
    return i + 1 < len(doc) and doc[i].text == "-" and doc[i].whitespace_ == "" and doc[i + 1].lower_ == "based"


_HEADQUARTERED = re.compile(
    r",\s+(?:com sede (?:em|no|na)|con sede (?:en|central en)|headquartered in|with (?:its )?headquarters in)\s",
    re.IGNORECASE,
)
_TOLD_TO = frozenset({"a", "al", "à", "ao", "to"})
_SPEECH_FORMS = frozenset(
    {"told", "disse", "dijo", "contou", "contó", "declarou", "declaró", "afirmou", "afirmó", "explicou", "explicó"}
    | {"garantiu", "garantizó", "adiantou", "revelou", "reveló", "confirmou", "confirmó", "aseguró", "assegurou"}
)


def _told_to(first: Token) -> bool:
    """ "disse à RTP", "dijo a la agencia", "told Reuters": the name after a speech verb and "a/to" is whom it was said
    to."""
    doc = first.doc
    i = first.i - 1
    if i >= 0 and doc[i].lower_ == "told":
        return True
    if i >= 1 and doc[i].lower_ in ("la", "the") and doc[i - 1].lower_ in ("a", "to"):
        i -= 1
    return i >= 1 and doc[i].lower_ in _TOLD_TO and doc[i - 1].lower_ in _SPEECH_FORMS


def _coordinated_kind(run: Sequence[Token]) -> EntityKind | None:
    """ "el Partido Liberal y Cambio Radical", "Ovejuela, Riomalo de Abajo y Cambroncino": a name listed beside
    names the model tagged as organisations or as places is most likely of the same kind."""
    doc = run[0].doc
    labels: set[str] = set()
    before, after = run[0].i - 1, run[-1].i + 1
    if before >= 1 and doc[before].lower_ in _COORDINATORS:
        labels.add(doc[before - 1].ent_type_)
    if after + 1 < len(doc) and doc[after].lower_ in _COORDINATORS:
        labels.add(doc[after + 1].ent_type_)
    kinds = {_LABELS.get(label) for label in labels if label} - {None, "person"}
    if len(kinds) != 1 or any(_LABELS.get(label) == "person" for label in labels):
        return None
    kind = kinds.pop()
    own = _LABELS.get(run[0].ent_type_)
    # Only a name the model took for a person or left untyped: "Harrogate and District NHS Trust" keeps its place.
    if own in (None, "person"):
        return kind
    # "in Scarborough and Etobicoke": a one-word name after a place that follows a locative is a place too.
    left = before - 1
    locative = left >= 1 and before >= 1 and doc[before].lower_ in _COORDINATORS and doc[left - 1].lower_ in _LOCATIVES
    return kind if kind == "place" and len(run) == 1 and locative else None


def _listed_after_locative(run: Sequence[Token]) -> bool:
    """ "across Cagayan and Isabela", "in Tuguegarao and Alcala": two one-word names joined by 'and/y/e' right after a
    locative are two places, whatever the model made of towns it does not know (people, a nationality); a name the
    model called a body keeps its vote ("in Shell and BP")."""
    doc = run[0].doc
    if len(run) != 1 or run[0].ent_type_ == "ORG":
        return False
    i = run[0].i

    def name(k: int) -> bool:
        return 0 <= k < len(doc) and _is_name_word(doc[k]) and doc[k].ent_type_ != "ORG"

    after = i + 2 < len(doc) and doc[i + 1].lower_ in _COORDINATORS and name(i + 2) and not name(i + 3)
    if after and i >= 1 and doc[i - 1].lower_ in _LOCATIVES:
        return True
    return (
        i >= 3
        and doc[i - 1].lower_ in _COORDINATORS
        and name(i - 2)
        and doc[i - 3].lower_ in _LOCATIVES
        and not name(i + 1)
    )


def _described_as_company(run: Sequence[Token]) -> bool:
    """ "Navalia Renovables, la compañía eólica", "Carbomar, la principal operadora del puerto", "Northvale,
    Calloway's largest rival": a comma, a determiner or a possessor, at most two adjectives, a kind of company."""
    doc = run[0].doc
    i = run[-1].i + 1
    if i + 2 >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    if doc[i].pos_ == "DET":
        i += 1
    elif doc[i].pos_ == "PROPN" and i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s"):
        i += 2
    else:
        return False
    skipped = 0
    # "la compañía eólica", "an imaging startup": adjectives or a lower-case noun modifier before the kind.
    while (
        i < len(doc)
        and (doc[i].pos_ == "ADJ" or (doc[i].dep_ == "compound" and doc[i].text.islower()))
        and skipped < 2
        and not _is_org_type(doc[i])
    ):
        i += 1
        skipped += 1
    # "Tessellate AI, a San Jose startup": where the company is based, before its kind.
    seat = i
    while i < len(doc) and i - seat < 3 and doc[i].ent_type_ in ("GPE", "LOC") and doc[i].pos_ == "PROPN":
        i += 1
    skipped += i - seat
    if i >= len(doc) or not _is_org_type(doc[i]) or not doc[i].text.islower():
        return False
    # "Almacafé, la filial logística de la FNC": an adjective and a "de" after the kind keep it a description.
    described = i + 2 < len(doc) and doc[i + 1].pos_ == "ADJ" and doc[i + 2].lower_ in _SPLIT_CONNECTORS
    return skipped > 0 or described or (doc[i].dep_ == "appos" and doc[i].head.i in range(run[0].i, run[-1].i + 1))


def _is_org_type(token: Token) -> bool:
    return token.lower_ in ORG_TYPE_NOUNS or lemma_of(token).lower() in ORG_TYPE_NOUNS


def _place_context(text: str, at: int, listed: bool = True) -> bool:
    if _PLACE_CONTEXT.search(text, max(0, at - 40), at):
        return True
    if not listed:
        return False
    listed = _LISTED_BEFORE.search(text, max(0, at - 60), at)
    return listed is not None and bool(_PLACE_CONTEXT.search(text, max(0, listed.start() - 40), listed.start()))


def _member_role_before(first: Token) -> bool:
    """ "la portavoz de X", "a deputada municipal do X": a member's role, maybe with one adjective, then de/of."""
    doc = first.doc
    i = first.i - 1
    described = None
    if i >= 1 and doc[i].pos_ in ("ADJ", "NOUN") and doc[i].text.islower() and doc[i - 1].lower_ in LEADING_ARTICLES:
        described = doc[i]  # "filial de la mexicana Boletia Global": a demonym between the article and the name
        i -= 1
    if i >= 0 and doc[i].lower_ in LEADING_ARTICLES:
        i -= 1
    if i >= 1 and doc[i].lower_ == "at" and doc.lang_ == "en":
        # "an analyst at Jefferies", "chief economist at Banorte": where a person works is a body, not a place.
        role = doc[i - 1]
        return role.text.islower() and (role.lower_ in PERSON_ROLE_NOUNS or role.lower_ in _MEMBER_ROLES)
    if i < 1 or doc[i].lower_ not in ("de", "del", "do", "da", "dos", "das", "of"):
        return False
    role = doc[i - 1]
    if role.pos_ == "ADJ" and i >= 2 and normalize_name(role.text) not in _MEMBER_ROLES:
        role = doc[i - 2]
    if described is not None and not (described.pos_ == "ADJ" or normalize_name(role.text) in _PARENT_NOUNS):
        return False  # "la portavoz de la ministra X": the word before the name is a role, X a person
    return normalize_name(role.text) in _MEMBER_ROLES and role.text.islower()


def _role_before(doc: Doc, comma: int) -> bool:
    for token in doc[max(0, comma - 6) : comma]:
        if token.text == ",":
            return False
    return any(t.lower_ in PERSON_ROLE_NOUNS and t.text.islower() for t in doc[max(0, comma - 6) : comma])


def _org_kind_before(doc: Doc, comma: int) -> bool:
    """ "la empresa belga que ejecuta las obras, X": a kind of company opens the phrase the name stands beside."""
    for token in reversed(doc[max(0, comma - 8) : comma]):
        if token.text in (",", ";", "(", ")", "'s", "’s") or token.pos_ == "ADP":
            return False  # "the company's new plant in Reno, Nevada": the name completes a place phrase
        if _is_org_type(token) and token.text.islower():
            return token.i > 0 and doc[token.i - 1].pos_ == "DET"
    return False


def _introduced_as_organisation(first: Token) -> bool:
    """ "la cooperativa agroalimentaria Olmedal", "la asociación de consumidores Facua", "the shipbuilder X"."""
    doc = first.doc
    for back in range(1, 4):
        i = first.i - back
        if i < 0:
            return False
        token = doc[i]
        if back == 1 and token.lower_ in LEADING_ARTICLES and token.text[0].isupper():
            continue  # "o jornal Le Monde", "the newspaper El País": the title's own article
        if _is_org_type(token) and token.pos_ in (
            "NOUN",
            "ADJ",
            "PROPN",
            "X",
        ):
            # Before the role check: "operadora", "distribuidora" end like role nouns but name a kind of company.
            return not token.text[0].isupper() or token.is_sent_start or i == 0 or doc[i - 1].pos_ == "DET"
        if token.lower_ in PERSON_ROLE_NOUNS or _role_suffix(token):
            return False  # "Union organizer Callum Pryce": the role noun nearest the name introduces a person
        if token.lower_ in _LOCATIVES:
            return False  # "de la Federación en Chinchiná": where the body is, not a body
        if token.is_punct or token.pos_ in ("VERB", "AUX", "PRON") or token.text[0].isupper():
            return False
    return False


_INNER_CAPITAL = re.compile(r"([A-Z][a-z]+)[A-Z][a-z]+[A-Za-z]*")
# Surname prefixes that also put a capital inside a word: "McDonald", "DeSantis", "LeBron", "VanDyke".
_SURNAME_PREFIXES = frozenset({"Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Lo", "Van", "Von", "Del", "Della"})


def _brand_case(text: str) -> bool:
    match = _INNER_CAPITAL.fullmatch(text)
    return match is not None and match.group(1) not in _SURNAME_PREFIXES


def _role_noun_before(first: Token) -> bool:
    """ "el fiscal Ana Ruiz", "el legislador cusqueño Wilber Ccori": a role noun, maybe with one lower-case adjective
    (a demonym, "provincial"), right before the name."""
    doc = first.doc
    i = first.i - 1
    if i >= 1 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        i -= 1
    return i >= 0 and doc[i].lower_ in PERSON_ROLE_NOUNS and doc[i].text.islower()


def _role_suffix(token: Token) -> bool:
    lower = token.lower_
    return token.pos_ == "NOUN" and lower.endswith(("ista", "dor", "dora")) and lower not in ORG_TYPE_NOUNS


def _join_split_people(doc: Doc) -> list[Span]:
    """ "Faith Mwende" + "Njoroge": two person spans the model left touching, with nothing but a space between, are
    one name (two people in running text are parted by a comma, "and" or a role). A part opening with a first name
    starts a name of its own ("Revolución Ciudadana" + "Luis Bajaña"); a lone word before may be a role
    ("Campaigner")."""
    ents: list[Span] = []
    for ent in doc.ents:
        prev = ents[-1] if ents else None
        if (
            prev is not None
            and prev.label_ in ("PERSON", "PER")
            and ent.label_ == prev.label_
            and ent.start == prev.end
            and prev[-1].whitespace_ == " "
            and _is_capitalised(ent[0].text)
            and len(prev) >= 2
            and len(ent) <= 2
            and normalize_name(ent[0].text) not in GIVEN_NAMES
        ):
            ents[-1] = Span(doc, prev.start, ent.end, label=prev.label_)
        else:
            ents.append(ent)
    return _join_compound_surnames(doc, _join_particle_surnames(doc, ents))


def _compound_y(token: Token) -> bool:
    """ "Ortega y Gasset", "Peña y Lillo": Spanish 'y' between two surnames of one person, before a word that is no
    given name ("Juan y María" are two)."""
    doc = token.doc
    return (
        token.text == "y"
        and 0 < token.i < len(doc) - 1
        and _is_name_word(doc[token.i - 1])
        and _is_name_word(doc[token.i + 1])
        and normalize_name(doc[token.i + 1].text) not in GIVEN_NAMES
    )


def _join_compound_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Rodrigo Peña" + "y" + "Lillo Ferrada": a given name and surname, 'y' and two more surnames are one person's
    compound surname, as the model reads "José Ortega y Gasset"; the same pair of surnames later ("según Peña y
    Lillo") is that person's short form. Two surnames alone around 'y' ("Sánchez y Feijóo") stay two people."""
    people = [e for e in ents if e.label_ in ("PER", "PERSON")]
    pairs = {
        (doc[t.i - 1].lower_, doc[t.i + 1].lower_)
        for e in people
        for t in e[1:-1]
        if _compound_y(t) and normalize_name(e[0].text) in GIVEN_NAMES
    }
    joined: list[tuple[Span, Span]] = []
    for left, right in pairwise(people):
        if right.start != left.end + 1 or not _compound_y(doc[left.end]):
            continue
        pair = (left[-1].lower_, right[0].lower_)
        full = len(left) >= 2 and len(right) >= 2 and normalize_name(left[0].text) in GIVEN_NAMES
        if full:
            pairs.add(pair)
        if full or pair in pairs:
            joined.append((left, right))
    done = {id(e) for pair in joined for e in pair}
    for left in people:
        y = left.end
        if id(left) in done or y + 1 >= len(doc) or not _compound_y(doc[y]):
            continue
        if (left[-1].lower_, doc[y + 1].lower_) in pairs:
            # the short form's second surname may be anything to the model ("Urrutia" a place): the pair decides
            right = next((e for e in ents if e.start == y + 1), doc[y + 1 : y + 2])
            joined.append((left, right))
    if not joined:
        return ents
    gone = {(e.start, e.end) for pair in joined for e in pair}
    out = [e for e in ents if (e.start, e.end) not in gone]
    out.extend(Span(doc, left.start, right.end, label=left.label_) for left, right in joined)
    return sorted(out, key=lambda e: e.start)


def _name_before(doc: Doc, end: int, ents: list[Span]) -> int:
    """Where the capitalised given names ending at `end` start (up to three words outside any other kind of span)."""
    labels = {t: ent.label_ for ent in ents for t in range(ent.start, ent.end)}
    start = end
    while (
        start > 0
        and end - start < 3
        and labels.get(start - 1) in (None, "PER", "PERSON")
        and _is_name_word(doc[start - 1])
        and not _is_function_word(doc[start - 1], True)
        and doc[start - 1].lower_ not in PERSON_ROLE_NOUNS
        and normalize_name(doc[start - 1].text) not in ORG_HEADS | _PLACE_KEYS | COUNTRY_KEYS
    ):
        start -= 1
    return start


def _join_particle_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Marites" + "dela Cruz", "Ramon" + "delos Reyes": a surname opening with a lower-case particle is the model's
    person only from the particle on, or its person stops before the particle; the given names and the surname are
    one person. Spanish and Portuguese prepositions ("del", "da") join only a surname the model itself called a
    person ("Ana" + "de la Fuente"), since after a known person they introduce a body ("Sánchez del PSOE")."""
    out = list(ents)
    for ent in ents:
        if ent.label_ not in ("PER", "PERSON") or ent not in out:
            continue
        if ent[0].lower_ in _SURNAME_PARTICLES | NAME_ONLY_PARTICLES and ent[0].text.islower() and len(ent) > 1:
            start = _name_before(doc, ent.start, out)
            if start < ent.start:
                out = [e for e in out if e.end <= start or e.start >= ent.end]
                out.append(Span(doc, start, ent.end, label=ent.label_))
            continue
        i = ent.end
        while i < len(doc) and i - ent.end < 2 and doc[i].lower_ in NAME_ONLY_PARTICLES and doc[i].text.islower():
            i += 1
        end = i
        while i > ent.end and end < len(doc) and end - i < 2 and _is_name_word(doc[end]):
            if doc[end].ent_type_ in ("LOC", "GPE") or normalize_name(doc[end].text) in _PLACE_KEYS | ORG_HEADS:
                break
            end += 1
        if end > i:
            out = [e for e in out if e.end <= ent.start or e.start >= end]
            out.append(Span(doc, ent.start, end, label=ent.label_))
    return sorted(out, key=lambda e: e.start)


def _doc_candidates(doc: Doc, offset: int | None, trained: bool) -> Iterable[_Candidate]:
    spans: list[tuple[Span, EntityKind]] = []
    if trained:
        spans = _with_saints([(ent, _LABELS[ent.label_]) for ent in _join_split_people(doc) if ent.label_ in _LABELS])
    else:
        spans = [(span, kind) for span, kind in _fallback_spans(doc)]
    covered = {t.i for span, _kind in spans for t in span}
    if trained:
        spans.extend(_rule_spans(doc, covered))
    reached: list[tuple[int, int]] = []  # where earlier pieces' names ended up, once extended
    for span, kind in spans:
        listed = _listed_organisation(span) if trained and kind == "organization" else None
        wholes = [listed] if listed else _name_runs(list(span), kind, trained)
        for piece in (piece for whole in wholes for piece in _split_places(whole)):
            if offset is not None:
                start, end = offset + piece[0].idx, offset + piece[-1].idx + len(piece[-1].text)
                if any(s <= start and end <= e for s, e in reached):
                    continue  # "Ministério de Portos" was extended over "e Aeroportos": no second name there
            for cand in _run_candidates(piece, kind, offset, trained, span):
                if cand.start is not None and cand.end is not None:
                    reached.append((cand.start, cand.end))
                yield cand


def _extended_runs(run: list[Token], kind: EntityKind, trained: bool) -> list[tuple[list[Token], EntityKind]]:
    if not trained:
        return [(run, kind)]
    run = _extend_org(run, kind == "organization")
    if kind == "organization":
        run = _join_backward(run)
        member = _member_of_body(run)
        if member:
            body = run[len(member) + 1 :]
            return [(member, "person"), (body[1:] if body[0].lower_ == "the" else body, "organization")]
    elif kind == "place":
        run = _extend_place(run)
    if kind == "organization" and _titled_role_last(run):
        return [(run[:-1], kind)]
    return [(run, kind)]


def _titled_role_last(run: list[Token]) -> bool:
    """ "the Senate President, Godswill Akpabio": an English body's name closed by a capitalised role noun and set
    before the holder's name is a title; the body is the name without the role."""
    doc, last = run[0].doc, run[-1]
    nxt = last.i + 1
    return (
        doc.lang_ == "en"
        and len(run) > 1
        and last.lower_ in PERSON_ROLE_NOUNS
        and _is_capitalised(last.text)
        and nxt + 1 < len(doc)
        and doc[nxt].text == ","
        and doc[nxt + 1].pos_ == "PROPN"
    )


def _member_of_body(run: list[Token]) -> list[Token] | None:
    """ "Tunde Olarewaju of the Peoples Democratic Party": a two- or three-word name with no organisation word,
    then "of (the)" and a body's full name, is a member of that body, not part of its name ("Bank of the West" opens
    with a head, "Friends of the Earth" ends without a body's tail)."""
    words = [normalize_name(t.text) for t in run]
    if "of" not in words:
        return None
    cut = words.index("of")
    name = [w for w, t in zip(words[:cut], run, strict=False) if t.text != "-"]  # "Adeyemi-Bakare" is one name
    body = [w for w in words[cut + 1 :] if w != "the"]
    if not 2 <= len(name) <= 3 or len(body) < 2 or run[0].doc.lang_ != "en":
        return None
    if any(w in ORG_HEADS or w in ORG_TAILS or w in COUNTRY_KEYS for w in name):
        return None
    if not all(_is_capitalised(t.text) and not t.text.isupper() for t in run[:cut] if t.text != "-"):
        return None
    if not (body[0] in ORG_HEADS or body[-1] in ORG_TAILS | ORG_HEADS):  # "... Progressives Congress"
        return None
    return run[:cut]


def _run_candidates(
    raw: list[Token], raw_kind: EntityKind, offset: int | None, trained: bool, span: Span
) -> Iterable[_Candidate]:
    for run, kind in _extended_runs(raw, raw_kind, trained):
        run = _with_name_particles(run)
        if kind == "person" and len(run) > 2 and normalize_name(run[0].text) in _ADMIN_NOUNS:
            before = run[0].doc[run[0].i - 1] if run[0].i else None
            if before is not None and before.lower_ in _SPLIT_CONNECTORS:
                run = run[1:]  # "procuradora da República Cristiane Lins": the office's last word, then the name
        while kind == "person" and len(run) > 2 and run[-1].text in _POST_NOMINALS:
            run = run[:-1]  # "Rachel Okoro KC", "Sir Gavin Hollis MP": letters after the name are no part of it
        if kind == "person":
            run = _with_surname_particles(run)
            first = run[0]
            before = first.doc[first.i - 1] if first.i > 0 else None
            if (
                before is not None
                and before.text.istitle()
                and before.lower_ in GIVEN_NAMES
                and normalize_name(first.text) not in GIVEN_NAMES
            ):
                run = [before, *run]  # "Camila" + "Figueiredo Sampaio": the model's cut
        if offset is None and len(run) > 1 and _PICTURE_DESK.match(" " + run[-1].text):
            run = run[:-1]  # a credit's "AAP Image": the agency
        if offset is None and len(run) > 1 and normalize_name(run[0].text) in _HANDOUT_WORDS:
            run = run[1:]  # a credit's "Cortesía Cocomasa": who gave the picture
        if offset is None and len(run) == 1 and _opens_caption(run[0]):
            continue  # "Foto: Vegas resecas en ...": the caption's first word is capitalised as any opener
        text = _run_text(run)
        if "/" in text:
            continue  # "EFE/ Camille Roux": the credit parsers handle agency/author pairs
        judge = next((i for i, t in enumerate(run[:2]) if t.lower_ == "justice"), None)
        if (
            judge is not None
            and judge + 1 < len(run)
            and run[judge].i
            and run[judge].nbor(-1).lower_ in _JUDGE_HONORIFICS
        ):
            run, kind = run[judge + 1 :], "person"  # "Mr Justice Calloway", "Lady Justice Ndlovu": a judge's title
            text = _run_text(run)
        body = _body_after_portfolio(run)
        if body is not None:
            run, kind = body, "organization"
            text = _run_text(run)
        if _is_junk(run, text, trained):
            continue
        if trained and kind == "organization" and _brand_possessive(run, span):
            text, run = text + run[-1].doc[run[-1].i + 1].text, [*run, run[-1].doc[run[-1].i + 1]]
        key = normalize_name(text)
        weight = 3.0 if len(run) > 1 else 1.0
        start = None if offset is None else offset + run[0].idx
        end = None if start is None else start + len(text)
        yield _Candidate(start, end, text, kind, weight)
        for vote_kind, vote in _rule_votes(run, key, trained):
            if vote_kind == "vouched":
                yield _Candidate(None, None, text, kind, 0.0, vouched=True)
            else:
                yield _Candidate(None, None, text, vote_kind, vote)


_JUDGE_HONORIFICS = frozenset({"mr", "mrs", "ms", "lord", "lady"})


def _body_after_portfolio(run: list[Token]) -> list[Token] | None:
    """ "la portavoz de Asuntos Exteriores de la Comisión Europea": a run opening with a portfolio after a
    preposition is the office, dropped as such, but the body it belongs to, named after "de la"/"of the" with a
    head word, is a body."""
    if normalize_name(run[0].text) not in PORTFOLIOS or not _after_preposition(run[0]):
        return None
    for j in range(1, len(run) - 1):
        if run[j].lower_ not in ("de", "del", "of", "do", "da", "dos", "das"):
            continue
        k = j + 1
        while k < len(run) - 1 and run[k].lower_ in LEADING_ARTICLES:
            k += 1
        if _is_capitalised(run[k].text) and normalize_name(run[k].text) in ORG_HEADS:
            return run[k:]
    return None


def _opens_caption(token: Token) -> bool:
    doc = token.doc
    return (
        2 <= token.i <= 3  # "Foto: X", "Lea también: X", "Read more: X"
        and doc[token.i - 1].text == ":"
        and all(t.text != ":" for t in doc[: token.i - 1])
        and token.text not in PLACES
        and normalize_name(token.text) not in COUNTRY_KEYS
        and not token.text.isupper()
    )


def _listed_organisation(span: Span) -> list[Token] | None:
    """ "the House Science, Space and Technology Committee": a body the model read whole whose name lists its
    portfolios with commas, closing with "and" and an organisation's last word, stays whole."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in LEADING_ARTICLES)]
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    if not commas or not tokens or normalize_name(tokens[-1].text) not in ORG_TAILS:
        return None
    if not any(t.lower_ in ("and", "y", "e") for t in tokens[commas[-1] :]):
        return None
    words = [t for t in tokens if t.text != ","]
    if not all(_is_capitalised(t.text) or t.lower_ in NAME_CONNECTORS | ORG_CONNECTORS for t in words):
        return None
    return tokens


_SAINTS = frozenset({"São", "Santo", "Santa", "San", "St", "St.", "Saint", "Sainte"})
_SAINT_KEYS = frozenset(normalize_name(w) for w in _SAINTS)


def _with_saints(spans: list[tuple[Span, EntityKind]]) -> list[tuple[Span, EntityKind]]:
    """ "São" + "José dos Campos": a saint's title the model cut from the name it opens joins the next span; a saint's
    name is no person ("São José dos Campos", "San Lorenzo")."""
    out: list[tuple[Span, EntityKind]] = []
    for span, kind in spans:
        if out:
            last = out[-1][0]
            if last.text in _SAINTS and last.end == span.start:
                doc = span.doc
                out[-1] = (doc[last.start : span.end], "place" if kind == "person" else kind)
                continue
        out.append((span, kind))
    return out


def _split_places(run: list[Token]) -> list[list[Token]]:
    """ "the Outer Ring Road and Hebbal Lake": two places the model joined at "and/y/e", told by the first one ending
    in a place word ("Road", "Lake") or opening with one ("Rua", "Calle")."""
    for k, token in enumerate(run[1:-1], start=1):
        if token.lower_ not in ("and", "y", "e"):
            continue
        left, right = run[:k], run[k + 1 :]
        words = normalize_name(_run_text(left)).split()
        if words and (words[-1] in _ROUTE_TAILS or words[0] in _PLACE_HEADS) and _is_capitalised(right[0].text):
            return [left, *_split_places(right)]
    return [run]


def _brand_possessive(run: list[Token], span: Span) -> bool:
    """ "Moody's said", "McDonald's, which ...": an organisation whose name ends in 's, not a possessive before a
    noun ("Tanzania's main port")."""
    doc = run[-1].doc
    i = run[-1].i + 1
    if i >= len(doc) or doc[i].lower_ not in ("'s", "’s") or i >= span.end:
        return False
    return i + 1 >= len(doc) or doc[i + 1].pos_ not in ("NOUN", "ADJ", "PROPN", "NUM")


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.isalpha() and token.pos_ in ("PROPN", "NOUN", "ADJ", "X")


def _with_name_particles(run: list[Token]) -> list[Token]:
    """Lower-case words inside a name: "Dar es Salaam" (English text), and a capitalised article in mid-sentence
    that belongs to the name ("en A Coruña", "de La Rioja")."""
    doc = run[0].doc
    if doc.lang_ == "en":
        first, last = run[0].i, run[-1].i
        while first >= 2 and doc[first - 1].lower_ in _EN_NAME_PARTICLES and doc[first - 1].text.islower():
            if not _is_name_word(doc[first - 2]):
                break
            first -= 2
            while first >= 1 and _is_name_word(doc[first - 1]) and doc[first - 1].lower_ not in LEADING_ARTICLES:
                first -= 1
        while last + 2 < len(doc) and doc[last + 1].lower_ in _EN_NAME_PARTICLES and doc[last + 1].text.islower():
            if not _is_name_word(doc[last + 2]):
                break
            last += 2
            while last + 1 < len(doc) and _is_name_word(doc[last + 1]):
                last += 1
        run = list(doc[first : last + 1])
    elif run[0].i >= 2:
        article, before = doc[run[0].i - 1], doc[run[0].i - 2]
        if (
            article.text in _NAME_ARTICLES
            and not article.is_sent_start
            and before.is_alpha
            and before.text.islower()
            and len(run) <= 3
        ):
            run = [article, *run]
    return run


_SURNAME_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "da", "do", "dos", "das", "van", "von", "der", "den"} | NAME_ONLY_PARTICLES
)


def _with_surname_particles(run: list[Token]) -> list[Token]:
    """ "Inês" + "dos Santos Ferreira": a first name the model cut off before a particle keeps its surname, when the
    words after the particle are no place ("Ana, de Madrid" has a comma; "María de Sevilla" names a city)."""
    doc = run[0].doc
    i = run[-1].i + 1
    if (
        len(run) >= 2
        and i + 1 < len(doc)
        and doc[i].text == "i"
        and _is_name_word(doc[i + 1])
        and doc[i + 1].pos_ == "PROPN"
        and normalize_name(run[0].text) in GIVEN_NAMES
    ):
        return [*run, doc[i], doc[i + 1]]  # "Josep Peris" + "i Mas": Catalan joins the two surnames with "i"
    if normalize_name(run[-1].text) not in GIVEN_NAMES:
        return run
    particles: list[Token] = []
    while i < len(doc) and doc[i].lower_ in _SURNAME_PARTICLES and doc[i].text.islower() and len(particles) < 2:
        particles.append(doc[i])
        i += 1
    surname: list[Token] = []
    while particles and i < len(doc) and len(surname) < 3 and _is_name_word(doc[i]):
        if doc[i].ent_type_ in ("LOC", "GPE") or doc[i].text in PLACES or normalize_name(doc[i].text) in COUNTRY_KEYS:
            return run
        surname.append(doc[i])
        i += 1
    return [*run, *particles, *surname] if surname else run


def _rule_spans(doc: Doc, covered: set[int]) -> list[tuple[Span, EntityKind]]:
    """Names the model missed: "Fiscalía Anticorrupción" (organisation head), "el fiscal Ana Ruiz" (role noun)."""
    found: list[tuple[Span, EntityKind]] = []
    runs: list[list[Token]] = []
    for run in _name_runs(list(doc), "organization", True):
        if _PLURAL_PLACE_AFTER.match(doc_text(doc), run[-1].idx + len(run[-1].text)):
            # "the Burdekin and Fitzroy rivers": each listed name the model missed is a place.
            parts: list[list[Token]] = [[]]
            for token in run:
                if token.lower_ in _COORDINATORS:
                    parts.append([])
                else:
                    parts[-1].append(token)
            found.extend(
                (doc[part[0].i : part[-1].i + 1], "place")
                for part in parts
                if part and not any(t.i in covered for t in part)
            )
            continue
        if (
            3 <= len(run) <= 5
            and any(t.lower_ in ("and", "&", "y", "e") for t in run[1:-1])
            and _introduced_as_organisation(run[0])
            and run[0].i > 0
            and run[0].doc[run[0].i - 1].morph.get("Number") != ["Plur"]
        ):
            # "the firm Slater and Gordon", "el bufete Garrigues y Asociados": one body whose name joins two names.
            found.append((doc[run[0].i : run[-1].i + 1], "organization"))
            continue
        runs.extend(_coordinated_parts(run))
    for run in runs:
        role_before = run[0].i not in covered and _member_role_before(run[0])
        member = role_before and len(run) <= 4
        cut = _member_name_after_body(run) if role_before else None
        if cut is not None and not any(t.i in covered for t in run[:cut]):
            # "el diputado de Compromís Vicent Peris i Llopis": the member's party, then the member's own name.
            found.append((doc[run[0].i : run[cut - 1].i + 1], "organization"))
            if not any(t.i in covered for t in run[cut:]):
                found.append((doc[run[cut].i : run[-1].i + 1], "person"))
            continue
        if (
            any(t.i in covered for t in run)
            and not member
            and not (
                # "Defesa Civil de Minas Gerais": the model only saw the place in the tail of an organisation's name.
                run[0].i not in covered
                and normalize_name(run[0].text) in ORG_HEADS
                and any(
                    t.lower_ in NAME_CONNECTORS | ORG_CONNECTORS | HEAD_CONNECTORS and t.i not in covered for t in run
                )
            )
        ):
            continue
        words = normalize_name(_run_text(run)).split()
        if not words:
            continue
        prev = doc[run[0].i - 1] if run[0].i else None
        if (
            words[0] in ORG_HEADS or words[-1] in ORG_TAILS or _head_before_of(words) or _network_head(run, words)
        ) and len(run) > 1:
            found.append((doc[run[0].i : run[-1].i + 1], "organization"))
        elif (
            len(run) == 1
            and words[0] in ORG_HEADS
            and prev is not None
            and prev.lower_ in _ORG_SHORT_FORM_ARTICLES
            and not _sentence_start(doc_text(doc), 0, run[0].idx)
        ):
            # "pediu ao Governo", "o Governo não vai": a capitalised head word alone is the body the article means.
            found.append((doc[run[0].i : run[0].i + 1], "organization"))
        elif (
            prev is not None
            and _role_noun_before(run[0])
            and 2 <= len(run) <= 4
            and all(t.pos_ == "PROPN" or t.lower_ in NAME_CONNECTORS for t in run)
        ):
            found.append((doc[run[0].i : run[-1].i + 1], "person"))
        elif (
            2 <= len(run) <= 4
            and words[0] in GIVEN_NAMES
            and words[-1] not in GIVEN_NAMES
            and words[-1] not in ORG_TAILS
            # "María del Pilar Londoño": particles between the names
            and all((t.pos_ == "PROPN" and not t.text.isupper()) or t.lower_ in NAME_CONNECTORS for t in run)
            and " ".join(words) not in COUNTRY_KEYS
            and _run_text(run) not in PLACES
        ):
            # "Rocío Valdivieso", "Andrés Goñi": a first name and a surname the model filed as MISC or skipped.
            found.append((doc[run[0].i : run[-1].i + 1], "person"))
        elif member and len(run) >= 2 and words[0] not in GIVEN_NAMES:
            # "la portavoz de Ganemos Palencia": the body a member speaks for, even if the model saw only the place.
            found.append((doc[run[0].i : run[-1].i + 1], "organization"))
        elif _named_after_opening_article(run, words):
            # "O Benfica e o FC Porto jogam", "O Flamengo venceu": the article took the sentence's capital, so the
            # capital of the word after it marks a name; with an article it is a club, a company or a party.
            found.append((doc[run[0].i : run[-1].i + 1], "organization"))
        elif (
            (len(run) > 1 and words[-1] in _PLACE_TAILS)
            or (len(run) <= 3 and _place_context(doc_text(doc), run[0].idx, listed=False))
            or (len(run) <= 3 and _PLACE_AFTER.match(doc_text(doc), run[-1].idx + len(run[-1].text)))
            or (len(run) <= 3 and not set(words) & (ORG_HEADS | ORG_TAILS) and _place_by_context(run))
        ):
            # "The Great Barrier Reef is ...", "the Burdekin and Fitzroy rivers": the model saw no name at all.
            found.append((doc[run[0].i : run[-1].i + 1], "place"))
        elif len(run) <= 2 and _introduced_as_organisation(run[0]) and all(t.pos_ in ("PROPN", "NOUN") for t in run):
            # "la operadora Adif", "la asociación de consumidores Facua": the noun before the name says what it is.
            found.append((doc[run[0].i : run[-1].i + 1], "organization"))
        elif len(run) == 1 and (
            _brand_case(run[0].text) or _short_ministry(run[0].text) or _WEB_NAME.fullmatch(run[0].text)
        ):
            # "PeruRail", "JetBlue": a capital inside a word spells a brand; "MinHacienda", "Booking.com".
            found.append((doc[run[0].i : run[0].i + 1], "organization"))
        elif len(run) == 1 and run[0].text.isupper() and 2 <= len(run[0].text) <= 6 and run[0].pos_ == "PROPN":
            # An acronym in parentheses after a name ("Consorcio ... (CAS)") or on its own.
            found.append((doc[run[0].i : run[0].i + 1], "organization"))
    return found


def _member_name_after_body(run: list[Token]) -> int | None:
    """Where a member's name starts in a run that follows "el diputado de": a body of one or two words, then a first
    name and one to three surnames (particles aside)."""
    words = [normalize_name(t.text) for t in run]
    for cut in (1, 2):
        rest = [w for w, t in zip(words[cut:], run[cut:], strict=True) if t.lower_ not in NAME_CONNECTORS]
        if cut >= len(run) or words[cut] not in GIVEN_NAMES or words[cut - 1] in GIVEN_NAMES:
            continue
        if words[cut - 1] in NAME_CONNECTORS or not 2 <= len(rest) <= 4 or rest[-1] in GIVEN_NAMES | ORG_TAILS:
            continue
        if all(t.pos_ == "PROPN" or t.lower_ in NAME_CONNECTORS for t in run[cut:]):
            return cut
    return None


def _network_head(run: Sequence[Token], words: list[str]) -> bool:
    """ "Red de Productores Arhuacos", "Rede de Saúde": a network is a body in Spanish and Portuguese (in English
    text "Red" is a colour: "Red Sea")."""
    return len(words) > 2 and words[0] in ("red", "rede") and words[1] in _SPLIT_CONNECTORS and run[0].doc.lang_ != "en"


def _head_before_of(words: list[str]) -> bool:
    """ "Nova School of Business and Economics", "Royal Bank of Scotland": the head closes the part before "of"."""
    split = next((i for i, w in enumerate(words) if w in _SPLIT_CONNECTORS), 0)
    return split > 1 and (words[split - 1] in ORG_HEADS or words[split - 1] in ORG_TAILS)


_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november"}
    | {"december"}
)
_FEASTS = frozenset(
    {"semana", "navidad", "nochebuena", "nochevieja", "pascua", "páscoa", "carnaval", "christmas", "easter"}
)
_PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})


_OPENING_ARTICLES = frozenset({"El", "La", "Los", "Las", "O", "A", "Os", "As"})
# Competitions and feasts named with an article: "La Liga empieza", "O Mundial", "El Carnaval".
_EVENT_WORDS = frozenset(
    {"liga", "mundial", "copa", "eurocopa", "champions", "olimpiadas", "juegos", "jogos", "campeonato", "torneo"}
    | {"torneio", "carnaval", "navidad", "natal", "pascua", "pascoa", "vuelta", "tour", "giro", "superliga"}
)


def _named_after_opening_article(run: list[Token], words: list[str]) -> bool:
    doc, first = run[0].doc, run[0]
    prev = doc[first.i - 1] if first.i else None
    return (
        prev is not None
        and prev.text in _OPENING_ARTICLES
        and doc.lang_ != "en"
        and len(run) <= 3
        and _sentence_start(doc_text(doc), 0, prev.idx)
        and words[0] not in GIVEN_NAMES
        and words[0] not in PERSON_ROLE_NOUNS
        and words[0] not in _ADMIN_NOUNS
        and words[0] not in ("estado", "pais")
        and words[0] not in _EVENT_WORDS
        and not set(words) & _NOT_NAME_KEYS
        and not any(t.text.isupper() or t.ent_type_ not in ("", "MISC") for t in run)
        and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "X") for t in run)
    )


def _place_by_context(run: list[Token]) -> bool:
    """A name the model did not see, placed by its surroundings: "en el recinto de Expoferias", "ruas em Arroios",
    "Arroios, Estrela e Campo de Ourique" (listed beside names the model took for places)."""
    doc, first = run[0].doc, run[0]
    text = doc_text(doc)
    if normalize_name(first.text) in GIVEN_NAMES or first.lower_ in _MONTHS | _FEASTS or first.lower_ in NOT_NAMES:
        return False  # "en Semana Santa", "in March": a time, not a place
    if _sentence_start(text, 0, first.idx) or any(sum(c.isupper() for c in t.text) > 1 for t in run):
        return False  # "in IPOs": initials
    if any(t.ent_type_ not in ("", "MISC") for t in run):
        return False  # "in English": what the model took for a language, a nationality or a date
    if _PLACE_CONTEXT.search(text, max(0, first.idx - 40), first.idx):
        return True
    prev = doc[first.i - 1] if first.i else None
    if prev is not None and prev.lower_ in _LOCATIVES and prev.lower_ not in ("desde", "from"):
        return True
    return _listed_beside_place(run)


def _listed_beside_place(run: list[Token]) -> bool:
    doc = run[0].doc
    j = run[-1].i + 1
    if j < len(doc) and doc[j].text in (",", "y", "e", "and"):
        j += 1
        while j < len(doc) and doc[j].lower_ in NAME_CONNECTORS:
            j += 1
        if j < len(doc) and doc[j].ent_type_ in _PLACE_LABELS:
            return True
    j = run[0].i - 1
    while j >= 0 and doc[j].lower_ in NAME_CONNECTORS:
        j -= 1
    if j >= 1 and doc[j].text in (",", "y", "e", "and"):
        j -= 1
        while j >= 0 and doc[j].lower_ in NAME_CONNECTORS:
            j -= 1
        return j >= 0 and doc[j].ent_type_ in _PLACE_LABELS
    return False


def _coordinated_parts(run: list[Token]) -> list[list[Token]]:
    """ "do PSD e do CDS-PP": names joined by "y/e/and" with no organisation word to hold them together are listed
    apart, each read on its own."""
    words = normalize_name(_run_text(run)).split()
    if not words or words[0] in ORG_HEADS or words[-1] in ORG_TAILS or _head_before_of(words):
        return [run]
    parts: list[list[Token]] = [[]]
    for token in run:
        if token.lower_ in ("y", "e", "and"):
            parts.append([])
        else:
            parts[-1].append(token)
    out = []
    for part in parts:
        while part and part[0].lower_ in NAME_CONNECTORS:
            part.pop(0)
        while part and part[-1].lower_ in NAME_CONNECTORS:
            part.pop()
        if part:
            out.append(part)
    return out


_ORG_SHORT_FORM_ARTICLES = frozenset(
    {"el", "la", "al", "del", "o", "a", "ao", "à", "do", "da", "pelo", "pela", "no", "na", "the"}
)


_ORDINAL_WORDS = frozenset(
    {"primer", "primero", "primera", "segundo", "segunda", "tercer", "tercero", "tercera", "cuarto", "cuarta"}
    | {"quinto", "quinta", "sexto", "sexta", "septimo", "septima", "octavo", "octava", "noveno", "novena", "decimo"}
    | {"primeiro", "terceiro", "terceira", "first", "second", "third", "fourth", "fifth"}
)
# Titles a body's name carries before its namesake's: "Hospital Municipal Dr. Mário Gatti", "Estádio D. Afonso
# Henriques", "Escola Estadual Prof. Ana Lima".
_TITLES_IN_NAMES = frozenset({"dr.", "dra.", "prof.", "profa.", "d.", "dom", "sto.", "sta.", "pres.", "gov.", "gral."})


# The same titles, normalised, and the offices that name schools, hospitals and stadiums after their holders.
_NAMESAKE_TITLES = frozenset(normalize_name(title) for title in _TITLES_IN_NAMES) | frozenset(
    {
        "doutor",
        "doutora",
        "professor",
        "professora",
        "governador",
        "presidente",
        "senador",
        "general",
        "marechal",
        "almirante",
        "monsenhor",
    }
)


def _extend_org(run: list[Token], tagged_org: bool = True) -> list[Token]:
    """Complete an organisation cut short by the model: "Instituto ... de Investigación" + "sobre el Desarme",
    "Corpo de Bombeiros Militar" + "de Minas Gerais" (the model split the name at a lower-case linking word)."""
    words = normalize_name(run[0].text).split()  # "Direção-Geral" is one token, two words
    if words and words[0] in _ORDINAL_WORDS and len(run) > 1:
        words = normalize_name(run[1].text).split()  # "Cuarto Juzgado de ...": the head after its number
    if _DOTTED_FORM.fullmatch(run[-1].text) and run[-1].lower_ not in _TITLES_IN_NAMES:
        return run  # a name ends at its legal form: "KeolisAmey Metrolink Ltd." + "Sainsbury's"
    doc = run[0].doc
    last, nxt = run[-1], run[-1].i + 1
    if (
        len(run) > 1
        and normalize_name(last.text) in ORG_TAILS
        and nxt < len(doc)
        and normalize_name(doc[nxt].text) in COUNTRY_KEYS
        and last.whitespace_
        and (nxt + 1 >= len(doc) or not _is_capitalised(doc[nxt + 1].text))
    ):
        return [*run, doc[nxt]]  # "Stanbic Bank Tanzania", "Vodafone Group Portugal": a country's arm of a firm
    if not words or not (words[0] in ORG_HEADS or (tagged_org and len(run) > 1)):
        return run
    doc = run[0].doc
    i = run[-1].i + 1
    extension: list[Token] = []
    # Without an organisation head, only "de/of" links: "Goldman Sachs and Morgan Stanley" are two banks.
    connectors = NAME_CONNECTORS | ORG_CONNECTORS | HEAD_CONNECTORS if words[0] in ORG_HEADS else NAME_CONNECTORS
    while i < len(doc):
        token = doc[i]
        if token.lower_ in ("y", "e", "and") and _second_body(run, doc, i):
            break
        if (
            token.lower_ in connectors - HEAD_CONNECTORS
            or (token.lower_ in connectors and _head_connector(token, run + extension))
            or (_plural_possessive(token) and not extension)
        ):
            if not extension and token.lower_ in LEADING_ARTICLES:
                break  # "X el Y": an article straight after the name starts another phrase
            extension.append(token)
        elif _is_capitalised(token.text) and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            if not extension and token.lower_ in PERSON_ROLE_NOUNS and i + 1 < len(doc) and _is_name_word(doc[i + 1]):
                break  # "Social Welfare Secretary Rosario Villareal-Tan": a title, then its holder's name
            extension.append(token)
            run = run + extension
            extension = []
        elif extension and _ORDINAL.fullmatch(token.text):
            extension.append(token)  # "Tribunal Regional do Trabalho da 15ª Região"
        else:
            break
        i += 1
    if words[0] in _LISTING_HEADS:
        run = _extend_listing(run)
    elif (words[0] in _LISTING_UNIONS and len(run) > 2) or (
        len(run) > 3 and normalize_name(run[1].text) in _LISTING_UNIONS and run[2].lower_ in ("of", "de")
    ):
        # "National Union of Rail, Maritime and Transport Workers", "Federação dos Sindicatos dos Trabalhadores
        # Têxteis, Lanifícios, Vestuário, Calçado e Peles de Portugal": a union listing its trades.
        run = _extend_listing(run)
    return run


def _extend_place(run: list[Token]) -> list[Token]:
    """ "Santuario Histórico" + "de Machu Picchu", "Sierra" + "de Gata": a place opening with a place noun keeps the
    "de X" the model cut off."""
    doc = run[0].doc
    if normalize_name(run[0].text) not in _PLACE_HEADS:
        return run
    i = run[-1].i + 1
    if i + 1 >= len(doc) or doc[i].lower_ not in _SPLIT_CONNECTORS:
        return run
    j = i + 1
    if doc[j].lower_ in LEADING_ARTICLES and j + 1 < len(doc):
        j += 1
    tail: list[Token] = []
    while j < len(doc) and _is_capitalised(doc[j].text) and doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and len(tail) < 3:
        tail.append(doc[j])
        j += 1
    return list(doc[run[0].i : tail[-1].i + 1]) if tail else run


def _second_body(run: list[Token], doc: Doc, i: int) -> bool:
    """ "Partido Liberal y Cambio Radical", "Banco Santander y BBVA", "Universidad de X y Junta de Y": a name with no
    "de/of" phrase yet, or a right side opening with its own head word, makes "y/and" join two bodies, not one name
    ("Consejería de Sanidad y Consumo" keeps its portfolio)."""
    if not any(t.lower_ in _SPLIT_CONNECTORS for t in run[1:]):
        return True
    if doc[i].lower_ == "and" and i + 1 < len(doc) and doc[i + 1].lower_ == "the":
        return True  # "the Bank of England and the Financial Conduct Authority": "the" opens a second name
    j = i + 1
    # "Universidad Politécnica de Valencia y la Universidad de Oviedo", "Instituto X y en el Centro Y"
    while j + 1 < len(doc) and j <= i + 2 and doc[j].lower_ in LEADING_ARTICLES | HEAD_CONNECTORS:
        j += 1
    if j < len(doc) and doc[j].lower_ in ORG_TYPE_NOUNS and (doc[j].text.islower() or doc[j].text.isupper()):
        return True  # "la Defensoría del Pueblo y la ONG Transparencia": the kind of a second body
    return j < len(doc) and normalize_name(doc[j].text) in ORG_HEADS


def _listed_part(doc: Doc, i: int) -> list[Token]:
    part: list[Token] = []
    if i + 1 < len(doc) and doc[i].lower_ in LEADING_ARTICLES and doc[i].text.islower():
        part.append(doc[i])  # "Department of Climate Change, Energy, the Environment and Water"
        i += 1
    while i < len(doc) and _is_capitalised(doc[i].text) and doc[i].pos_ in ("PROPN", "NOUN", "ADJ"):
        if doc[i].text.isupper() or doc[i].text in PLACES or normalize_name(doc[i].text) in COUNTRY_KEYS:
            return []
        part.append(doc[i])
        i += 1
    return part if part and not part[-1].text.islower() else []


def _extend_listing(run: list[Token]) -> list[Token]:
    """ "Department for Environment" + ", Food and Rural Affairs", "Ministerio de Agricultura" + ", Pesca y
    Alimentación": a ministry's portfolio list, joined only when it closes with "and/y/e" and a capitalised word."""
    doc = run[0].doc
    i = run[-1].i + 1
    extra: list[Token] = []
    while i + 1 < len(doc) and doc[i].text == "," and len(extra) < 12:
        part = _listed_part(doc, i + 1)
        if not part:
            return run
        extra += [doc[i], *part]
        i = part[-1].i + 1
        if i + 1 < len(doc) and doc[i].lower_ in ("and", "y", "e"):
            last = _listed_part(doc, i + 1)
            if not last:
                return run
            j = last[-1].i + 1
            if j + 1 < len(doc) and doc[j].lower_ in ("de", "do", "da", "of") and _is_capitalised(doc[j + 1].text):
                last = [*last, doc[j], doc[j + 1]]  # "... Calçado e Peles de Portugal": the list's scope
            return [*run, *extra, doc[i], *last]
    return run


def _join_backward(run: list[Token]) -> list[Token]:
    """ "Northfield" + "and" + "District NHS Foundation Trust": an organisation ending in an organisation tail whose
    name the model split at "and/y/e" gets its capitalised first half back. A right side opening with an organisation
    head is a second body ("España y Ayuntamiento de Madrid"), so it is left alone."""
    words = normalize_name(_run_text(run)).split()
    if not words or words[-1] not in ORG_TAILS or words[0] in ORG_HEADS or len(run) < 2:
        return run
    doc = run[0].doc
    link = run[0].i - 1
    if link < 1 or doc[link].lower_ not in ("and", "y", "e", "&"):
        return run
    i = link - 1
    left: list[Token] = []
    while i >= 0 and len(left) < 4:
        token = doc[i]
        proper = _is_capitalised(token.text) and token.pos_ == "PROPN"
        if token.lower_ not in LEADING_ARTICLES and (proper or (left and token.lower_ in NAME_CONNECTORS)):
            left.insert(0, token)
        else:
            break
        i -= 1
    while left and left[0].lower_ in NAME_CONNECTORS:
        left.pop(0)
    if not left or normalize_name(_run_text(left)) in COUNTRY_KEYS:
        return run
    if len(left) > 1 and normalize_name(left[-1].text) in ORG_TAILS:
        return run  # "NCBA Group and KCB Bank": the left half ends in its own tail, a body of its own
    left_key = normalize_name(_run_text(left))
    if i >= 0 and doc[i].lower_ in ("in", "en", "em") and (is_city(left_key) or _run_text(left) in PLACES):
        return run  # "Bestwood Hospital in Nottingham and Sherwood Community Hospital": where the first one is
    return [*left, doc[link], *run]


def _fallback_spans(doc: Doc) -> Iterable[tuple[Span, EntityKind]]:
    """Capitalised runs for languages without a model; the type is guessed from the words."""
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and (
            (_is_capitalised(token.text) and any(c.isalpha() for c in token.text))
            or (run and token.lower_ in NAME_CONNECTORS)
        ):
            run.append(token)
            continue
        while run and run[-1].lower_ in NAME_CONNECTORS:
            run.pop()
        if run and not (len(run) == 1 and (run[0].is_sent_start or run[0].is_stop)):
            words = normalize_name(" ".join(t.text for t in run)).split()
            if words and (words[0] in ORG_HEADS or words[-1] in ORG_TAILS or run[0].text.isupper()):
                kind: EntityKind = "organization"
            elif " ".join(words) in COUNTRY_KEYS:
                kind = "place"
            elif len(run) == 1:
                prev = doc[run[0].i - 1].lower_ if run[0].i else ""
                kind = "place" if prev in {"em", "en", "in", "à", "a", "no", "na", "de", "desde", "para"} else "person"
            else:
                kind = "person"
            yield doc[run[0].i : run[-1].i + 1], kind
        run = []


def _first_name_opens(name: str) -> bool:
    words = normalize_name(name).split()
    return len(words) > 1 and words[0] in GIVEN_NAMES


def _boilerplate_candidates(line: BoilerplateLine) -> Iterable[_Candidate]:
    """Bylines, credits and copyright lines name people and outlets even though they are not content."""
    text = line.text
    if line.kind == "byline":
        if text.split()[0].lower().rstrip(":") in DESK_BYLINES:
            return
        body = re.sub(r"^\S+\s*:?\s*", "", text)
        for n, match in enumerate(_BYLINE_NAMES.finditer(body)):
            name = match.group(0)
            first_word = normalize_name(name).split()[:1]
            after_comma = n and body[: match.start()].rstrip().endswith(",")
            if n and _BYLINE_PLACE_BEFORE.search(body, 0, match.start()):
                yield _Candidate(None, None, name, "place", 10.0)  # "Por X, de Brasília": where the reporter files
                continue
            if after_comma and set(normalize_name(name).split()) & (PERSON_ROLE_NOUNS | _BYLINE_TITLES):
                continue  # "By X, Health Correspondent": the journalist's title
            place = is_city(normalize_name(name)) or normalize_name(name) in COUNTRY_KEYS
            if after_comma and place and not name.split()[0].isupper():  # "PA Media" is the outlet
                yield _Candidate(None, None, name, "place", 10.0)  # "By Chinedu Okafor, Ado-Ekiti": where one files
                continue
            if after_comma and not (first_word and first_word[0] in GIVEN_NAMES):
                # "By Hannah McCreadie, PA Media": after the journalist, a name with no first name is the outlet.
                yield _Candidate(None, None, name, "organization", 10.0)
            else:
                yield _Candidate(None, None, name, "person", 10.0)
    elif line.kind == "credit" and WIRE_CREDIT.match(text):
        # "(Reporting by X and Y; Editing by Z)": every name after by/de/por is a journalist.
        for part in re.split(r"[;,]|\s(?:and|y|e)\s", text.strip("().")):
            if (m := re.search(r"\b(?:by|de|por)\s+(" + _NAME_RE + ")", part)) or (
                m := re.fullmatch(r"\s*(" + _NAME_RE + r")\s*", part)
            ):
                yield _Candidate(None, None, m.group(1), "person", 10.0)
    elif line.kind == "credit":
        if match := _CREDIT_NAME.match(text):
            name = match.group("person")
            words = name.split()
            if len(words) > 1 and normalize_name(words[0]) in _HANDOUT_WORDS:
                # "Foto: Cortesía Cocomasa", "Photo: Courtesy Harlow Trust": who gave the picture, by its name.
                name = " ".join(words[2:] if words[1].lower() in ("de", "of", "da", "do") else words[1:])
                given = normalize_name(name).split()[:1]
                kind: EntityKind = "person" if given and given[0] in GIVEN_NAMES else "organization"
                if name:
                    yield _Candidate(None, None, name, kind, 10.0)
            else:
                yield _Candidate(None, None, name, "person", 10.0)
        for match in _AGENCY_SLASH.finditer(text):
            yield _Candidate(None, None, match.group("org"), "organization", 10.0)
            yield _Candidate(None, None, match.group("person"), "person", 10.0)
        if (match := _CREDIT_SLASH_AGENCY.search(text)) and not _AGENCY_SLASH.search(text):
            # "Photograph: Andrew Milne/PA", "Foto: Ana Ruiz/EFE": the photographer, then the agency; "Foto:
            # Divulgação/Ibama", "Handout/Reuters": a handout names no photographer.
            person, org = match.group("person"), _PICTURE_DESK.sub("", match.group("org"))
            if _first_name_opens(org) and not _first_name_opens(person):
                person, org = org, person  # "Foto: Andina/Luis Chunga Ynga": the agency first, then its photographer
            if normalize_name(person) not in _HANDOUT_WORDS:
                yield _Candidate(None, None, person, "person", 10.0)
            yield _Candidate(None, None, org, "organization", 10.0)
            if match.group("via"):
                yield _Candidate(None, None, match.group("via"), "organization", 10.0)
        for match in _PAREN_CREDIT.finditer(text):
            yield _Candidate(None, None, match.group("person"), "person", 10.0)
            yield _Candidate(None, None, _PICTURE_DESK.sub("", match.group("org").strip()), "organization", 10.0)
    elif line.kind == "copyright" and (match := _COPYRIGHT_ORG.search(text)):
        org = re.sub(r"\s+\d{4}$", "", match.group("org")).strip()
        yield _Candidate(None, None, org, "organization", 10.0)


# A byline the boilerplate filter kept as text: "By Thandeka Mokoena | News24", "Inês Sá-Carneiro, com Lusa". Not
# ", de Brasília": that is where the journalist writes from.
_BYLINE_PARAGRAPH = re.compile(
    rf"^(?:(?:By|Por|Par)\s+)?(?P<person>[{_CAP}][^|,\n]{{2,60}}?)\s*(?:\||,\s*(?:com|con|with)\s)\s*"
    rf"(?P<org>[{_CAP}][\w&.'’-]*(?:\s+[{_CAP}][\w&.'’-]*){{0,3}})\s*$"
)


def _byline_paragraph_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    for p_start, p_end in paragraphs:
        match = _BYLINE_PARAGRAPH.match(clean_text, p_start, p_end)
        if match is None or len(match.group(0).split()) > 10:
            continue
        org = match.group("org")
        if normalize_name(org) in COUNTRY_KEYS or org in PLACES or normalize_name(org).split()[0] in GIVEN_NAMES:
            continue
        yield _Candidate(match.start("org"), match.end("org"), org, "organization", 10.0)
        person = match.group("person")
        if normalize_name(person).split()[0] in GIVEN_NAMES or len(person.split()) >= 2:
            yield _Candidate(None, None, person, "person", 10.0)


# "Lebogang \"Lebo\" Sithole": a nickname in quotes between a first name and a surname.
_NICKNAMED = re.compile(
    rf"(?<![\w'’])(?P<first>[{_CAP}][\w'’-]+)\s+[\"“‘'](?:(?:el|la|o|a|the)\s+)?[{_CAP}][\w'’-]*[\"”’']\s+"
    rf"(?P<last>[{_CAP}][\w'’-]+(?:\s+(?:(?:de|da|van|von|du|le)\s+)?[{_CAP}][\w'’-]+)?)"
)


def _nickname_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    """The person's name without the nickname; the model's cut ("Lebogang") then links to it as a short form."""
    for p_start, p_end in paragraphs:
        for match in _NICKNAMED.finditer(clean_text, p_start, p_end):
            if match.group("first").lower() in LEADING_ARTICLES | NOT_NAMES:
                continue
            yield _Candidate(None, None, f"{match.group('first')} {match.group('last')}", "person", 10.0)


_PARTICLE_SURNAME = re.compile(
    rf"\s(?P<short>(?:{'|'.join(sorted(_SURNAME_PARTICLES, key=len, reverse=True))})"
    rf"(?:\s(?:la|las|los|der|den))?\s[{_CAP}][\w'’-]+)"
)


def _particle_surname_candidates(
    clean_text: str, paragraphs: Sequence[tuple[int, int]], candidates: list[_Candidate]
) -> Iterable[_Candidate]:
    """ "De la Fuente recordó que ...": a person named in full with a surname opening with a particle ("María José de
    la Fuente Baeza") is named by that surname alone at a sentence's start, where the particle takes the capital and
    the model reads a place or nothing."""
    shorts = set()
    for cand in candidates:
        if cand.kind == "person" and cand.start is not None:
            for match in _PARTICLE_SURNAME.finditer(cand.text):
                short = match.group("short")
                shorts.add(short[0].upper() + short[1:])
    for short in shorts:
        for p_start, p_end in paragraphs:
            for match in re.finditer(rf"{re.escape(short)}\b", clean_text[p_start:p_end]):
                start = p_start + match.start()
                # After a closing mark too: "“...,” De Villiers said" capitalises the particle as a sentence would.
                after_quote = clean_text[p_start:start].rstrip().endswith(("”", "»", '"'))
                if _sentence_start(clean_text, p_start, start) or after_quote:
                    yield _Candidate(start, start + len(short), short, "person", 10.0)


def _dateline_candidates(clean_text: str, datelines: Sequence[tuple[int, Dateline]]) -> Iterable[_Candidate]:
    for start, dateline in datelines:
        s, e = dateline.place
        place = clean_text[start + s : start + e]
        yield _Candidate(start + s, start + e, place, "place", 10.0)
        if dateline.region is not None:
            s, e = dateline.region
            yield _Candidate(start + s, start + e, clean_text[start + s : start + e], "place", 10.0)
        if dateline.agency is not None:
            s, e = dateline.agency
            yield _Candidate(start + s, start + e, clean_text[start + s : start + e], "organization", 10.0)


def _gazetteer_candidates(
    clean_text: str, paragraphs: Sequence[tuple[int, int]], found: Sequence[_Candidate]
) -> Iterable[_Candidate]:
    """Well-known places the model did not propose; skipped when glued to other capitalised words, since then they
    belong to a longer name ("Universidade Federal de Pernambuco", "Bolsa de Santiago")."""
    taken = sorted((c.start, c.end) for c in found if c.start is not None and c.end is not None)
    starts = [s for s, _e in taken]
    for p_start, p_end in paragraphs:
        for match in _PLACE_SCAN.finditer(clean_text, p_start, p_end):
            s, e = match.span()
            k = bisect_left(starts, e)
            # A listed name joining two words ("Castilla y León", "São Tomé e Príncipe") beats the halves the model
            # found; any other listed name yields to what the model proposed.
            joined = bool(_JOINED_PLACE.search(match.group(0)))
            if not joined and any(ts < e and s < te for ts, te in taken[max(0, k - 8) : k]):
                continue
            before = clean_text[max(p_start, s - 40) : s].split()
            while before and before[-1] in NAME_CONNECTORS:
                before.pop()
            if (
                before
                and _CAP_WORD.fullmatch(before[-1].lstrip('(«“"'))
                and not _sentence_start(clean_text, p_start, clean_text.rfind(before[-1], p_start, s))
            ):
                continue
            after = clean_text[e : e + 40].split()
            if after and clean_text[e : e + 1] == " " and _CAP_WORD.fullmatch(after[0]):
                continue
            yield _Candidate(s, e, match.group(0), "place", 10.0 if joined else 1.0)


_COMPANY_SCAN = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(re.escape(c) for c in sorted(KNOWN_COMPANIES, key=len, reverse=True))
    + r")(?![\w'’-])"
)


def _company_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    """Well-known companies wherever they stand; inside a longer name ("Fundación Repsol") the mention is dropped."""
    for p_start, p_end in paragraphs:
        for match in _COMPANY_SCAN.finditer(clean_text, p_start, p_end):
            yield _Candidate(match.start(), match.end(), match.group(0), "organization", 10.0)
            yield _Candidate(None, None, match.group(0), "organization", 0.0, vouched=True)


_EXPANDED_ACRONYM = re.compile(r"\s\(\s*([A-Z][A-Za-z]{1,9})(?:-[A-Z]\w*)?\s*\)")
# Places that are also given initials: "Ciudad Autónoma de Buenos Aires (CABA)", "Distrito Federal (DF)".
_ABBREVIATED_PLACE_HEADS = frozenset({"ciudad", "cidade", "city", "distrito", "district", "reino", "estado", "state"})
_EXPANSION_WORD = re.compile(r"[\w'’-]+")


# Lower-case words whose letter an acronym may keep: "em", "en", "para", "for", "on".
_LETTERED_LINKS = frozenset({"em", "en", "para", "for", "on", "in"})


def _expansion_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    """A name spelled out right before its acronym in brackets ("Articulação dos Povos Indígenas do Brasil (Apib)",
    "Intervención General de la Administración del Estado (IGAE)") is one organisation, even where the model cuts it
    at a connector or reads its parts as places: places are not introduced with their initials."""
    for p_start, p_end in paragraphs:
        for match in _EXPANDED_ACRONYM.finditer(clean_text, p_start, p_end):
            acronym = match.group(1)
            words = list(_EXPANSION_WORD.finditer(clean_text, max(p_start, match.start() - 160), match.start()))
            # "Altos Hornos de México (AHMSA)": a company's acronym may add its legal form's letters.
            core = _LEGAL_LETTERS.sub("", acronym)
            for spelled in dict.fromkeys([acronym, core] if len(core) >= 2 else [acronym]):
                k = _spelled_from(clean_text, words, spelled.lower(), match.start())
                if k is None:
                    continue
                start = words[k].start()
                j = k - 1
                while j >= 1 and words[j].group(0) in NAME_CONNECTORS:
                    j -= 1
                if (
                    0 <= j < k - 1
                    and normalize_name(words[j].group(0)) in ORG_HEADS
                    and words[j].group(0)[0].isupper()
                    and re.fullmatch(r"[\w ]*", clean_text[words[j].end() : start])
                ):
                    start = words[j].start()  # "Associação do" + "Alojamento Local em Portugal (ALEP)"
                text = clean_text[start : match.start()]
                key = normalize_name(text)
                parts = key.split()
                if (
                    key not in COUNTRY_KEYS
                    and text not in PLACES
                    and len(parts) >= 2
                    and parts[0] not in _PLACE_HEADS | _ABBREVIATED_PLACE_HEADS
                ):
                    yield _Candidate(start, match.start(), text, "organization", 10.0)
                break
            else:
                unspelled = _unspelled_expansion(clean_text, words, match.start())
                if unspelled is not None:
                    yield _Candidate(
                        unspelled, match.start(), clean_text[unspelled : match.start()], "organization", 10.0
                    )
                    yield _Candidate(None, None, acronym, "organization", 3.0)


def _unspelled_expansion(text: str, words: list[re.Match], end: int) -> int | None:
    """Where a body's name right before its acronym in brackets starts, when the letters spell another language's
    order ("Foro de Cooperación Económica Asia-Pacífico (APEC)") or only the name's start ("Agência Nacional de
    Petróleo, Gás e Biocombustíveis (ANPG)"): a name opening with an organisation head and running up to the
    brackets, through connectors and a listing comma closed by 'y/e/and', is the acronym's record all the same."""
    connectors = NAME_CONNECTORS | ORG_CONNECTORS
    start = None
    coordinated = False
    for k in range(len(words) - 1, -1, -1):
        word = words[k].group(0)
        gap = text[words[k].end() : words[k + 1].start() if k + 1 < len(words) else end]
        allowed = ("",) if k == len(words) - 1 else (" ", ", ") if coordinated else (" ",)
        if gap not in allowed:
            break  # a listing comma only inside a name closed by 'y/e/and' ("Petróleo, Gás e Biocombustíveis")
        if word.lower() in ORG_CONNECTORS - NAME_CONNECTORS:
            coordinated = True
        if word.islower() and word in connectors:
            continue
        if not word[:1].isupper():
            break
        if normalize_name(word) in ORG_HEADS:
            start = k
    if start is None or start == len(words) - 1:
        return None
    return words[start].start()


_LEGAL_LETTERS = re.compile(r"SA(?:B)?(?:CV)?$")
# "la OSCE (Organización para la Seguridad y la Cooperación en Europa)": the acronym first, its name in brackets.
_ACRONYM_THEN_NAME = re.compile(rf"\b([A-Z][A-Za-z]{{1,9}})\s\(\s*([{_CAP}][^()]{{4,150}}?)\s*\)")


def _spells_after(match: re.Match) -> bool:
    """Whether the bracketed words of an _ACRONYM_THEN_NAME match abbreviate the word before them as a whole: each
    name word gives its first letter or more, linking words one letter or none ("Antaq" is the "Agência Nacional
    de Transportes Aquaviários", "OSCE" the "Organización para la Seguridad y la Cooperación en Europa"); a place
    clarified by its region ("Sinop (Mato Grosso)") is not."""
    words = [w.lower() for w in _EXPANSION_WORD.findall(match.group(2))]
    letters = match.group(1).lower()
    if len(words) < 2 or not match.group(2)[:1].isupper():
        return False
    connectors = NAME_CONNECTORS | ORG_CONNECTORS | _LETTERED_LINKS

    @cache
    def spells(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        if word in connectors:
            return spells(i, j + 1) or (i < len(letters) and letters[i] == word[0] and spells(i + 1, j + 1))
        return any(letters[i : i + k] == word[:k] and spells(i + k, j + 1) for k in range(1, min(len(word), 3) + 1))

    return spells(0, 0)


def _expansion_after_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    """A name in brackets right after an acronym that its words spell, as a whole, is one organisation, even where
    the model cuts it at a connector ("Organización para la Seguridad" + "Cooperación")."""
    for p_start, p_end in paragraphs:
        for match in _ACRONYM_THEN_NAME.finditer(clean_text, p_start, p_end):
            if not _spells_after(match):
                continue
            text = match.group(2)
            key = normalize_name(text)
            if key not in COUNTRY_KEYS and text not in PLACES and key.split()[0] not in _ABBREVIATED_PLACE_HEADS:
                yield _Candidate(match.start(2), match.end(2), text, "organization", 10.0)


def _spelled_from(text: str, words: list[re.Match], letters: str, end: int) -> int | None:
    """The index of the word the acronym's initials (lower case) start from, reading back from its brackets. A
    linking word may give its letter or not ("... Alojamento Local em Portugal (ALEP)" keeps the "em", "Fundación
    Ambiente y Territorio (FAyT)" the "y", "Instituto Nacional de Estatística (INE)" drops the "de"), so every
    reading of the initials so far is kept."""
    connectors = NAME_CONNECTORS | ORG_CONNECTORS
    suffixes = {""}
    for k in range(len(words) - 1, -1, -1):
        word = words[k].group(0)
        gap = text[words[k].end() : words[k + 1].start() if k + 1 < len(words) else end]
        if gap.strip(" ,"):
            return None  # punctuation other than a listing comma ends the name
        if word.lower() in connectors or word in _LETTERED_LINKS:
            suffixes |= {word[0].lower() + x for x in suffixes if letters.endswith(word[0].lower() + x)}
            continue
        if not word[0].isupper():
            return None
        suffixes = {word[0].lower() + x for x in suffixes if letters.endswith(word[0].lower() + x)}
        if not suffixes:
            return None
        if letters in suffixes and len(letters) >= 2:
            return k
    return None


# Company names ending in a dotted legal form, which the model cuts or reads as a person ("Mandadito Tecnologías
# S.A. de C.V."): the form's dots also hide it from the organisation-tail word list.
_LEGAL_FORMS = (
    r"(S\.\s?A\.(?:\s?[BCA]\.)?(?:\s+de\s+C\.\s?V\.)?|S\.\s?de\s+R\.\s?L\.(?:\s+de\s+C\.\s?V\.)?|S\.\s?A\.\s?S\.|"
    r"S\.\s?L\.(?:\s?[UP]\.)?|S\.\s?R\.\s?L\.|S\.\s?p\.\s?A\.|E\.\s?I\.\s?R\.\s?L\.|Ltda\.?|Lda\.?|SGPS|S\.G\.P\.S\.|"
    r"N\.\s?V\.|B\.\s?V\.|"
    # English dotted forms the model cuts at the first dot: "Shreeram Infraprojects Pvt. Ltd.", "Acme Holdings Inc."
    r"(?:Pvt|Pty)\.?\s?Ltd\.?|Ltd\.|Inc\.|Corp\.|L\.L\.C\.)"
)
# "Andes Ticket Perú S.A.C." without its legal form (and the country of the branch) is the same company.
_LEGAL_TAIL = re.compile(rf"(?:[{_CAP}][\w'’-]*\s+)?(?:{_LEGAL_FORMS}|(?i:inc|corp|ltd|llc|plc|ag|gmbh|sa)\.?)")
# Lower-case name links ("Asas do Norte Aviação Ltda.") may stand between the capitalised words, and a comma
# before the form ("Conservas del Cantábrico, S.L.", "Acme Holdings, Inc.").
_LEGAL_FORM_COMPANY = re.compile(
    rf"(?<![\w'’-])((?:[{_CAP}][\w'’&-]*\s+(?:(?:de|del|do|da|dos|das)\s+(?=[{_CAP}]))?){{0,4}}[{_CAP}][\w'’&-]*)"
    r",?\s+" + _LEGAL_FORMS
)


def _legal_form_candidates(
    clean_text: str, paragraphs: Sequence[tuple[int, int]], found: Sequence[_Candidate]
) -> Iterable[_Candidate]:
    """The capitalised words before the legal form, less a sentence opener no name found there starts with
    ("Según Repsol S.A.": "Repsol S.A.")."""
    named = {c.start for c in found if c.start is not None}
    for p_start, p_end in paragraphs:
        for match in _LEGAL_FORM_COMPANY.finditer(clean_text, p_start, p_end):
            words = list(_EXPANSION_WORD.finditer(clean_text, match.start(1), match.end(1)))
            while words and (
                words[0].group(0).lower() in LEADING_ARTICLES | NAME_CONNECTORS
                or (words[0].start() not in named and _sentence_start(clean_text, p_start, words[0].start()))
            ):
                words.pop(0)
            if words:
                start = words[0].start()
                yield _Candidate(start, match.end(), clean_text[start : match.end()], "organization", 10.0)


# A US legislator's party-and-home tag: "Sen. Ann Ruiz, D-Yakima," or "(R-Twin Falls)"; the model glues the
# party letter to the town or drops it.
_PARTY_TOWN = re.compile(rf"[,(]\s?[RDI]-(?P<town>[{_CAP}][a-z]+(?:\s[{_CAP}][a-z]+)?)(?=[,)])")


def _party_town_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    for p_start, p_end in paragraphs:
        for match in _PARTY_TOWN.finditer(clean_text, p_start, p_end):
            yield _Candidate(match.start("town"), match.end("town"), match.group("town"), "place", 10.0)


# Spanish courts are named by jurisdiction after "de lo" and by number and seat: "Juzgado de lo Social número 2 de
# Vigo", "Sala de lo Penal", "Juzgado de Instrucción nº 4 de Ourense"; the model cuts them at "lo" or the number.
_COURT_NAME = re.compile(
    rf"(?<![\w'’-])(?:Juzgados?|Sala|Tribunal|Audiencia|Sección)"
    rf"(?P<words>(?:\s+(?:(?:de\s+lo|de|del|e|y)\s+)?[{_CAP}][\w'’-]*)+)"
    rf"(?P<number>\s+(?:número|núm\.|nº|n\.º)\s*\d+)?"
    rf"(?:\s+de\s+[{_CAP}][\w'’-]*(?:\s+(?:de\s+)?[{_CAP}][\w'’-]*){{0,2}})?"
)


def _court_candidates(clean_text: str, paragraphs: Sequence[tuple[int, int]]) -> Iterable[_Candidate]:
    for p_start, p_end in paragraphs:
        for match in _COURT_NAME.finditer(clean_text, p_start, p_end):
            if match.group("number") or re.match(r"\s+de\s+lo\s", match.group("words")):
                yield _Candidate(match.start(), match.end(), match.group(0), "organization", 10.0)


# Police and military operations are events: "Operação Ouro Turvo", "Operación Jaque", "Operation Sandstorm".
_OPERATION_WORDS = frozenset({"operacao", "operacion", "operation", "operativo"})
# Laws and treaties are not annotated, like events: "Ley de Vivienda", "Lei Complementar 173", "Tratado de Lisboa",
# "the Financial Services and Markets Act", "the Online Safety Bill" (whose words would otherwise join other bodies).
_LAW_HEADS = frozenset({"ley", "lei", "decreto", "tratado", "treaty"})
_LAW_TAILS = frozenset({"act", "bill"})


def _names_a_law(key: str) -> bool:
    words = key.split()
    return len(words) >= 2 and (words[0] in _LAW_HEADS or words[-1] in _LAW_TAILS)


_OPENING_MARKS = ('"', "“", "«", "‘")
_CLOSING_MARKS = ('"', "”", "»", "’")


def _fills_quote_marks(text: str, cand: _Candidate) -> bool:
    """ "a série “Rota do Ouro”", "the mission, nicknamed \"Night Owl,\"": a name that is all a pair of quote marks
    holds is a title or a nickname, not a body, place or person."""
    if cand.start is None or cand.end is None or cand.start == 0:
        return False
    # A nickname may keep its article inside the marks: 'Matías “el Tano” Pirri'.
    opened = text[cand.start - 1] in _OPENING_MARKS or _NICKNAME_ARTICLE.search(text, 0, cand.start) is not None
    return opened and text[cand.end : cand.end + 2].lstrip(",.")[:1] in _CLOSING_MARKS


_NICKNAME_ARTICLE = re.compile(r"[\"“‘«](?:el|la|o|a|the)\s$")


def _sentence_start(text: str, floor: int, pos: int) -> bool:
    """Whether the word starting at `pos` opens a sentence (then its capital says nothing)."""
    prefix = text[floor : max(floor, pos)].rstrip()
    return not prefix or prefix.endswith((".", "!", "?", ":", "—", "\n", "«", "“", '"'))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, child: str, parent: str) -> None:
        self.parent[self.find(child)] = self.find(parent)


def _contains(long: list[str], short: list[str]) -> int:
    """Index where `short` occurs contiguously in `long`, or -1."""
    n = len(short)
    for i in range(len(long) - n + 1):
        if long[i : i + n] == short:
            return i
    return -1


def _initials(text: str) -> str:
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in NAME_CONNECTORS | ORG_CONNECTORS]
    return "".join(w[0] for w in words if w[0].isupper()).lower()


def _initials_before_ordinal(text: str) -> str | None:
    """ "Tribunal Regional do Trabalho da 15ª Região" is the TRT: a court's numbered region is left out."""
    match = _ORDINAL.search(text)
    return _initials(text[: match.start()]) if match else None


def _initials_of_listing(text: str) -> str | None:
    """ "National Union of Rail, Maritime and Transport Workers" is the RMT: a body listing its trades or portfolios
    goes by the initials of the list, its head and last word left out."""
    if "," not in text:
        return None
    match = re.search(r"\b(?:of|for|de|do|da)\s+", text)
    if match is None:
        return None
    words = [
        w for w in re.findall(r"[\w'’-]+", text[match.end() :]) if w.lower() not in NAME_CONNECTORS | ORG_CONNECTORS
    ]
    if words and normalize_name(words[-1]) in ORG_TAILS:
        words = words[:-1]
    return "".join(w[0] for w in words if w[0].isupper()).lower() or None


def _initials_after_place(form: _Form, forms: dict[str, _Form]) -> str | None:
    """ "Nevada Department of Public Safety" is the DPS: an agency's acronym may leave out the place it serves."""
    words = form.display.split()
    head = normalize_name(words[0]) if len(words) > 2 else ""
    if head in COUNTRY_KEYS or head in _PLACE_KEYS or (head in forms and forms[head].kind == "place"):
        return _initials(" ".join(words[1:]))
    return None


# "known by its Swahili acronym DOWUTA", "conocida por sus siglas como X", "conhecido pela sigla X"
_ALIAS_CUE = re.compile(
    r"(?:known\s+(?:by\s+(?:its|the)\s+(?:\w+\s+)?(?:acronym|initials)|as)|"
    r"conocid[oa]s?\s+(?:por\s+sus\s+siglas(?:\s+en\s+\w+)?(?:\s+como)?|como)|"
    r"conhecid[oa]s?\s+(?:pela\s+sigla|como))\s+([A-Z][A-Z0-9]{1,9})\b"
)


def _link_forms(forms: dict[str, _Form], clean_text: str) -> _UnionFind:
    """Short forms join the full name they abbreviate; acronyms join their expansions."""
    links = _UnionFind()
    ordered = sorted(forms.values(), key=lambda f: (-len(f.tokens), f.first))
    paren_acronyms: dict[str, int] = {}
    for match in _PAREN_ACRONYM.finditer(clean_text):
        paren_acronyms.setdefault(normalize_name(match.group(1)), match.start())
    for match in _PAREN_CONTRACTION.finditer(clean_text):
        # "Aguas de la Costa Norte (Aguacosta)": a longer short name in brackets contracts the name before it, whose
        # opening it repeats; a place in brackets ("(Guadalajara)") does not.
        word = normalize_name(match.group(1))
        before = normalize_name(clean_text[max(0, match.start() - 80) : match.start()]).split()
        if any(len(w) >= 4 and word.startswith(w[:4]) for w in before[-6:]):
            paren_acronyms.setdefault(word, match.start())
    aliases = {normalize_name(m.group(1)): m.start() for m in _ALIAS_CUE.finditer(clean_text)}
    # "a Antaq (Agência Nacional de Transportes Aquaviários)": initials written as a word, spelled out after them.
    spelled_out = {normalize_name(m.group(1)) for m in _ACRONYM_THEN_NAME.finditer(clean_text) if _spells_after(m)}
    heads = Counter(f.tokens[0] for f in forms.values() if len(f.tokens) > 1 and f.tokens[0] in ORG_HEADS)
    # Head words inside a name's own part, before its first "de": "Corte" in "Suprema Corte de Justicia de la Nación".
    inner_heads = Counter(
        w
        for f in forms.values()
        if len(f.tokens) > 1
        for w in set(f.tokens[: next((i for i, t in enumerate(f.tokens) if t in _SPLIT_CONNECTORS), len(f.tokens))])
        if w in ORG_HEADS
    )
    for short in ordered:
        kind = short.kind
        options: list[_Form] = []
        acronym = (
            (short.display.replace(".", "").isupper() and 2 <= len(short.display.replace(".", "")) <= 8)
            or (len(short.tokens) == 1 and short.key in paren_acronyms and short.display[:1].isupper())
            or short.key in spelled_out
        )
        for long in ordered:
            if long.key == short.key or len(long.tokens) < len(short.tokens):
                continue
            if len(long.tokens) == len(short.tokens):
                # "Grupo Vasconcellos" / "Vasconcellos Energia": two variants of one company's name.
                if kind == long.kind == "organization" and long.first < short.first and _variants(long, short, forms):
                    options.append(long)
                continue
            long_kind = long.kind
            at = _contains(long.tokens, short.tokens)
            if (
                at < 0
                and kind == long_kind == "person"
                and len(short.tokens) == 2
                and len(long.tokens) in (3, 4)
                and short.tokens[0] == long.tokens[0]
                and short.tokens[-1] == long.tokens[-1]
            ):
                at = 0  # "Manuel Rebelo" is "Manuel Teixeira Rebelo" without the middle name
            if (
                at == 0
                and long_kind == "person"
                and len(long.tokens) == len(short.tokens) + 1
                and long.tokens[-1] in GENERATIONAL_SUFFIXES
            ):
                pass  # "Walter Medeiros" beside "Walter Medeiros Filho": the father, not the son's short name
            elif at >= 0 and long_kind == "person" and _placed_everywhere(short, clean_text):
                pass  # "do distrito de Braga" beside "Inês Braga Cardoso": the place her name shares, not her
            elif (at >= 0 and long_kind == "person" and kind != "organization") or (
                # One written word, even when a hyphen makes it two keys: "Okafor-Reyes" typed as an organisation.
                at >= 0 and long_kind == "person" and kind == "organization" and len(short.display.split()) == 1
            ):
                options.append(long)
            elif (
                at >= 0
                and long_kind == "organization"
                and (kind != "place" or 2 * short.after_article > len(short.spans))
            ):
                split = next((i for i, w in enumerate(long.tokens) if w in _SPLIT_CONNECTORS), len(long.tokens))
                if (
                    (at == 0 and len(short.tokens) > 1 and short.first >= long.first)
                    # "Conservas del Cantábrico" before "Conservas del Cantábrico, S.L.": the form adds nothing.
                    or (at == 0 and _with_legal_tail(short, long))
                    or (len(short.tokens) == 1 and at < split and short.tokens[0] not in ORG_HEADS)
                    or (at == 0 and len(short.tokens) == 1 and heads.get(short.key) == 1)
                    or (0 < at < split and len(short.tokens) == 1 and inner_heads.get(short.key) == 1)
                    # "No Mário Gatti, a espera ...": the hospital by its namesake, after "Hospital Municipal Dr."
                    or (0 < at == len(long.tokens) - len(short.tokens) and long.tokens[at - 1] in _NAMESAKE_TITLES)
                ):
                    # The last: "la Registraduría" after "Registraduría Nacional del Estado Civil", when no other
                    # body of the article opens with that head word.
                    options.append(long)
            elif at == 0 and long_kind == "organization" and _with_legal_tail(short, long):
                options.append(long)  # "Altiplano Lithium" is "Altiplano Lithium S.A.", whatever the model thought
            elif (
                at == 0
                and long_kind == "organization"
                and (
                    (len(short.tokens) == 1 and all(w in ORG_TAILS for w in long.tokens[1:]))
                    # "Eskom", "Marula Ridge": the opening words of a company with a legal form are its short name.
                    or _LEGAL_FORM_END.search(long.display) is not None
                )
                and short.key not in COUNTRY_KEYS
                and short.key not in _PLACE_KEYS
                and not _seat_of_bodies(short, forms)
            ):
                options.append(long)  # "Navalia" is "Navalia Renovables", whatever the model thought it was
            elif long_kind == "organization" and kind == "organization" and at < 0:
                # Every name word of the shorter one: "Competition and Markets Authority" is not the "Financial
                # Services and Markets Act", nor is the "Financial Times".
                shared = _distinctive(short.tokens) & _distinctive(long.tokens)
                if shared != _distinctive(short.tokens):
                    shared = set()
                kinds_short = {w for w in short.tokens if w in ORG_HEADS or w in ORG_TAILS}
                kinds_long = {w for w in long.tokens if w in ORG_HEADS or w in ORG_TAILS}
                if kinds_short and kinds_long and not kinds_short & kinds_long:
                    shared = set()  # "X County Board" and "X Education Association": two bodies of one place
                if any(w in COUNTRY_KEYS or w in _PLACE_KEYS for w in set(short.tokens) - set(long.tokens)):
                    shared = set()  # "NHS England" is not "Harrogate NHS Trust": a place word the long name lacks
                if shared:
                    options.append(long)
            if acronym and long_kind in ("organization", "place"):
                expansions = _ACRONYM_KEYS.get(short.key, frozenset())
                letters = short.key.replace(" ", "")
                if (
                    long.key in expansions
                    or _initials(long.display) == letters
                    or _initials_before_ordinal(long.display) == letters
                    or _initials_of_listing(long.display) == letters
                    or _initials_after_place(long, forms) == letters
                    or (
                        short.key in paren_acronyms
                        and not (long_kind == "place" and kind == "organization")  # "MEXICO CITY (AP)"
                        and any(0 <= paren_acronyms[short.key] - e <= 2 for _s, e, _t in long.spans)
                    )
                    or (short.key in aliases and any(0 <= aliases[short.key] - e <= 60 for _s, e, _t in long.spans))
                    or _expanded_after(short, long, clean_text)
                ):
                    options.append(long)
            elif (
                len(short.tokens) == 1
                and long_kind == "organization"
                and len(long.tokens) >= 3
                and _expanded_after(short, long, clean_text)
            ):
                options.append(long)  # "a Fesete (Federação dos Sindicatos ...)": a short name spelled out after it
        if not options and kind == "place" and len(short.tokens) == 1:
            options = [
                long
                for long in ordered
                if long.kind == "place"
                and long.key != short.key
                and (
                    # "Lagos" after "Lagos de Moreno": a place named by the words before its "de".
                    (
                        len(long.tokens) > 2
                        and long.tokens[0] == short.key
                        and long.tokens[1] in _SPLIT_CONNECTORS
                        and long.first < short.first
                    )
                    # "GUADALAJARA, Jal.-": a state or province cut short with a stop.
                    or (
                        len(long.tokens) == 1
                        and len(short.key) >= 3
                        and long.key.startswith(short.key)
                        and all(clean_text[e : e + 1] == "." for _s, e, _t in short.spans)
                    )
                )
            ]
        state = US_STATE_ABBREVIATIONS.get(short.display)
        if not options and state is not None and forms.get(normalize_name(state), _Form("")).kind == "place":
            options = [forms[normalize_name(state)]]  # "Fla." is Florida
        if not options and short.key == "camara" and short.kind != "place":
            # "la Cámara" after "el Congreso": the one legislature the article names.
            houses = [f for f in forms.values() if f.tokens and f.tokens[0] in _LEGISLATURES and f.key != short.key]
            if len({h.key for h in houses}) == 1:
                options = houses
        if not options:
            continue
        if acronym:
            # An acronym spelling a name's initials ("SP", São Paulo) beats a name it merely follows in parentheses.
            spelled = [o for o in options if _initials(o.display) == short.key.replace(" ", "")]
            options = spelled or options
            # "Sindicato Nacional dos Maquinistas ... (SMAQ)": not the tail the model cut out of the whole name.
            options = [
                o for o in options if not any(_inside(o, other) for other in options if other is not o)
            ] or options
            if not spelled:
                # "Companhia Docas do Rio Grande do Norte (Codern)": letters spelling neither, the body the brackets
                # close, not the state its name ends with.
                options = [o for o in options if o.kind == "organization"] or options
        elif len(short.tokens) == 1 and kind == "organization":
            # "Harcourt" after "Harcourt Foods" and "the Harcourt Investor Group": the body the article names most.
            most = max(len(o.spans) for o in options)
            options = [o for o in options if len(o.spans) == most]
        before = [o for o in options if o.first <= short.first]
        target = max(before, key=lambda o: o.first) if before else min(options, key=lambda o: o.first)
        if target.kind == "person" and kind != "person":
            # A surname the model typed as a place still belongs to the person the article names in full.
            for vote_kind in list(short.votes):
                if vote_kind != "person":
                    short.votes[vote_kind] *= 0.3
        links.union(short.key, target.key)
    return links


def _with_legal_tail(short: _Form, long: _Form) -> bool:
    """Whether the longer name is the shorter one and a legal form ("Altiplano Lithium S.A.", "Acme, Inc.")."""
    return long.display.startswith((short.display + " ", short.display + ", ")) and bool(
        _LEGAL_TAIL.fullmatch(long.display[len(short.display) + 1 :].lstrip())
    )


_LEGAL_FORM_END = re.compile(
    r"\s(?:Ltd|plc|PLC|Inc|Corp|LLC|AG|GmbH|S\.?\s?A|S\.?\s?L|N\.?\s?V|B\.?\s?V|S\.?p\.?A|Ltda|Lda|Pty|Pvt)\.?$"
)
_LEGISLATURES = frozenset(
    {"congreso", "congresso", "senado", "parlamento", "asamblea", "assembleia", "cortes", "legislatura"}
)


def _seat_of_bodies(form: _Form, forms: dict[str, _Form]) -> bool:
    """ "Universidad Nacional de Jujuy", "Legislatura de Jujuy": a word that closes other bodies' names after "de/of"
    is where they sit, a place, not the short name of a company it also opens ("Jujuy Energía")."""
    return any(
        f.kind == "organization"
        and len(f.tokens) > 2
        and f.tokens[-1] == form.key
        and f.tokens[-2] in _SPLIT_CONNECTORS
        for f in forms.values()
    )


def _inside(form: _Form, other: _Form) -> bool:
    """Every mention of `form` lies within a longer mention of `other`."""
    return bool(form.spans) and all(
        any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _t2 in other.spans) for s, e, _t in form.spans
    )


# A place's own frame: "en Cuernavaca, Morelos", "do distrito de Braga", "the town of Moe".
_PLACE_FRAME_BEFORE = re.compile(
    r"(?:\b(?:distrito|círculo|circulo|ciudad|cidade|estado|municipio|município|concelho|provincia|província|"
    r"departamento|town|city|county|state|suburb)\s+(?:de|do|da|del|of)\s+$)|(?:\b(?:in|en|em)\s+[A-ZÁÉÍÓÚ][\w-]+,\s+$)"
)


def _placed_everywhere(short: _Form, clean_text: str) -> bool:
    """A one-word form typed a place whose every mention sits in a place's frame."""
    return (
        short.kind == "place"
        and len(short.tokens) == 1
        and bool(short.spans)
        and all(_PLACE_FRAME_BEFORE.search(clean_text, max(0, s - 30), s) for s, _e, _t in short.spans)
    )


def _expanded_after(short: _Form, long: _Form, clean_text: str) -> bool:
    """ "O INSA (Instituto Nacional de Saúde Doutor Ricardo Jorge)": an acronym spelled out in parentheses after it,
    whatever letters the acronym keeps."""
    return any(
        0 < ls - se <= 4 and re.fullmatch(r"\s*\(\s*", clean_text[se:ls])
        for _ss, se, _st in short.spans
        for ls, _le, _lt in long.spans
    )


def _variants(a: _Form, b: _Form, forms: dict[str, _Form]) -> bool:
    """Two organisation names sharing a name-like word that no other entity of the article carries, that is not a
    place and not a common word: "Construcciones Arnedo" and "Arnedo Infraestructuras" are one company."""
    shared = {
        w
        for w in _distinctive(a.tokens) & _distinctive(b.tokens)
        if w not in COUNTRY_KEYS and w not in _PLACE_KEYS and w not in _NOT_NAME_KEYS and w not in _ORG_TYPE_KEYS
    }
    if not shared or len(a.tokens) > 3:
        return False
    own_a, own_b = _distinctive(a.tokens) - shared, _distinctive(b.tokens) - shared
    if own_a and own_b and max(len(own_a), len(own_b)) >= 2:
        # "Oregon Health Authority", "Cascade Valley Health": a name with two name words of its own besides the
        # shared one is named by them; the shared word is its trade.
        return False
    if any(f.display.startswith("The ") for f in (a, b)):
        return False  # "The Capitol Ledger": a title written with its article is one fixed name, not "Capitol Hill"
    both = set(a.tokens) | set(b.tokens)
    for other in forms.values():
        if other.key in (a.key, b.key) or not shared & set(other.tokens):
            continue
        if other.kind != "organization" or not set(other.tokens) <= both:
            return False  # "Banco Arnedo" or a person called Arnedo: the word is not one company's
    return True


# Adjectives of a body's reach that unrelated bodies share: "Policía Nacional" and "Asamblea Nacional" are two.
_SCOPE_ADJECTIVES = frozenset(
    {"nacional", "national", "federal", "regional", "provincial", "municipal", "estatal", "central", "general"}
    | {"internacional", "international", "mundial", "world", "europeo", "europea", "europeu", "europeia", "european"}
)


def _distinctive(tokens: list[str]) -> set[str]:
    split = next((i for i, w in enumerate(tokens) if w in _SPLIT_CONNECTORS), len(tokens))
    # "and" is no name word: "Research Designs and Standards Organisation" shares nothing with "X Road and Y Lake".
    # "Sport" is a trade word too: "Sport TV" is not "Vitória Sport Clube".
    return {w for w in tokens[:split] if w not in ORG_HEADS and w not in ORG_TAILS and len(w) > 2} - (
        NAME_CONNECTORS | ORG_CONNECTORS | _SCOPE_ADJECTIVES | {"sport", "sports"}
    )


def _propagate(groups: dict[str, list[_Form]], clean_text: str) -> dict[str, list[tuple[int, int, str]]]:
    """Find every occurrence of a known surface form, including the ones the model missed."""
    surface_to_group: dict[str, str] = {}
    for root, forms in groups.items():
        for form in forms:
            for text in form.texts:
                if (len(text) >= 3 or text.isupper()) and text.lower() not in NOT_NAMES and _is_capitalised(text):
                    surface_to_group.setdefault(text, root)
    taken = set(surface_to_group)
    for root, forms in groups.items():
        for form in forms:
            if form.kind != "person" or len(form.tokens) < 2:
                continue
            for text in list(form.texts)[:1]:
                words = text.split()
                if len(words) < 2:
                    continue  # several tokens, one word: "Okafor-Reyes", "O'Driscoll"
                # "Amina Odhiambo" is later "Odhiambo"; "Íñigo Vallejo Arrieta" is later "Vallejo".
                for short in {words[-1], " ".join(words[1:]), words[1]}:
                    if len(short) >= 3 and _is_capitalised(short) and short not in taken:
                        surface_to_group.setdefault(short, root)
    for root, forms in groups.items():
        orgs = [f for f in forms if f.kind == "organization" and len(f.tokens) >= 2]
        if len(orgs) < 2:
            continue
        # "Tavera Energía" and "Grupo Tavera": the word both variants share is the company's short name.
        shared = set.intersection(*(_distinctive(f.tokens) for f in orgs))
        for form in orgs[:1]:
            for word in next(iter(form.texts)).split():
                if normalize_name(word) in shared and _is_capitalised(word) and len(word) >= 3 and word not in taken:
                    surface_to_group.setdefault(word, root)
    mentions: dict[str, list[tuple[int, int, str]]] = {root: [] for root in groups}
    if not surface_to_group:
        return mentions
    alternatives = sorted(surface_to_group, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])")
    for match in pattern.finditer(clean_text):
        mentions[surface_to_group[match.group(0)]].append((match.start(), match.end(), match.group(0)))
    return mentions


def extract_entities(
    *,
    clean_text: str,
    paragraphs: Sequence[tuple[int, int]],
    docs: Sequence[Doc],
    boilerplate: Sequence[BoilerplateLine],
    boilerplate_docs: Sequence[Doc],
    trained: bool,
    datelines: Sequence[tuple[int, Dateline]] = (),
) -> EntityIndex:
    """One entity per real-world referent, with all its mentions in `clean_text`."""
    candidates: list[_Candidate] = []
    for (start, _end), doc in zip(paragraphs, docs, strict=True):
        candidates.extend(_doc_candidates(doc, start, trained))
    candidates.extend(_dateline_candidates(clean_text, datelines))
    candidates.extend(_byline_paragraph_candidates(clean_text, paragraphs))
    candidates.extend(_nickname_candidates(clean_text, paragraphs))
    candidates.extend(_particle_surname_candidates(clean_text, paragraphs, candidates))
    candidates.extend(_gazetteer_candidates(clean_text, paragraphs, candidates))
    candidates.extend(_company_candidates(clean_text, paragraphs))
    candidates.extend(_expansion_candidates(clean_text, paragraphs))
    candidates.extend(_expansion_after_candidates(clean_text, paragraphs))
    candidates.extend(_legal_form_candidates(clean_text, paragraphs, candidates))
    candidates.extend(_court_candidates(clean_text, paragraphs))
    candidates.extend(_party_town_candidates(clean_text, paragraphs))
    for line, doc in zip(boilerplate, boilerplate_docs, strict=True):
        candidates.extend(_boilerplate_candidates(line))
        if agency := AGENCY_LINE.match(line.text.strip()):
            # The model reads "(Com Lusa)" as one name, a place; the credit names the agency alone.
            candidates.append(_Candidate(None, None, agency.group("org"), "organization", 10.0))
        elif (line.kind == "credit" and not WIRE_CREDIT.match(line.text)) or line.kind == "read_more":
            # A wire's closing credits are read by rule alone: the model glues "Información de" to the name. A linked
            # headline ("Lea también: La Generalitat licita ... en Alicante") names bodies and places as any sentence.
            candidates.extend(_doc_candidates(doc, None, trained))
    forms: dict[str, _Form] = {}
    titled: set[str] = set()
    for cand in candidates:
        key = normalize_name(cand.text)
        if key and _fills_quote_marks(clean_text, cand):
            titled.add(key)
            continue
        if not key or key.split()[0] in _OPERATION_WORDS or key in _HANDOUT_WORDS or _names_a_law(key):
            continue
        form = forms.setdefault(key, _Form(key))
        if cand.vouched:
            form.vouched = True
            continue
        form.votes[cand.kind] += cand.weight
        if cand.start is not None or cand.weight < 10 or not form.texts:
            form.texts[cand.text] += 1
        if cand.start is not None:
            form.first = min(form.first, cand.start)
            form.spans.append((cand.start, cand.end, cand.text))
            if _ARTICLE_BEFORE.search(clean_text, max(0, cand.start - 5), cand.start):
                form.after_article += 1
    for key in titled:
        if key in forms and not forms[key].spans:
            del forms[key]  # the rules' votes for a slogan or title in quote marks make no entity of it
    if not forms:
        return EntityIndex(entities=[]).build()
    for form in forms.values():
        if not form.texts:
            form.texts[form.key] += 1
    _vote_match_opponents(forms, clean_text)
    _split_leading_organisations(forms, clean_text)
    links = _link_forms(forms, clean_text)
    groups: dict[str, list[_Form]] = {}
    for key, form in forms.items():
        groups.setdefault(links.find(key), []).append(form)
    for root in [root for root, members in groups.items() if _only_opens_sentences(members, clean_text)]:
        del groups[root]
    found = _propagate(groups, clean_text)
    entities: list[tuple[int, ExtractedEntity]] = []
    covered: list[tuple[int, int]] = []
    for root, members in groups.items():
        votes: Counter = Counter()
        for form in members:
            votes.update(form.votes)
        kind = votes.most_common(1)[0][0]
        if kind == "person":
            kind = _orphan_kind(members, clean_text) or kind
        canonical = max(members, key=lambda f: (len(f.tokens), sum(f.texts.values()), -f.first))
        if canonical.key in COUNTRY_KEYS:
            kind = "place"
        elif kind == "person" and len(canonical.tokens) > 1 and set(canonical.tokens) & _CLUB_WORDS:
            kind = "organization"  # "o Vitória Sport Clube", "Vitória" alone: a club named with a first name
        name = canonical.display
        spans = {(s, e): t for s, e, t in (m for form in members for m in form.spans)}
        for s, e, t in found[root]:
            spans.setdefault((s, e), t)
        aliases = sorted({f.display for f in members if f is not canonical and f.display != name})
        mentions = [TextSpan(start=s, end=e, text=t) for (s, e), t in sorted(spans.items())]
        first = mentions[0].start if mentions else len(clean_text) + 1
        entities.append((first, ExtractedEntity(kind=kind, name=name, aliases=aliases, mentions=mentions)))
        covered.extend((m.start, m.end) for m in mentions)
    entities.sort(key=lambda pair: pair[0])
    result = [_drop_nested(e, covered) for _first, e in entities]
    return EntityIndex(entities=[e for e in result if e is not None]).build()


# "towards Yelahanka", "the airport at Devanahalli": prepositions of place and direction.
_ORPHAN_PLACE_BEFORE = re.compile(
    r"\b(?:de|del|do|da|en|em|in|of|no|na|at|towards|toward|near|outside|around|via)\s+$", re.IGNORECASE
)
_ORPHAN_ORG_BEFORE = re.compile(r"\b(?:la|el|al|del|o|a|ao|do|da|à|pelo|pela|the)\s+$", re.IGNORECASE)


def _orphan_kind(members: list[_Form], clean_text: str) -> EntityKind | None:
    """A lone word typed as a person that the article never gives a first name or a full name for is rarely one:
    news introduces people in full. With an article before it ("la Registraduría", "ao Infarmed") it is a body;
    after "de/en/in" every time ("el pabellón de Caminomorisco") it is a place."""
    if len(members) != 1:
        return None
    form = members[0]
    text = next(iter(form.texts), "")
    if text.isupper() and text.isalpha() and 2 <= len(text) <= 8 and form.spans and form.key not in GIVEN_NAMES:
        return "organization"  # "Desde el PSOE, el portavoz ...": initials alone, linked to no person, are a body
    if (
        len(text.split()) != 1
        or not form.spans
        or text.isupper()
        or form.tokens[0] in GIVEN_NAMES
        or form.votes["person"] >= 5.0
    ):
        return None
    befores = [clean_text[max(0, s - 12) : s] for s, _e, _t in form.spans]
    if all(_ORPHAN_ORG_BEFORE.search(b) for b in befores) and not all(_ORPHAN_PLACE_BEFORE.search(b) for b in befores):
        return "organization"
    if all(_ORPHAN_PLACE_BEFORE.search(b) for b in befores):
        return "place"
    return None


def _only_opens_sentences(members: list[_Form], clean_text: str) -> bool:
    """A lone capitalised word seen only where every word is capitalised (opening a sentence or a quote: "Hoje",
    "Moradores", "«Escribí") and never with a name-like shape elsewhere is a common word the model mistook."""
    if len(members) != 1:
        return False
    form = members[0]
    text = next(iter(form.texts), "")
    if len(form.tokens) != 1 or not form.spans or text.isupper() or form.key in COUNTRY_KEYS or text in PLACES:
        return False
    if form.kind == "place" and (form.key in _PLACE_KEYS or form.key in capital_keys()):
        return False  # "Washington, en cambio, respaldó a Argentina", "Brasilia, por su parte, evitó pronunciarse"
    if max(form.votes.values(), default=0.0) >= 5.0 or form.vouched:
        return False  # a rule (organisation head, role noun, introducing noun, a named subject) vouches for it
    return all(_sentence_start(clean_text, 0, s) for s, _e, _t in form.spans)


# A match report: a score and the game's words. Only there does "visita a X" or "ante X" name a team.
_MATCH_SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")
_MATCH_WORDS = re.compile(
    r"\b(?:goles?|gols?|goals?|partidos?|clásico|classic|derby|derbi|hinchas|torcida|fans|estadio|estádio|stadium|"
    r"torneo|campeonato|league|liga|delantero|arquero|portero|goleiro|atacante|striker|goalkeeper|midfielder|"
    r"entrenador|treinador|técnico|DT|manager)\b",
    re.IGNORECASE,
)
# The opponent after a result or a fixture's verb: "se impuso 2-1 a X", "un triunfo 2-1 sobre X", "visita a X",
# "empató con X", "venceu o X", "perdeu para o X", "beat X", "drew with X".
_OPPONENT_BEFORE = re.compile(
    r"(?:\b\d{1,2}\s?[-–]\s?\d{1,2}\s+(?:a|al|ante|sobre|frente a|contra|against|over|sobre o|contra o|diante do)|"
    r"\b(?:visita|visitará|visitó|recibe|recibirá|recibió|enfrenta|enfrentará|enfrentó|venció|derrotó|goleó|"
    r"eliminó|se impuso|superó)\s+a|\b(?:empató|igualó)\s+(?:con|ante)|\b(?:cayó|perdió)\s+(?:ante|con|frente a)|"
    r"\b(?:venceu|derrotou|goleou|enfrenta|enfrentou|recebe|recebeu|visita|visitou|eliminou)\s+(?:o|a)|"
    r"\b(?:empatou com|perdeu para)\s+(?:o|a)|\b(?:beat|beats|defeated|faced|faces|hosts|hosted|drew with|lost to)"
    r")\s+$",
    re.IGNORECASE,
)


_CLUB_WORDS = frozenset({"clube", "club", "fc", "cf", "sc"})
# Last words of clubs' names that the model reads as surnames: "Rosario Central", "Boca Juniors", "Leeds United".
_CLUB_TAILS = frozenset(
    {"central", "juniors", "united", "city", "plate", "boys", "athletic", "rovers", "wanderers", "albion", "hotspur"}
)


def _vote_match_opponents(forms: dict[str, _Form], clean_text: str) -> None:
    """In a match report a team is named where a city would be ("se impuso 2-1 a Rosario Central", "visita a Talleres
    en Córdoba"), and the model types the club a place: the opponent of a result or a fixture is a club."""
    if not _MATCH_SCORE.search(clean_text) or len(_MATCH_WORDS.findall(clean_text)) < 3:
        return
    for form in forms.values():
        if form.key in _CLUB_TAILS and form.kind == "place":
            # "Central recibe a Lanús": a club by the last word of its name, which no place is named by alone.
            form.votes["organization"] += form.votes["place"] + 1.0
            continue
        if form.key in COUNTRY_KEYS or (form.kind == "person" and form.tokens[-1] not in _CLUB_TAILS):
            continue  # "ante Brasil" is a national team, named as its country; "venció a Sinner", a player
        for start, _end, _text in form.spans:
            if _OPPONENT_BEFORE.search(clean_text, max(0, start - 30), start):
                form.votes["organization"] += 3.0


_ROLE_SEAT_BEFORE = re.compile(
    r"\b(?:ex-?)?(?:gobernador|gobernadora|governador|governadora|alcalde|alcaldesa|prefeito|prefeita|intendente|"
    r"governor|mayor)a?\s+(?:de|del|de la|do|da|of)(?:\s+(?:el|la|o|a|the))?\s+$",
    re.IGNORECASE,
)


def _split_leading_organisations(forms: dict[str, _Form], clean_text: str) -> None:
    """ "a diretora da Anvisa Cláudia Moretti" comes out of the model as one person: an organisation's short name
    glued in front of a person's name is cut off, so the person keeps only their own name."""
    org_keys = {k for k, f in forms.items() if f.kind == "organization" and len(f.tokens) == 1}
    # One word the article also names on its own, with some vote as a body: "da Codern Rogério Albuquerque de Lacerda"
    # glues the company, typed a place until its expansion is linked, to its former director. A venue's nickname
    # ("el Coloso Marcelo Bielsa") has no such vote: the stadium is named after the person.
    named_alone = {
        k
        for k, f in forms.items()
        if len(f.tokens) == 1
        and f.spans
        and f.votes["organization"] > 0
        and f.kind != "person"
        and k not in GIVEN_NAMES
    }
    for key in list(forms):
        form = forms[key]
        words = form.tokens
        cut = _person_after_prefix(form, org_keys, named_alone)
        if cut is None or (cut == 1 and _apposed_after_comma(form, clean_text, org_keys)):
            continue
        if cut > 1 or words[0] not in org_keys:
            prefix_key = " ".join(words[:cut])
            prefix = forms.setdefault(prefix_key, _Form(prefix_key))
            # "del exgobernador del Atlántico Jaime X": after a role's "de", the prefix is the office's seat.
            seat = all(_ROLE_SEAT_BEFORE.search(clean_text, max(0, s - 40), s) for s, _e, _t in form.spans)
            prefix.votes["place" if seat else "organization"] += 3.0
            for s, _e, t in form.spans:
                head = " ".join(t.split()[:cut])
                prefix.spans.append((s, s + len(head), head))
                prefix.texts[head] += 1
                prefix.first = min(prefix.first, s)
        rest_key = " ".join(words[cut:])
        target = forms.setdefault(rest_key, _Form(rest_key))
        if form.kind == "person":
            target.votes.update(form.votes)
        else:
            target.votes["person"] += sum(form.votes.values())
        for text, count in form.texts.items():
            target.texts[text.split(None, cut)[-1]] += count
        for s, e, t in form.spans:
            skip = len(t) - len(t.split(None, cut)[-1])
            target.spans.append((s + skip, e, t[skip:]))
            target.first = min(target.first, s + skip)
        del forms[key]


def _apposed_after_comma(form: _Form, clean_text: str, org_keys: set[str]) -> bool:
    """ "O presidente do município, Paulino Lucas Chiteve,": a name set off by a comma after its role is whole; a
    body glued in front comes after the role's "de/of" ("a diretora da Anvisa Cláudia Moretti"), not after a comma."""
    head = form.tokens[0]
    return (
        head not in org_keys
        and head not in ORG_HEADS
        and all(clean_text[:s].rstrip().endswith(",") and not t.split()[0].isupper() for s, _e, t in form.spans)
    )


def _person_after_prefix(
    form: _Form, org_keys: set[str], named_alone: frozenset[str] | set[str] = frozenset()
) -> int | None:
    """Where a person's name starts inside a span that glued something in front of it: "PAN Inês Cardoso Lima",
    "Universidad de Sevilla Tomás Ibarra". The prefix is a known one-word organisation, an organisation head's
    phrase, or one capitalised word that is no first name; the rest opens with a first name and ends in a surname."""
    words = form.tokens
    if len(words) < 3 or not form.spans or words[0] in _SAINT_KEYS:
        return None  # "São José dos Campos": a saint's title opens the name, it is not glued to it
    if form.kind == "person" and words[0] in org_keys:
        return 1
    if any(" " not in t.strip() for _s, _e, t in form.spans):
        return None
    for cut in range(1, len(words) - 1):
        rest = words[cut:]
        if rest[0] not in GIVEN_NAMES or rest[-1] in GIVEN_NAMES or len(rest) > 4 or words[cut - 1] in GIVEN_NAMES:
            continue
        if words[cut - 1] in NAME_CONNECTORS or rest[-1] in ORG_TAILS:
            continue
        if words[cut - 1] in _NAMESAKE_TITLES:
            return None  # "Hospital Municipal Dr. Mário Gatti", "Colégio Estadual Governador Celso Ramos": a namesake
        if any(len(t.split()) != len(words) for _s, _e, t in form.spans):
            return None
        if cut == 1 and words[0] in ORG_HEADS and form.votes["organization"] >= form.votes["person"]:
            return None  # "Refinaria Henrique Lage", "Fundación Juan March": named after a person, not glued to one
        if words[0] in ORG_HEADS or (
            cut == 1 and (words[0] in org_keys or form.kind == "organization" or words[0] in named_alone)
        ):
            return cut
        if cut == 1 and (
            form.kind == "person" or (form.kind != "place" and all(t.split()[0].isupper() for _s, _e, t in form.spans))
        ):  # an upper-case dateline ("SÃO JOSÉ DOS CAMPOS") is a place, not a party glued to a name
            return cut  # a party glued in front: "PAN Inês Cardoso Lima", "Livre Joana Saraiva"
        return None
    return None


def _drop_nested(entity: ExtractedEntity, covered: list[tuple[int, int]]) -> ExtractedEntity | None:
    """A mention inside a longer mention ("Gijón" in "Real Sporting de Gijón") is not a mention of its own."""
    if not entity.mentions:
        return entity  # named only in a byline or credit
    entity.mentions = [
        m
        for m in entity.mentions
        if not any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in covered)
    ]
    return entity if entity.mentions else None


def assign_roles(*, index: EntityIndex, docs: Sequence[Doc], paragraphs: Sequence[tuple[int, int]]) -> None:
    """Fill `role` and `affiliation` from appositions and role nouns next to a person's name."""
    token_at: dict[int, Token] = {}
    for (start, _end), doc in zip(paragraphs, docs, strict=True):
        for token in doc:
            token_at[start + token.idx] = token
    for entity in index.entities:
        if entity.kind != "person":
            continue
        for mention in entity.mentions:
            token = token_at.get(mention.start)
            if token is None:
                continue
            role = _role_phrase(token, mention)
            if role:
                text, role_start, role_end = role
                entity.role = text
                for idx in index.within(role_start, role_end):
                    if index.entities[idx].kind == "organization":
                        entity.affiliation = index.entities[idx].name
                        break
                break


def _role_phrase(token: Token, mention: TextSpan) -> tuple[str, int, int] | None:
    doc = token.doc
    base = mention.start - token.idx
    end_token = token
    while end_token.i + 1 < len(doc) and doc[end_token.i + 1].idx < token.idx + (mention.end - mention.start):
        end_token = doc[end_token.i + 1]
    name_ids = set(range(token.i, end_token.i + 1))
    root = next((t for t in doc[token.i : end_token.i + 1] if t.head.i not in name_ids or t.head == t), token)

    def phrase(head: Token, exclude: set[int]) -> tuple[str, int, int] | None:
        subtree = {t.i for t in head.subtree}
        tokens: list[Token] = []
        for t in doc[head.i :]:
            if t.i not in subtree or t.i in exclude or t.i in name_ids or t.text in {",", "(", ";", ")", ":"}:
                break
            if t.dep_ in ("acl:relcl", "relcl") or t.lower_ in ("who", "which", "que", "quien"):
                break
            tokens.append(t)
        while tokens and tokens[-1].pos_ in ("PUNCT", "DET", "ADP", "CCONJ"):
            tokens.pop()
        if not tokens or len(tokens) > 14:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return doc_text(doc)[start:end], base + start, base + end

    if root.dep_ == "appos" and (root.head.lower_ in PERSON_ROLE_NOUNS or _role_suffix(root.head)):
        return phrase(root.head, {t.i for t in root.subtree})
    for child in root.children:
        if child.dep_ == "appos" and (child.lower_ in PERSON_ROLE_NOUNS or _role_suffix(child)):
            return phrase(child, set())
    prev = doc[token.i - 1] if token.i else None
    if prev is not None and (prev.lower_ in PERSON_ROLE_NOUNS or _role_suffix(prev)):
        first = prev
        while (
            first.i > 0
            and (
                (doc[first.i - 1].pos_ in ("NOUN", "ADJ") and doc[first.i - 1].dep_ in ("compound", "amod"))
                # "Chief Executive", "Chief Financial Officer": a capitalised title before the name
                or (first.text[:1].isupper() and doc[first.i - 1].lower_ in _TITLE_WORDS)
                # "Shadow Energy Minister": the portfolio and qualifier words of a title
                or (
                    first.text[:1].isupper()
                    and doc[first.i - 1].text.istitle()
                    and doc[first.i - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                    and doc[first.i - 1].ent_type_ not in ("DATE", "TIME", "PERSON", "PER")
                )
            )
        ):
            first = doc[first.i - 1]
        start, end = first.idx, prev.idx + len(prev.text)
        return doc_text(doc)[start:end], base + start, base + end
    return None


def dependency_path(token: Token, head: Token) -> list[Token]:
    """The tokens from `token` up the dependency tree to `head` (excluded)."""
    path = []
    while token != head and token.head != token:
        path.append(token)
        token = token.head
    return path


# First names whose ending tells the gender in Spanish and Portuguese ("Marta", "Tiago"); "Borja" is the exception.
_FEMININE_NAMES = frozenset(n for n in GIVEN_NAMES if n.endswith("a")) - {"borja"}
_MASCULINE_NAMES = frozenset(n for n in GIVEN_NAMES if n.endswith("o"))
_GENDERED_ARTICLES = {"el": "m", "del": "m", "al": "m", "o": "m", "do": "m", "ao": "m", "la": "f", "a": "f", "da": "f"}
_WORDS = re.compile(r"[\w-]+")


def role_gender(word: str) -> str | None:
    """ "ministra", "consejera", "sindicalista": the gender a Spanish or Portuguese role noun states, if any."""
    word = word.lower()
    if word not in PERSON_ROLE_NOUNS or len(word) < 5 or word.endswith(("ista", "eta", "auta", "ata")):
        return None  # "periodista", "atleta", "burócrata" name either; "-or" is English as often as Spanish
    if word.endswith(("a", "triz")):
        return "f"
    if word.endswith("o"):
        return "m"
    return None


def person_genders(index: EntityIndex, clean_text: str) -> dict[int, str]:
    """People whose gender the text states: the article before their role ("o presidente do sindicato, X"), a
    gendered role noun ("la consejera delegada, X") or a first name. Conflicting signs leave it unknown."""
    out: dict[int, str] = {}
    for i, entity in enumerate(index.entities):
        if entity.kind != "person":
            continue
        signs: set[str] = set()
        first = normalize_name(entity.name).split()[:1]
        if first and first[0] in _FEMININE_NAMES:
            signs.add("f")
        elif first and first[0] in _MASCULINE_NAMES:
            signs.add("m")
        for mention in entity.mentions[:1]:
            words = _WORDS.findall(clean_text[max(0, mention.start - 60) : mention.start].lower())[-6:]
            roles = [k for k, w in enumerate(words) if w in PERSON_ROLE_NOUNS]
            if roles:
                k = roles[-1]
                gender = role_gender(words[k])
                if gender is None and k and words[k - 1] in _GENDERED_ARTICLES:
                    gender = _GENDERED_ARTICLES[words[k - 1]]
                if gender:
                    signs.add(gender)
        if entity.role and (gender := role_gender(entity.role.split()[0])):
            signs.add(gender)
        if len(signs) == 1:
            out[i] = signs.pop()
    return out


def word_gender(word: str) -> str | None:
    """ "ella", "she", "la", "o": the gender a pronoun or article before a role noun states."""
    word = word.lower()
    if word in ("ella", "ela", "she", "her", "elle"):
        return "f"
    if word in ("él", "ele", "he", "him", "il"):
        return "m"
    return _GENDERED_ARTICLES.get(word) if word in ("el", "la", "o", "a") else None


class GenderedFocus:
    """The people a text has put forward, latest last, and which of them a "she", "o sindicalista" or
    "la ejecutiva" can refer to: the one in focus unless the text states another gender for them."""

    def __init__(self, index: EntityIndex, clean_text: str) -> None:
        self.genders = person_genders(index, clean_text)
        self.recent: list[int] = []
        self.by_role: dict[str, int] = {}

    def saw(self, person: int) -> None:
        if person in self.recent:
            self.recent.remove(person)
        self.recent.append(person)

    def agreeing(self, salient: int | None, gender: str | None) -> int | None:
        if gender is None or salient is None or self.genders.get(salient, gender) == gender:
            return salient
        same = [p for p in reversed(self.recent) if self.genders.get(p) == gender]
        return same[0] if same else salient

    def role_noun(self, word: str, salient: int | None, gender: str | None) -> int | None:
        """ "a investigadora" names whom it named the first time, even after other people have spoken since."""
        key = normalize_name(word)
        if key in self.by_role:
            return self.by_role[key]
        person = self.agreeing(salient, gender)
        if person is not None:
            self.by_role[key] = person
        return person
