"""From what a feed delivers to clean paragraphs: HTML to text, boilerplate lines set aside."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_HTML_TAG = re.compile(
    r"<\s*(?:p|div|br|span|a|h[1-6]|ul|ol|li|article|section|figure|figcaption|img|strong|em|b|i|blockquote|table)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "article",
        "section",
        "figure",
        "figcaption",
        "blockquote",
        "table",
        "tr",
        "header",
        "footer",
        "aside",
        "pre",
        "hr",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button", "form", "nav"})

_CAP = r"[A-ZÁÉÍÓÚÑÜÇÀÂÊÔÃÕ]"
_NAME_WORD = _CAP + r"[\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:de|del|da|do|dos|das|van|von|y|e)?\s*{_NAME_WORD}){{0,4}}"

# Lines that are never article content. Each pattern is matched against the stripped line.
_IMAGE_ID = re.compile(r"^[\w-]{0,3}\d{4,}[\w-]{0,12}$")
_COMMENTS = re.compile(r"^(?:comentarios|comments|comentários|commentaires|\d+\s+comentarios)\s*(?:\(\d+\))?\s*$", re.I)
_READ_MORE = re.compile(
    r"^(?:read more|read also|see also|related|lea también|lee también|leer más|ver también|más información|"
    r"te puede interesar|leia mais|leia também|veja também|saiba mais|lire aussi|à lire aussi)\b",
    re.I,
)
# "Por X, de Brasília", "By X in Nairobi": the reporter's location may close the byline.
_BYLINE = re.compile(
    rf"^(?i:por|by|par|de|texto|text|reportaje|redacción)\s*:?\s+({_NAME}(?:\s*(?:,|y|and|e|et)\s*{_NAME})*)"
    rf"(?:,?\s+(?:de|desde|em|en|from|in)\s+{_NAME})?\s*$"
)
_CREDIT = re.compile(
    r"^(?:foto|fotos|fotografía|fotografia|photo|photos|photograph|imagen|image|imagem|crédito|credit|credits|"
    r"ilustración|illustration|vídeo|video|gráfico|infografía)\b",
    re.I,
)
# A caption that closes with its credit: "Ambulances queue outside the hospital. Photograph: Tom Whitlock/PA".
_CAPTION_CREDIT = re.compile(
    r"[.!?]\s+(?i:foto|fotos|fotografía|fotografia|photo|photograph|imagen|image|imagem|crédito|credit)\s*:\s*"
    rf"{_NAME}(?:\s*/\s*[\w&.' -]{{2,40}})?\.?$"
)
# "(Reporting by X; Editing by Y)", "(Información de X; editado por Y)": a wire story's closing credits.
WIRE_CREDIT = re.compile(
    r"^\((?:additional\s+)?(?:reporting|writing|editing|información|informacion|reportagem|redacción|edición|"
    r"edição|texto|reporte|reportaje|escrito|editado)\s+(?:by|de|por)\s[^()]*\)\.?$",
    re.IGNORECASE,
)
# A closing line crediting an agency alone: "(Com Lusa)", "Con información de EFE", "With AFP" (bare, only a known
# agency or initials: "With Love" may be a subheading).
AGENCY_LINE = re.compile(
    rf"^\(?(?:Com|Con|With)\s+(?:(?:informação|información|reporting)\s+(?:de|da|from)\s+)?"
    rf"(?P<org>{_CAP}[\w&.'’-]*(?:\s+{_CAP}[\w&.'’-]*){{0,2}})\)?\.?$"
)
_AGENCY_CREDIT = re.compile(rf"\b[A-Z]{{2,}}\s*/\s*{_NAME}\s*\)?\.?\s*$")
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|todos los derechos reservados|all rights reserved|prohibida su reproducción|"
    r"todos os direitos reservados",
    re.I,
)
_TAGS = re.compile(
    r"^(?:temas|tags|etiquetas|tópicos|archivado en|filed under|topics|assuntos|palabras clave)\s*:", re.I
)
_SHARE = re.compile(
    r"^(?:compartir|comparte|share|share this|compartilhe|compartilhar|síguenos|follow us|siga-nos|suscríbete|"
    r"subscribe|sign up|newsletter|assine|descarga|download our)\b",
    re.I,
)
_STAMP = re.compile(r"^(?:actualizado|updated|atualizado|publicado|published|last updated|mis à jour)\b.{0,60}\d", re.I)
_SPACED_CAPS = re.compile(r"(?:\b\w\b[\s/]+){4,}")
# A wire's closing desk initials and end mark: "ABC // JMR", "PMF/SO // ROC", "Lusa/Fim".
_DESK_INITIALS = re.compile(
    r"^(?:[A-Z]{2,4}(?:/[A-Z]{2,4})*(?:\s*//\s*[A-Z]{2,4}(?:/[A-Z]{2,4})*)+|(?:Lusa|EFE|AFP|ANSA)\s*/\s*(?:Fim|Fin|End))\.?$"
)


@dataclass(frozen=True)
class BoilerplateLine:
    """A line set aside from the clean text; `kind` says why, and whether names in it still count."""

    text: str
    kind: str  # id, spaced, comments, read_more, initials, byline, credit, copyright, tags, share, stamp


@dataclass
class PreparedText:
    """The clean body and where each paragraph sits in it."""

    clean_text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    boilerplate: list[BoilerplateLine] = field(default_factory=list)


def looks_like_html(body: str) -> bool:
    """True when the body carries markup rather than plain text."""
    return bool(_HTML_TAG.search(body))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(*, markup: str) -> str:
    """Block elements become paragraph breaks; scripts, styles and navigation are dropped."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return html.unescape("".join(collector.parts))


