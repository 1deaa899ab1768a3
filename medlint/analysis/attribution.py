"""Who said or measured what: the sources a sentence names, the source that supports a figure in
it, and the speech a claim stands in (part of the shared sentence reading, ``reading.py``).

A source is named when a reader can find it: a citation (link, footnote, author and year), a
named or dated study or survey, research by a named institution, a named person or a role
reporting ("Professor Mulder says", "a spokesperson said"), the writer's own published paper.
A figure is supported by a source in its sentence, in the sentence before it (a figure
continues the sentence that names its study), in its list's lead-in, in the research it refers
back to ("the study", "they found"), in the next sentence or the rest of its list, in the
paragraph before it, by a press release's own study, or, for a headline or lede, in the next
paragraphs. A quotation is attributed when its paragraph (or, for a quotation opening a
paragraph, the paragraph before) has a speech verb; a short one with no speaker is a scare
quote.

Over 500 lines: sources, support and speech call one another (a figure's support reads its
speech, a block quote's speech reads the source of its lead-in), so they are read together.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import partial

from medlint.analysis.pages import PageKind
from medlint.analysis.reading_lexicon import (
    _ACRONYM, _ENUMERATED, _LEAD_IN_END, _SPEECH, _WORD, REFERENCE_BLOCKS, SCARE_QUOTE, Source, Speech, citations,
)
from medlint.knowledge.kb import load_kb
from medlint.knowledge.lexicon import lexicon as domain_lexicon
from medlint.text.prefilter import fold

_YEAR = re.compile(r"(?:19|20)\d\d")
_SINGULAR_STUDY = re.compile(r"\b(?:study|trial|survey|report|review|paper|(?:meta-)?analysis|census|poll|audit|evaluation|investigation)$", re.I)


class Attribution(PageKind):
    """The reading's part that finds sources, support and speech (a press release's own study
    counts as support: the page kind)."""

    @property
    def proper_words(self) -> frozenset[str]:
        """Capitalised words the article uses as names: seen capitalised inside a sentence and
        never in lower case ("Yang", "Kedgley"; not "Research", which is also written lower case)."""

        def compute() -> frozenset[str]:
            prose = self.doc.prose
            initial = {s.start for s in self.sentences}
            lower, inside = set(), set()
            for block in self.doc.blocks:
                running = block.kind in ("paragraph", "list_item")  # headings are in title case
                for m in _WORD.finditer(prose, block.start, block.end):
                    word = m.group()
                    if word[0].islower():
                        lower.add(word)
                    elif running and m.start() not in initial and not _after_opening(prose, m.start()):
                        inside.add(word)
            return frozenset(w for w in inside if w.lower() not in lower and w not in self.lex.not_names)

        return self._memo(("proper",), compute)

    def _is_name(self, text: str, at_sentence_start: bool) -> bool:
        """Whether ``text`` (a match of the lexicon's name pattern) names someone."""
        words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", text) if w[0].isupper()]
        if not words:
            return False
        if re.match(rf"(?:{self.lex.titles})\s", text):
            return True
        if any(_ACRONYM.fullmatch(w.rstrip(".")) and len(w) > 1 for w in words):
            return True
        words = [w.rstrip(".,") for w in words]
        while len(words) >= 2 and words[0] in self.lex.not_names:
            words = words[1:]  # "The Oxford paper": the name is what follows the article
        if len(words) >= 2:
            return True
        return words[0] not in self.lex.not_names and words[0] in self.proper_words

    # -- sources ---------------------------------------------------------------------------
    def source(self, i: int) -> Source | None:
        """The source sentence ``i`` names itself, if any."""
        return self._memo(("source", i), lambda: self._source(i))

    def _source(self, i: int) -> Source | None:
        s = self.sentences[i]
        if self.doc.in_non_prose(s.start, s.end):
            return None  # page furniture names no source for the article
        return self._cited(i) or self.named(i)

    def _cited(self, i: int) -> Source | None:
        """A citation pattern of ``rules/evidence.yaml`` in sentence ``i`` (or in markup after it
        on its line)."""
        s = self.sentences[i]
        text, prose = self.doc.text, self.doc.prose
        # Markup after the sentence on its line (a footnote marker, a bare link) belongs to it.
        line_end = text.find("\n", s.end)
        end = len(text) if line_end < 0 else line_end
        if re.search(r"[^\W\d_]", prose[s.end : end]):
            end = s.end
        folded = fold(text)
        seen: dict = {}
        for pattern, needs in citations():
            if not needs.possible(folded, s.start, end, seen):
                continue  # a literal every match needs is not there
            m = pattern.search(text, s.start, end)
            if m:
                return Source("citation", m.start(), m.end(), "sentence")
        return None

    def named(self, i: int) -> Source | None:
        """A source sentence ``i`` names in words: the writer's own paper, a named or dated
        study, research by a named institution, a named person or role reporting."""
        return self._memo(("named", i), lambda: self._named_in(i))

    def _named_in(self, i: int) -> Source | None:
        s = self.sentences[i]
        prose = self.doc.prose
        lex = self.lex
        m = lex.own_study.search(prose, s.start, s.end)
        if m:
            return Source("own-study", m.start(), m.end(), "sentence")
        studyish = bool(self._search(lex.studyish, s.start, s.end))
        reports = bool(self._search(lex.reports, s.start, s.end))
        m = self._search(lex.dated_study, s.start, s.end) if studyish else None
        if m:
            return Source("named-study", m.start(), m.end(), "sentence")
        if studyish:
            for name, at, start, end in self._named_studies(s.start, s.end):
                if _ACRONYM.fullmatch(name.strip()) and name.strip() not in self.study_names:
                    continue  # a topic ("ADHD research"), not a study's name
                if _YEAR.fullmatch(name):
                    if _SINGULAR_STUDY.search(prose, start, end):
                        return Source("named-study", start, end, "sentence")  # "a 2019 survey"
                    continue  # "over 2000 papers": a count
                if self._is_name(name, at == s.start):
                    return Source("named-study", start, end, "sentence")
        for pattern, kind, needed in ((lex.study_by, "named-study", studyish), (lex.name_did_study, "named-study", studyish),
                                      (lex.name_reports, "named-person", reports), (lex.reports_name, "named-person", reports)):
            if not needed or not self._search(pattern, s.start, s.end):
                continue
            for m in pattern.finditer(prose, s.start, s.end):
                group = "name" if m.group("name") is not None else "name2"
                name = m.group(group)
                if pattern is lex.name_reports and " " not in name.strip() and prose.startswith(",", m.end(group)):
                    continue  # "Glutathione, added to …": a one-word name needs its verb at once
                if self._is_name(name, m.start(group) == s.start):
                    return Source(kind, m.start(), m.end(), "sentence")
        m = self._search(lex.role_source, s.start, s.end)
        if m:
            return Source("named-source", m.start(), m.end(), "sentence")
        for name in self.study_names:
            at = prose.find(name, s.start, s.end)
            if at >= 0:
                return Source("named-study", at, at + len(name), "sentence")
        return None

    def _named_studies(self, start: int, end: int) -> Iterator[tuple[str, int, int, int]]:
        """(name, where the name starts, span start, span end) of each study word in
        ``prose[start:end]`` with a name, a year or modifiers right before it."""
        prose = self.doc.prose
        if not self._search(self.lex.study_noun, start, end):
            return
        for m in self.lex.study_noun.finditer(prose, start, end):
            n = self.lex.name_before.search(prose, max(start, m.start() - 90), m.start())
            if n:
                yield n.group("name"), n.start("name"), n.start(), m.end()

    @property
    def study_names(self) -> tuple[str, ...]:
        """Names the article gives its studies ("the STAR*D study", "the NSDUH survey"): a later
        mention of the name alone ("… after four trials (STAR*D)") names the study too."""

        def compute() -> tuple[str, ...]:
            prose = self.doc.prose
            counts: dict[str, int] = {}
            where = self._holding(self.lex.study_noun)
            for k in sorted(where) if where is not None else range(len(self.sentences)):
                s = self.sentences[k]
                for name, _, _, _ in self._named_studies(s.start, s.end):
                    for word in re.findall(r"[A-Z][\w'’*-]*", name):
                        if len(word) > 2 and _ACRONYM.fullmatch(word):
                            counts[word] = counts.get(word, 0) + 1
            # A study's name, not a topic: mostly used to name the study ("the STAR*D study",
            # unlike "PTSD" everywhere else in a PTSD article), and not an acronym of a condition
            # or treatment ("ADHD research", "TMS trial").
            return tuple(sorted(w for w, n in counts.items() if n * 2 >= prose.count(w) and not _topic(w)))

        return self._memo(("study names",), compute)

    def refers(self, i: int) -> bool:
        """Whether sentence ``i`` refers back to particular research ("the study", "they found")."""
        s = self.sentences[i]
        return self._memo(("refers", i), lambda: bool(
            self._search(self.lex.definite, s.start, s.end) or self._search(self.lex.according, s.start, s.end)))

    def support(self, i: int) -> Source | None:
        """The source that supports a figure or an appeal to research in sentence ``i``: one it
        names; the speaker of its quotation; the previous sentence's (a figure continues the
        sentence that names its study); its list's lead-in; the research it refers back to;
        a press release's own study; the next paragraph's, for a headline or lede."""
        return self._memo(("support", i), lambda: self._support(i))

    def _support(self, i: int) -> Source | None:
        found = self.source(i)
        if found:
            return found
        s = self.sentences[i]
        speech = self.speech(s.start, s.end)
        if speech and (speech.attributed or speech.block):
            return Source("speaker" if speech.attributed else "quoted-source", speech.start, speech.end, "quotation")
        # "A recent study found …", "Research shows …": a new, unnamed source, not the one named
        # before.
        new_source = bool(self._search(self.lex.indefinite, s.start, s.end)) and not self.refers(i)
        prev = None if new_source else self.previous(i)
        if prev is not None:
            found = self.source(prev)
            # Across a paragraph break a figure continues a study or report, not a speaker.
            if found and self.sentences[prev].block != s.block and found.kind == "named-person":
                found = None
            if found is None and self.refers(prev):
                found = self._earlier_source(prev)
            if found:
                return _moved(found, "previous sentence")
        if not new_source:
            found = self._same_paragraph(i) or self._previous_paragraph(i)
            if found:
                return found
        lead = None if new_source else self.lead_in(i)
        if lead is not None:
            found = self.source(lead)
            if found:
                return _moved(found, "list lead-in")
            if self.refers(lead):
                earlier = self._earlier_source(lead)
                if earlier:
                    return earlier
        if self.refers(i):
            earlier = self._earlier_source(i)
            if earlier:
                return earlier
        own = self._own_study(i)
        if own:
            return own
        if self.opening(i) or self.section_lead(i):
            for j in self._following_paragraph(i):
                found = self.support(j)
                if found:
                    return _moved(found, "next paragraph")
        return None

    def _unit(self, b: int) -> tuple[int, int]:
        """The blocks that read as one paragraph: a block, or a whole list."""
        blocks = self.doc.blocks
        if not self._listish(b):
            return b, b
        first = last = b
        while first > 0 and self._listish(first - 1) and blocks[first - 1].kind == blocks[b].kind:
            first -= 1
        while last + 1 < len(blocks) and self._listish(last + 1) and blocks[last + 1].kind == blocks[b].kind:
            last += 1
        return first, last

    def _sentences_of(self, first: int, last: int) -> range:
        """The indices of the sentences in blocks ``first`` to ``last``."""
        blocks = self._memo(("sentence blocks",), lambda: [x.block for x in self.sentences])
        return range(bisect.bisect_left(blocks, first), bisect.bisect_right(blocks, last))

    def _same_paragraph(self, i: int) -> Source | None:
        """A study or source named elsewhere in sentence ``i``'s paragraph (or list), outside
        quotations: the paragraph is about that research ("The STAR*D study …: – 30% … – 67%
        (STAR*D)"; "… in most cases. However, Rantala and Luoto argue …")."""
        b = self.sentences[i].block
        first, last = self._unit(b)
        if first == last:
            # In a paragraph, the sentence right after: "… in most cases. However, Rantala and
            # Luoto argue …".
            candidates = [i + 1] if i + 1 < len(self.sentences) and self.sentences[i + 1].block == b else []
        else:
            candidates = [j for j in self._sentences_of(first, last) if j != i]
        for j in candidates:
            found = self.source(j)
            if found and self._named(found) and not self._quoted_sentence(j):
                return _moved(found, "same paragraph")
        return None

    def _previous_paragraph(self, i: int) -> Source | None:
        """A study, report or institution named in the paragraph before sentence ``i``'s (in
        the same section): the paragraph reports that research's results."""
        blocks = self.doc.blocks
        first, _ = self._unit(self.sentences[i].block)
        k = first - 1
        while k >= 0 and (self.doc.in_non_prose(blocks[k].start, blocks[k].end) or blocks[k].kind == "table_cell"):
            k -= 1
        if k < 0 or blocks[k].kind == "heading" or blocks[k].quoted != blocks[first].quoted:
            return None
        pfirst, plast = self._unit(k)
        for j in self._sentences_of(pfirst, plast):
            found = self.source(j)
            if found and found.kind not in ("named-person", "speaker") and self._named(found) and not self._quoted_sentence(j):
                return _moved(found, "previous paragraph")
        return None

    def _named(self, source: Source) -> bool:
        """Whether a source names someone or something in words (not a bare link or footnote
        marker, which support only their own paragraph)."""
        return source.kind != "citation" or bool(re.search(r"[A-Z]", self.doc.prose[source.start : source.end]))

    def _quoted_sentence(self, j: int) -> bool:
        s = self.sentences[j]
        return s.quoted or any(q0 < s.end and s.start < q1 for q0, q1 in self.doc.quotes if q0 < s.end)

    def _own_study(self, i: int) -> Source | None:
        """In a press release, research announced or referred to is the release's own study."""
        s = self.sentences[i]
        if self.genre.kind == "press_release" and (self.refers(i) or self._search(self.lex.announced, s.start, s.end)):
            return Source("own-study", s.start, s.end, "press release")
        return None

    def _earlier_source(self, i: int) -> Source | None:
        """The last source named before sentence ``i`` (research referred back to), in its
        section and at most ``REFERENCE_BLOCKS`` paragraphs back."""
        blocks = self.doc.blocks
        here = self.sentences[i].block
        for j in range(i - 1, -1, -1):
            b = self.sentences[j].block
            if here - b > REFERENCE_BLOCKS or (blocks[b].kind == "heading" and b != here):
                break
            found = self.source(j)
            if found:
                return _moved(found, "named earlier")
        if self.genre.kind == "press_release":
            s = self.sentences[i]
            return Source("own-study", s.start, s.end, "press release")
        return None

    def previous(self, i: int) -> int | None:
        """The sentence before ``i`` in the flow of the text: in the same block, or the last of
        the block before when ``i`` opens a paragraph (never across a heading or a table)."""
        if i == 0:
            return None
        s, p = self.sentences[i], self.sentences[i - 1]
        if p.block == s.block:
            return i - 1
        blocks = self.doc.blocks
        if blocks[p.block].kind in ("heading", "table_cell") or blocks[s.block].kind in ("heading", "table_cell"):
            return None
        if blocks[p.block].quoted != blocks[s.block].quoted:
            return None
        return i - 1

    def lead_in(self, i: int) -> int | None:
        """The sentence that introduces the list (or run of numbered paragraphs) sentence ``i``
        is in: the last sentence before the run, when it ends with a colon."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        if not self._listish(b):
            return None
        first = b
        while first > 0 and self._listish(first - 1):
            first -= 1
        if first == 0:
            return None
        lead_block = blocks[first - 1]
        if not _LEAD_IN_END.search(self.doc.prose[lead_block.start : lead_block.end]):
            return None
        j = self.index_at(lead_block.end - 1)
        return j

    def _listish(self, b: int) -> bool:
        block = self.doc.blocks[b]
        if block.kind == "list_item":
            return True
        if block.kind != "paragraph":
            return False
        line_start = self.doc.text.rfind("\n", 0, block.start) + 1
        return bool(_ENUMERATED.match(self.doc.text, line_start))

    def opening(self, i: int) -> bool:
        """Whether sentence ``i`` is in the article's headline or lede (its first heading or
        first paragraph), whose claims the following paragraph usually sources."""
        first_block, first_para = self._memo(("opening",), self._opening)
        b = self.sentences[i].block
        return b == first_block or (first_para is not None and b <= first_para)

    def _opening(self) -> tuple[int | None, int | None]:
        """The first heading or paragraph of prose, and the first substantial paragraph."""
        blocks = self.doc.blocks
        first_block = first_para = None
        for k, x in enumerate(blocks):
            if x.kind not in ("heading", "paragraph") or self.doc.in_non_prose(x.start, x.end):
                continue
            if first_block is None:
                first_block = k
            if x.kind == "paragraph" and len(self.doc.block_text(x).split()) > 12:
                first_para = k
                break
        return first_block, first_para

    def section_lead(self, i: int) -> bool:
        """Whether sentence ``i`` is the lead of a section that opens into subsections (a
        heading, one paragraph, a deeper heading): a summary of what they go on to cite."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        if b == 0 or b + 1 >= len(blocks) or blocks[b].kind != "paragraph":
            return False
        above, below = blocks[b - 1], blocks[b + 1]
        return above.kind == "heading" and below.kind == "heading" and below.level > above.level

    def _following_paragraph(self, i: int) -> list[int]:
        """Sentences of the first two substantial paragraphs after sentence ``i``'s block (a
        news lede's study is named in the next paragraph or the one after)."""
        blocks = self.doc.blocks
        b = self.sentences[i].block
        chosen = []
        for k in range(b + 1, min(len(blocks), b + 8)):
            if blocks[k].kind == "paragraph" and len(self.doc.block_text(blocks[k]).split()) > 12:
                chosen.append(k)
                if len(chosen) == 2:
                    break
        return [j for j in range(i + 1, len(self.sentences)) if self.sentences[j].block in chosen]

    # -- speech ----------------------------------------------------------------------------
    def speech(self, start: int, end: int) -> Speech | None:
        """The quotation ``text[start:end]`` lies in (most of it), if any."""
        for q_start, q_end in self.doc.quotes:
            if q_start > start:
                break
            if q_start <= start and (end <= q_end or (q_end - start) * 2 > end - start):
                return self._memo(("speech", q_start, q_end), partial(self._speech, q_start, q_end))
        return None

    def _speech(self, q_start: int, q_end: int) -> Speech:
        doc = self.doc
        b = doc.block_index(q_start)
        assert b is not None  # quotations are found inside blocks
        block = doc.blocks[b]
        if block.quoted and q_start == block.start and q_end == block.end:
            return Speech(q_start, q_end, self._block_quote_cited(b), True, False)
        around = doc.prose[block.start : q_start] + " " + doc.prose[q_end : block.end]
        attributed = bool(_SPEECH.search(around) or self.lex.role_reports.search(around))
        if not attributed and q_start == block.start and b > 0 and doc.blocks[b - 1].kind == "paragraph":
            # A quotation that opens a paragraph continues the speaker introduced just before
            # ("Professor X said the research … ." / "“Overall, 75 percent …”").
            before = doc.blocks[b - 1]
            text = doc.prose[before.start : before.end]
            outside = "".join(text[i] for i in range(len(text)) if not doc.is_quoted(before.start + i, before.start + i + 1))
            attributed = bool(_SPEECH.search(outside) or _LEAD_IN_END.search(text))
        scare = not attributed and q_end - q_start <= SCARE_QUOTE
        return Speech(q_start, q_end, attributed, False, scare)

    def _block_quote_cited(self, b: int) -> bool:
        """A block quote is attributed when it names its source or follows a lead-in that does
        (or that introduces it with a colon)."""
        blocks = self.doc.blocks
        first = b
        while first > 0 and blocks[first - 1].quoted:
            first -= 1
        if first == 0:
            return False
        lead = blocks[first - 1]
        text = self.doc.prose[lead.start : lead.end]
        if _LEAD_IN_END.search(text):
            return True
        j = self.index_at(lead.end - 1)
        return j is not None and self.source(j) is not None

    def reported_by_name(self, i: int, start: int, end: int | None = None) -> bool:
        """Whether sentence ``i`` reports the words at ``start`` as indirect speech of a named
        person or a role: "Yang explains that …", "a spokesperson said the …" before them, or
        "…, according to Steven Hyman" / "…, Dr Greer said" after them (up to ``end``)."""
        s = self.sentences[i]
        prose = self.doc.prose
        for m in self.lex.name_reports.finditer(prose, s.start, start):
            if _SPEECH.search(m.group()) and self._is_name(m.group("name"), m.start("name") == s.start):
                return True
        role = self.lex.role_reports.search(prose, s.start, start)
        if role and _SPEECH.search(role.group()):
            return True
        if end is not None:
            after = prose[end : s.end]
            named = self.lex.reports_name.search(after)
            if named and _SPEECH.search(named.group()) and "," in after[: named.start() + 1] and self._is_name(named.group("name"), False):
                return True
        return False



def _topic(acronym: str) -> bool:
    """Whether an acronym names a condition or a treatment, not an institution or a survey: the
    knowledge base knows it as one, or the domain lexicon expands it to a common noun phrase
    ("attention-deficit/hyperactivity disorder"), not a proper name ("National Survey on Drug
    Use and Health")."""
    kb = load_kb()
    if kb.condition_mentions(acronym) or kb.product_mentions(acronym):
        return True
    expansion = domain_lexicon().expansions.get(acronym)
    return expansion is not None and expansion[:1].islower()


def _moved(source: Source, how: str) -> Source:
    return Source(source.kind, source.start, source.end, how)


def _after_opening(prose: str, at: int) -> bool:
    """Whether the word at ``at`` follows an opening quote or bracket (a new sentence inside)."""
    k = at - 1
    while k >= 0 and prose[k] in " \t":
        k -= 1
    return k >= 0 and prose[k] in "“\"‘(['\n:—–"
