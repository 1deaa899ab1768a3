"""Shapes of page furniture that no phrase list names: block features and neighbours.

Each function reads the detector ``d`` of ``medlint.analysis.furniture`` (its lines, its lexicon,
what is already marked) and marks furniture through ``d.mark`` or ``d.add_piece``. The block
features (``furniture_features``) are those of jusText (Pomikálek 2011: length, stop-word
density, link density, and the class of the neighbours of a short block) and boilerpipe
(Kohlschütter et al., "Boilerplate Detection using Shallow Text Features", WSDM 2010: number of
words and link density of a block and of its neighbours), read for Markdown and plain text
instead of HTML:

- ``related_posts``, ``press_blocks``, ``menus``: title/date/teaser triples, contact blocks under
  a press header, menus;
- ``contents``: a run of short lines near the top whose entries come back later as the article's
  own headings (a table of contents, a tab bar);
- ``source_lists``: a run of short lines where titles alternate with "(Publisher)" lines;
- ``page_code``: style sheet text left in the prose;
- ``captions``: text in a caption element, or a line that repeats the alt text of the image
  above it;
- ``link_headlines``: a lone link with a headline for text between two paragraphs;
- ``header_blocks``: a related-links or promotion header and the list-like lines under it;
- ``boxes``: a button label (an imperative call to action: "Book Your Tests Today", "Add to
  Cart", "Click To Know More") and the teaser lines just above it that speak for the site or to
  the reader;
- ``author_boxes``: a writer's or reviewer's bio at the edges of the article;
- ``neighbours``: short lines between two pieces of furniture (the ends of the document count as
  furniture, as in jusText, but one real neighbour is needed).

Everything here is a structural guess, so every mark is unsafe (a human confirms the deletion)
except style-sheet text and contact blocks under a press header, and a block that jusText would
call good text is never taken by a teaser, header or neighbour rule.
"""

from __future__ import annotations

import re

from medlint.analysis.furniture_features import CSS, SENTENCE_END, button, code_like, good_text, last_sentence, short, signal, words
from medlint.analysis.furniture_lexicon import MENU_SEPARATORS

_URL_LINE = re.compile(r"\s*<?(?:https?://|www\.)\S+>?\s*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MENU_SEPARATORS = re.compile(f"[{re.escape(MENU_SEPARATORS)}]+")
_CAPTION_CLASS = re.compile(
    r"<(span|p|div|figcaption|small|em)\b[^>]*class=[\"'][^\"']*(caption|credit)[^>]*>(.*?)</\1>", re.I)
_IMAGE_ALT = re.compile(r"!\[([^\]]*)\]\(|<img\b|<embed\b|<figure\b", re.I)
_FIGURE_CALL = re.compile(r"\{\{<\s*figure\b")
#: A heading or label line that opens a section where credits belong to the article.
_CREDIT_SECTION = re.compile(r"[\W_]*(?:sources?|references?|(?:image |photo )?credits?|attributions?)[\W_]*", re.I)
_BIO = re.compile(
    r"(?:[Bb]y\s*)?(?:(?:Dr|Prof)\.?\s+)?(?:[A-Z][\w.'’-]*,?\s*){2,8}(?:is|has been|was)\s+"
    r"(?:an?|the)\s+(?:[\w-]+,?\s+){0,4}"
    r"(?:writer|journalist|editor|reporter|contributor|author|professor|lecturer|psychiatrist|psychologist|"
    r"therapist|counsel(?:l)?or|physician|doctor|researcher|scientist|nurse|pharmacist|dietitian|clinician)\b.{0,500}"
)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)$")
#: Line ends read on every line, compiled once: a title's, a menu entry's, a statement's.
_TITLE_END = re.compile(r"[.!:;,]$")
_ENTRY_END = re.compile(r"[.!?:;,]$")
_STATEMENT_END = re.compile(r"[.!]$")
_PUBLISHER = re.compile(r"\([^()]{2,80}\)")  # "(Publisher)" under a title in a source list
_IS_A = re.compile(r" (?:is|was|has been) (?:an?|the) ")  # what a bio says of its writer
#: Longest teaser of a box, and of a teaser across a blank line, in words.
_TEASER_WORDS = 50
_LOOSE_TEASER_WORDS = 20
_COMMERCE = {"buy", "shop", "order", "add to cart", "book", "consult", "upload", "browse", "donate"}


