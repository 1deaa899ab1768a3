"""Block features of page furniture, after jusText (Pomikálek 2011: length, stop-word density,
the short/good classes) and boilerpipe (Kohlschütter et al. 2010: number of words): read per
line of Markdown or plain text, with the lexicon of ``furniture_lexicon``. The shapes
(``furniture_shapes``) are built from these."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
CSS = re.compile(r"[\w#.:>\[\]=\"'-]+\s*\{[^{}]*?[\w-]+\s*:\s*[^{};]+;?[^{}]*\}|@media\b[^{]*\{")
SENTENCE_END = re.compile(r"[.!?]$")
_PUNCTUATION = re.compile(r"[.;,]")  # none in a button label
_DIGIT = re.compile(r"\d")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def good_text(text: str, lex) -> bool:
    """jusText's "good" class: at least 200 characters with a stop-word density of at least
    0.32 (its defaults ``length_high`` and ``stopwords_high``). Such a block is running prose."""
    if len(text) < 200:
        return False
    ws = words(text)
    if not ws:
        return False
    return sum(w.lower() in lex.stopwords for w in ws) / len(ws) >= 0.32


def title_share(ws: list[str], lex) -> float:
    """Share of the words other than stop words that start with a capital letter."""
    content = [w for w in ws if w.lower() not in lex.stopwords or w[:1].isupper()]
    return sum(w[:1].isupper() for w in content) / len(content) if content else 0.0


def code_like(text: str) -> bool:
    """Style-sheet text (``a.x:hover {color: red;}``, ``@media … {``) left in the prose."""
    if "{" not in text:
        return False
    return len(CSS.findall(text)) >= 2 or bool(re.search(r"!important\s*;?\s*\}", text))


def has_date(text: str, lex) -> bool:
    return bool(_DIGIT.search(text)) and bool(lex.dates.anywhere.search(text))


def short(ln, lex) -> bool:
    """A line jusText would call short and boilerpipe a low-word block: at most eight words
    (twelve in a list item or a title-case line), no sentence of its own, no date."""
    ws = ln.words
    if not 1 <= len(ws) <= 12:
        return False
    if len(ws) > 8 and not (ln.item or title_share(ws, lex) >= 0.6):  # the share matters only here
        return False
    if SENTENCE_END.search(ln.prose) and len(ws) > 3 and not ln.prose.endswith("?"):
        return False
    return not has_date(ln.prose, lex)


def signal(text: str, lex) -> tuple[bool, bool]:
    """(strong, weak) promotion signals of a teaser: the site speaking of itself or of its
    offer; the reader spoken to, a question, an invitation."""
    ws = [w.lower() for w in words(text)]
    strong = any(w in lex.strong for w in ws) or lex.pointers.match(last_sentence(text)[1])
    weak = any(w in lex.weak for w in ws) or text.rstrip().endswith("?") or bool(ws and ws[0] in lex.verbs | lex.ui_verbs)
    return bool(strong), weak


def last_sentence(text: str) -> tuple[int, str]:
    """The offset and text of the last sentence of ``text``."""
    text = text.rstrip()
    cut = 0
    for m in re.finditer(r"[.!?]\s*(?=[A-Z])", text[:-1]):
        cut = m.end()
    return cut, text[cut:]


def button(text: str, lex) -> str | None:
    """The verb of a button label ("Book Your Tests Today", "Add to Cart", "Click To Know
    More", "Learn More"), or None. A label is one to seven words, no sentence, and starts with a
    call to action: a shop or form verb on its own, another verb only with a button word."""
    text = text.strip().rstrip(":!»›→ ")
    if _PUNCTUATION.search(text):  # most lines: settled before their words are read
        return None
    ws = [w.lower() for w in words(text)]
    if not 1 <= len(ws) <= 7:
        return None
    phrase = " ".join(ws)
    for verb in lex.verb_order:
        if phrase == verb or phrase.startswith(verb + " "):
            if verb in lex.ui_verbs:
                return verb
            rest = phrase[len(verb):].split()
            if any(w in lex.button_words for w in rest) or "this video" in phrase:
                return verb
            return None
    return None