def classify_boilerplate(line: str) -> str | None:
    """The boilerplate kind of one stripped line, or None when it is article content."""
    if _IMAGE_ID.match(line):
        return "id"
    if _COMMENTS.match(line):
        return "comments"
    if _SPACED_CAPS.search(line) and sum(c.isupper() for c in line) > 0.5 * sum(c.isalpha() for c in line):
        return "spaced"
    if _READ_MORE.match(line):
        return "read_more"
    if _DESK_INITIALS.match(line):
        return "initials"
    if _COPYRIGHT.search(line):
        return "copyright"
    if _TAGS.match(line):
        return "tags"
    words = len(line.split())
    if words <= 8 and _BYLINE.match(line):
        return "byline"
    if (_CREDIT.match(line) or _CAPTION_CREDIT.search(line)) and (words <= 40):
        return "credit"
    if words <= 40 and (_AGENCY_CREDIT.search(line) or WIRE_CREDIT.match(line)):
        return "credit"
    if (agency := AGENCY_LINE.match(line)) and (line.startswith("(") or words > 2 or _is_agency(agency["org"])):
        return "credit"
    if words <= 12 and _SHARE.match(line):
        return "share"
    if words <= 14 and _STAMP.match(line):
        return "stamp"
    return None


def prepare_text(*, body: str) -> PreparedText:
    """Split the body into paragraphs, set boilerplate lines aside and join the rest with blank lines."""
    raw = html_to_text(markup=body) if looks_like_html(body) else body
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    pieces: list[str] = []
    boilerplate: list[BoilerplateLine] = []
    for line in raw.split("\n"):
        stripped = line.replace("\u00a0", " ").replace("\u200b", "").strip()
        if not stripped:
            continue
        kind = classify_boilerplate(stripped)
        if kind:
            boilerplate.append(BoilerplateLine(text=stripped, kind=kind))
        else:
            pieces.append(stripped)
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for piece in pieces:
        paragraphs.append((offset, offset + len(piece)))
        offset += len(piece) + 2
    return PreparedText(clean_text="\n\n".join(pieces), paragraphs=paragraphs, boilerplate=boilerplate)