def box_code(verbs: list[str], d) -> str:
    """The rule of a box from its buttons: shop, booking and donation buttons make a promotion,
    sign-up buttons a subscription prompt, the rest (read, watch, learn) a related-content teaser."""
    if any(v in _COMMERCE for v in verbs):
        return "BPL015"
    if any(v in {"subscribe", "sign up", "join", "register", "log in", "sign in", "follow", "download"} for v in verbs):
        return "BPL007"
    return "BPL006"


# -- shapes --------------------------------------------------------------------------------
def related_posts(d) -> None:
    content = [ln for ln in d.lines if not ln.blank]
    # Whether each line is a date, read once (a line is tried as a title and as a date): the
    # test that fails on almost every line, so a triple asks it first.
    dated = [d.lex.dates.match(ln.prose) for ln in content]
    i = 0
    while i < len(content):
        k = i
        while k + 2 < len(content) and dated[k + 1] and not dated[k] and _triple(content[k], content[k + 2]):
            k += 3
        if (k - i) // 3 >= d.lex.min_triples:
            d.mark(content[i].number, content[k - 1].number, d.lex.related_code, False, "related-posts list", block=True)
            i = k
        else:
            i += 1


def _triple(title, teaser) -> bool:
    """The title and teaser of a title/date/teaser triple (its date line is tested first)."""
    return 1 <= len(title.words) <= 15 and not _TITLE_END.search(title.prose) and len(teaser.words) >= 5


def press_blocks(d) -> None:
    """A press header ("Media Contact:", "For media enquiries please contact") and the names,
    roles, phone numbers and addresses under it. A bare "Contact" header needs a phone number
    or an e-mail address under it."""
    content = [ln for ln in d.lines if not ln.blank]
    i = 0
    while i < len(content):
        head = content[i]
        if not (head.prose and d.lex.press_headers.match(head.prose)) or d.taken(head.number):
            i += 1
            continue
        k = i + 1
        reached = False
        while k < len(content) and _contact_line(d, content[k]):
            reached = reached or bool(re.search(r"\d{3}|@", content[k].prose))
            k += 1
        bare = re.fullmatch(r"contacts?\s*:?", head.prose, re.I)
        if not bare or reached:
            d.mark(head.number, content[k - 1].number, d.lex.press_code, True, "press contact block", block=True)
        i = k if not bare or reached else i + 1


def _contact_line(d, line) -> bool:
    if not line.prose:
        return bool(_URL_LINE.fullmatch(line.raw))
    return d.lex.press_more.match(line.prose)


def menus(d) -> None:
    entries: dict[int, int] = {}  # of each line not yet taken (the runs below read only such lines)
    for ln in d.content:
        if not d.taken(ln.number):
            entries[ln.number] = _menu_entries(d, ln.prose)
            if entries[ln.number] >= 4:
                d.mark(ln.number, ln.number, d.lex.menu_code, True, "menu")
    run: list = []
    for ln in d.lines + [None]:
        if ln is not None and ln.blank:
            continue
        if ln is not None and ln.prose and not d.taken(ln.number) and ln.heading != 1 and _menu_short(ln):
            run.append(ln)
            continue
        while run and run[-1].heading:
            run.pop()  # a heading after a menu starts the article
        if len(run) >= 6 and sum(1 for r in run if entries[r.number] == 1) >= 3:
            d.mark(run[0].number, run[-1].number, d.lex.menu_code, False, "menu", block=True)
        run = []