# Lower-cased names of news agencies that sign datelines in mixed case ("(Reuters)", "(Lusa)").
WIRE_AGENCIES = frozenset(
    {
        "reuters",
        "lusa",
        "télam",
        "telam",
        "xinhua",
        "bloomberg",
        "sputnik",
        "efe",
        "dpa",
        "ansa",
        "europa press",
        "agência brasil",
        "agencia brasil",
        "kyodo",
        "yonhap",
        "notimex",
        "prensa latina",
        "andina",
        "colprensa",
    }
)
_DL_WORD = rf"{_CAP}[\w'’.-]*"
_DL_PLACE = rf"{_DL_WORD}(?:\s+(?:de|del|da|do|dos|das)?\s*{_DL_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"^(?P<place>{_DL_PLACE})"
    rf"(?:\s*\((?P<region>{_DL_PLACE})\))?"
    rf"(?:,\s*(?P<region2>{_DL_PLACE}))?"
    r"(?:,?\s*\d{1,2}\s+(?:de\s+)?[A-Za-zÀ-ÿ]{3,10}\.?(?:\s+(?:de\s+)?\d{4})?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"  # "NAIROBI, May 14 (Reuters) -"
    rf"\s*(?:\((?P<agency>{_CAP}[\w .&-]{{1,24}})\))?"
    r"\s*\.?\s*(?:[-–—]+|:)(?:\s+|$)"
)


@dataclass(frozen=True)
class Dateline:
    """Where a wire story's opening "PLACE, Region, date (AGENCY) —" sits in its paragraph (offsets relative to it)."""

    end: int  # first character of the story proper
    place: tuple[int, int]
    region: tuple[int, int] | None
    agency: tuple[int, int] | None


# Brazilian states, which datelines put in parentheses like an agency; "AP" (Amapá) is left to the agency.
_BRAZILIAN_STATES = frozenset(
    {"AC", "AL", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR", "RJ"}
    | {"RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"}
)
_NEWSROOM_TAGS = frozenset(
    {"corresponsal", "enviado especial", "enviada especial", "especial", "redacción", "correspondent", "correspondente"}
)


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None; it needs a closing dash so that a sentence is never taken for one."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    if place.lower() == place or len(match.group(0)) > 90:
        return None
    # An ordinary sentence may open with a name and a dash; a dateline's place is upper case, or carries a date,
    # an agency or a region.
    marked = (
        match.group("agency") or match.group("region") or match.group("region2") or re.search(r"\d", match.group(0))
    )
    if not (place.isupper() or marked):
        return None
    agency = match.span("agency") if match.group("agency") else None
    if agency is not None and match.group("agency").strip().lower() in _NEWSROOM_TAGS:
        agency = None  # "ROSARIO (Enviado especial).-": who filed it, not an agency
    region_group = next((g for g in ("region", "region2") if match.group(g)), None)
    if region_group and match.group(region_group).lower() in _NEWSROOM_TAGS:
        region_group = None  # "PUNTA LARA (Corresponsal).-": who filed it, not where
    if (
        agency is None
        and region_group == "region"
        and _is_agency(match.group("region"))
        and match.group("region") not in _BRAZILIAN_STATES  # "SÃO JOSÉ DOS CAMPOS (SP) —": a state
    ):
        # "WASHINGTON (Reuters) -": the parenthesis names the agency, not a region.
        agency, region_group = match.span("region"), ("region2" if match.group("region2") else None)
    return Dateline(
        end=match.end(),
        place=_without_period(paragraph, match.span("place")),
        region=_without_period(paragraph, match.span(region_group)) if region_group else None,
        agency=agency,
    )


def _without_period(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """ "MEDELLÍN, Colombia.-": the period before the dash closes the dateline, it is not part of the name."""
    start, end = span
    if end - start > 3 and text[end - 1 : end + 1] == ".-":
        return start, end - 1
    return span


def _is_agency(text: str) -> bool:
    return text.isupper() or text.lower() in WIRE_AGENCIES