def _menu_short(ln) -> bool:
    return 1 <= len(ln.words) <= 5 and not _ENTRY_END.search(ln.prose)


def _menu_entries(d, prose: str) -> int:
    """How many menu entries ``prose`` is made of (0 when anything else is in it). A character
    that is in no menu term, no separator and no white space ends up in a word that is in no
    term: most lines are settled by that, before they are split."""
    if d.lex.menu_stranger.search(prose.lower()):
        return 0
    return _entries_read(d, prose)


def _entries_read(d, prose: str) -> int:
    """``_menu_entries`` read word by word: the longest menu term at each place."""
    ws = _MENU_SEPARATORS.sub(" ", _CAMEL.sub(" ", prose)).lower().split()
    count = i = 0
    while i < len(ws):
        for size in (3, 2, 1):
            if " ".join(ws[i : i + size]) in d.lex.menu_terms:
                i += size
                count += 1
                break
        else:
            return 0
    return count


def contents(d) -> None:
    """A table of contents or tab bar: at least three short lines in the first three tenths of
    the article, most of which come back later in it as lines of their own (its headings)."""
    limit = d.content[len(d.content) * 3 // 10].number if d.content else 0
    later: dict[str, int] = {}
    for ln in d.content:
        if len(ln.words) <= 14 and (ln.heading or not ln.item):
            later[ln.key] = ln.number  # the last place each short line occurs
    for run in _short_runs(d, lambda ln: not ln.heading and len(ln.words) <= 12 and not SENTENCE_END.search(ln.prose.rstrip("?"))):
        if run[0].number > limit or len(run) < 3:
            continue
        title = d.content[0].key if d.content else ""
        # (the page title above a tab bar that repeats it is not an entry)
        back = [ln for ln in run if later.get(ln.key, 0) > run[-1].number and ln.key not in title]
        places = sorted(later[ln.key] for ln in back)
        spread = sum(b - a > 2 for a, b in zip(places, places[1:]))  # headings with text between
        if len(back) >= 3 and len(back) >= 0.6 * len(run) and spread >= len(places) // 2:
            d.mark(back[0].number, back[-1].number, d.lex.menu_code, False, "table of contents", block=True)


def _short_runs(d, ok):
    """Maximal runs of content lines (blank lines allowed) that satisfy ``ok`` and are free."""
    run: list = []
    for ln in d.content + [None]:
        if ln is not None and not d.taken(ln.number) and ok(ln):
            run.append(ln)
            continue
        if run:
            yield run
        run = []


def source_lists(d) -> None:
    """A list of links with their publishers: titles alternating with "(Publisher)" lines."""
    for run in _short_runs(d, lambda ln: len(ln.words) <= 14 and not _STATEMENT_END.search(ln.prose)):
        sources = [ln for ln in run if _PUBLISHER.fullmatch(ln.prose)]
        if len(sources) >= 3 and len(sources) >= 0.2 * len(run):
            d.mark(run[0].number, run[-1].number, d.lex.related_code, False, "link list with publishers", block=True)


def page_code(d) -> None:
    """A line that is style-sheet text and (nearly) nothing else."""
    for ln in d.content:
        if not d.taken(ln.number) and code_like(ln.prose) and len(words(CSS.sub(" ", ln.prose).replace("}", " "))) <= 3:
            d.mark(ln.number, ln.number, "BPL017", True, "style sheet")


def captions(d) -> None:
    """Text in a caption or credit element of the page (``<span class="pb-caption">…``) when
    no image is right above it."""
    for ln in d.content:
        m = _CAPTION_CLASS.search(ln.raw)
        if not m or d.taken(ln.number) or ln.number in d.attached:
            continue
        inner = " ".join(re.sub(r"<[^>]*>", " ", m.group(3)).split())
        # the element must be the line's prose (not markup shown inside code)
        if inner and inner in ln.prose and len(inner) >= 0.8 * len(ln.prose):
            d.mark(ln.number, ln.number, "BPL012" if m.group(2).lower() == "credit" else "BPL013", True, "caption markup")


def attached_credits(d) -> set[int]:
    """Lines where a credit or caption belongs to the article: the image's own line, the line
    right under an image (one blank line allowed), and the lines of a section headed sources,
    references or credits. Read from the lines alone (the detector keeps it: ``attached``)."""
    out: set[int] = set()
    last_image, section = -9, False
    for ln in d.lines:
        if _IMAGE_ALT.search(ln.raw) or _FIGURE_CALL.search(ln.raw):
            last_image = ln.number
            if ln.prose:
                out.add(ln.number)  # a caption on the image's own line (<figure>…<figcaption>)
            continue
        label = bool(ln.prose and _CREDIT_SECTION.fullmatch(ln.prose))
        if ln.heading or label:
            section = label
            continue
        if ln.prose and (ln.number - last_image <= 2 or section):
            out.add(ln.number)
    return out


def link_headlines(d) -> None:
    """A lone link whose text is a headline, between two paragraphs of running text: a
    related-story link that a news page set into the article ("[[Other story](…)]")."""
    content = d.content
    for i in range(1, len(content) - 1):
        ln = content[i]
        if d.taken(ln.number) or ln.heading or ln.item or ln.links < 0.85 or len(_LINKS(ln.raw)) != 1:
            continue
        if len(ln.words) < 5 or len(content[i - 1].words) < 20 or len(content[i + 1].words) < 20:
            continue
        if content[i - 1].prose.endswith(":"):
            continue
        d.mark(ln.number, ln.number, d.lex.related_code, False, "related link inside the article")


def _LINKS(raw: str) -> list[str]:
    return re.findall(r"\[[^\]\n]*\]\([^)\n]*\)", raw)


def header_blocks(d) -> None:
    """A related-links or promotion header ("Read this next", "Related", "Products & Services")
    and the list-like lines under it: list items and short lines; under a related-links header
    also teasers, when they are cut off with "…" or the block runs to the end of the article."""
    content = d.content
    i = 0
    while i < len(content):
        head = content[i]
        code = d.lex.header_code(head.prose)
        layout = d.marks.get(head.number, ("",))[0] == "BPL005"
        if not code or (d.taken(head.number) and not layout):
            i += 1
            continue
        teasers = code == d.lex.related_code
        k = _extent(d, content, i, teasers)
        if teasers and k < len(content):
            k = _extent(d, content, i, False)  # not at the end: no whole sentences
        need = 2 if code == d.lex.related_code else 1
        if k - i - 1 >= need:
            if layout:
                del d.marks[head.number]
            d.mark(head.number, content[k - 1].number, code, False, "block under a related-links header"
                   if code == d.lex.related_code else "block under a promotion header", block=True)
            i = k
        else:
            i += 1


def _extent(d, content, i, teasers: bool) -> int:
    k = i + 1
    while k < len(content) and _listy(d, content[k], content[i], teasers):
        k += 1
    return k


def _listy(d, ln, head, teasers: bool) -> bool:
    if d.taken(ln.number) and not d.lex.header_code(ln.prose):
        return False
    if d.lex.header_code(ln.prose):
        return True
    if ln.heading and (not head.heading or ln.heading <= head.heading):
        return False
    if len(ln.words) >= 2 and ln.prose.isupper():
        return False  # a plain-text heading
    if _ELLIPSIS.search(ln.prose) and teasers:
        return len(ln.words) <= 60
    if len(ln.words) > 45 or good_text(ln.prose, d.lex):
        return False
    return teasers or ln.item or (len(ln.words) <= 12 and not SENTENCE_END.search(ln.prose))


def boxes(d) -> None:
    """Call-to-action boxes: a button label and the teaser lines (or glued pieces) above it."""
    content = d.content
    for i, ln in enumerate(content):
        if d.taken(ln.number) or ln.heading or ln.item:
            continue
        verb = _line_button(ln, d)
        if verb:
            top = _teasers(d, content, i, verb)
            d.mark(content[top].number, ln.number, box_code([verb], d), False,
                   "box with a button" if top < i else "button", block=True)
            continue
        _glued_buttons(d, content, i)


def _line_button(ln, d) -> str | None:
    """The verb when the whole line is a button: a label, or a line of links with a call to action."""
    verb = button(ln.prose, d.lex)
    if verb and (ln.links >= 0.85 or not SENTENCE_END.search(ln.prose) or ln.prose.endswith("!")):
        return verb
    if ln.links >= 0.85 and len(ln.words) <= 8:
        low = ln.prose.lower()
        for w in ("find out more", "learn more", "read more", "join", "subscribe", "sign up", "shop", "buy"):
            if w in low:
                return w
    return None


def _glued_buttons(d, content, i) -> None:
    """Buttons glued to other text on one line ("…with your child.Tap To Know", "Learn MoreDid
    our…"): the button piece, and the glued teaser pieces just before it."""
    ln = content[i]
    cuts = ln.cuts
    if len(cuts) <= 2:
        return
    p = 0
    while p < len(cuts) - 1:
        a, b = cuts[p], cuts[p + 1]
        verb = button(ln.prose[a:b], d.lex)
        last = (words(ln.prose[a:b]) or [""])[-1].lower()
        if not verb or (a > 0 and ln.prose[a - 1] not in ".?!:)") or (b < len(ln.prose) and last not in d.lex.button_words):
            p += 1
            continue
        start, t = a, p
        while t > 0:
            before = ln.prose[cuts[t - 1]:cuts[t]]
            strong, weak = signal(before, d.lex)
            if (strong or weak) and len(words(before)) <= _TEASER_WORDS:
                start, t = cuts[t - 1], t - 1
                continue
            cut, sentence = last_sentence(before)
            if d.lex.pointers.match(sentence) and len(words(sentence)) <= 30:
                start = cuts[t - 1] + cut
            break
        code = box_code([verb], d)
        if start == 0 and b == len(ln.prose):
            top = _teasers(d, content, i, verb)
            d.mark(content[top].number, ln.number, code, False, "box with a button", block=True)
            return
        d.add_piece(ln, start, b, code, "box with a button" if start < a else "button")
        if start == 0:
            top = _teasers(d, content, i, verb)
            if top < i:
                d.mark(content[top].number, content[i - 1].number, code, False, "box with a button", block=True)
        p += 1


def _teasers(d, content, i, verb: str) -> int:
    """The first content index of the box whose button is at ``content[i]`` (``i`` itself when
    no teaser is above it)."""
    lex = d.lex
    top = i
    j = i - 1
    while j >= 0 and i - j <= 3:
        ln = content[j]
        if d.taken(ln.number) or ln.heading or len(ln.words) > _TEASER_WORDS or content[j + 1].number - ln.number != 1:
            break
        strong, weak = signal(ln.prose, lex)
        if not (strong or weak) or (good_text(ln.prose, lex) and not strong):
            if top == i and verb in _COMMERCE and len(ln.words) <= 25:
                top = j  # the product blurb above a shop button
            break
        top, j = j, j - 1
    if top == i and j >= 0 and not d.taken(content[j].number) and content[i].number - content[j].number > 1:
        # one paragraph across a blank line: short, or longer with the site speaking of itself
        # under a question heading
        ln = content[j]
        strong, weak = signal(ln.prose, lex)
        head = content[j - 1] if j > 0 else None
        headed = head is not None and not d.taken(head.number) and len(head.words) <= 8 \
            and head.prose.endswith(("?", "!")) and ln.number - head.number <= 2
        if not ln.heading and (strong or weak) and len(ln.words) <= _LOOSE_TEASER_WORDS and not good_text(ln.prose, lex):
            top = j
        elif not ln.heading and strong and headed and len(ln.words) <= _TEASER_WORDS:
            top = j - 1
    elif top < i and top > 0:
        head = content[top - 1]
        if not d.taken(head.number) and len(head.words) <= 8 and head.prose.endswith("?") \
                and content[top].number - head.number <= 2:
            top -= 1
    return top


def author_boxes(d) -> None:
    """A bio of the writer or reviewer ("Name, MD, is a board-certified psychiatrist who …"):
    after the article (nothing but furniture below it), near the top next to furniture, or
    between two pieces of furniture."""
    content = d.content
    for i, ln in enumerate(content):
        if d.taken(ln.number) or ln.heading or len(ln.words) > 90 or not _IS_A.search(ln.prose):
            continue
        prev_f = i > 0 and d.taken(content[i - 1].number)
        next_f = i + 1 < len(content) and d.taken(content[i + 1].number)
        last = i > 0 and all(d.taken(x.number) for x in content[i + 1:])
        placed = last or (i < 8 and (prev_f or next_f)) or (0 < i < len(content) - 1 and _near_furniture(d, content, i))
        if placed and _BIO.fullmatch(ln.prose):
            d.mark(ln.number, ln.number, "BPL016", False, "author box")


def _near_furniture(d, content, i) -> bool:
    """Furniture on both sides within two lines."""
    before = any(d.taken(content[j].number) for j in range(max(0, i - 2), i))
    after = any(d.taken(content[j].number) for j in range(i + 1, min(len(content), i + 3)))
    return before and after


def neighbours(d) -> None:
    """jusText's context pass: a run of short lines whose neighbours on both sides are
    furniture is furniture too. The end of the document counts as furniture (as in jusText);
    its start does not, for that is where the title is, and a run that holds a Markdown heading
    is a section of the article. A bare URL line just above a wire-service line is the source
    link of a syndicated story."""
    content = d.content
    passed, free = 0, False  # content[:passed] read; whether a line there is article text

    def text_before(i: int) -> bool:
        """Some line before ``content[i]`` is not furniture (read once per line: marks made
        here only reach lines from ``i`` on, so a line passed keeps its answer)."""
        nonlocal passed, free
        while passed < i:
            free = free or not d.taken(content[passed].number)
            passed += 1
        return free

    i = 0
    while i < len(content):
        if d.taken(content[i].number) or not _candidate(d, content[i]):
            i += 1
            continue
        k = i
        while k + 1 < len(content) and not d.taken(content[k + 1].number) and _candidate(d, content[k + 1]):
            k += 1
        before = d.marks.get(content[i - 1].number) if i > 0 else None
        after = d.marks.get(content[k + 1].number) if k + 1 < len(content) else None
        headed = any(ln.heading for ln in content[i:k + 1])
        # the end counts only after some article text: a lone title under a label stays
        if before and (after or (k + 1 == len(content) and text_before(i))) and not headed:
            d.mark(content[i].number, content[k].number, before[0], False, "short lines between furniture", block=True)
        i = k + 1
    for n, ln in enumerate(d.lines):
        if ln.prose or not _URL_LINE.fullmatch(ln.raw):
            continue
        nxt = next((x for x in d.lines[n + 1:n + 3] if not x.blank), None)
        if nxt is not None and d.marks.get(nxt.number, ("",))[0] == d.lex.press_code:
            d.found.append(d._item(ln.number, ln.number, d.lex.press_code, False, "source link of a syndicated story"))


def _candidate(d, ln) -> bool:
    """A short line that is neither a top heading nor a repeat of the document's title."""
    return ln.heading != 1 and short(ln, d.lex) and not good_text(ln.prose, d.lex) and ln.key not in d.content[0].key

