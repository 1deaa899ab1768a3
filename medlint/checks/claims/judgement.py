"""The overclaiming check (CLM001–CLM009): candidates from the lexicon's patterns, judged by
their context and voice (whose claim, about what), fixed within one sentence of prose."""

from __future__ import annotations

import re
from dataclasses import replace

from medlint.analysis.hedging import QUOTED_SPEECH, Stance, default_context, report_claim
from medlint.analysis.reading import reading
from medlint.checks.claims.lexicon import Candidate, Lexicon, RuleData, claim_places, lexicon
from medlint.checks.claims.rules import (
    ANIMAL, ASSOCIATION, CERTAINTY, CURE, EXCLUSIVE, HYPE, INSTANT, MESSAGES, SAFETY, SUPERLATIVE,
)
from medlint.knowledge.kb import load_kb
from medlint.model.rule import Check, make_fix, match_case


_MINOR_WORDS = frozenset("a an the and or of for in on to at by with".split())


def fix_case(original: str, replacement: str) -> str:
    """``match_case``, plus Title Case for headings ("A Breakthrough Drug" → "A New Drug")."""
    words = [w for w in original.split() if w[:1].isalpha()]
    if len(words) > 1 and all(w[:1].isupper() for w in words) and not original.isupper():
        return " ".join(
            w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(replacement.split())
        )
    return match_case(original, replacement)


def _bounds(doc, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start``, stretched to ``end`` (or the span itself outside sentences)."""
    sentence = doc.sentence_at(start)
    if sentence is None:
        return start, end
    return sentence.start, max(sentence.end, end)


class Overclaiming(Check):
    """Word-level and sentence-level overclaiming rules (CLM001–CLM009)."""

    name = "overclaiming"
    rules = (HYPE, CERTAINTY, SAFETY, CURE, EXCLUSIVE, SUPERLATIVE, INSTANT, ANIMAL, ASSOCIATION)
    options = {"quoted_speech": QUOTED_SPEECH}

    def check(self, doc, ctx):
        lex = lexicon()
        context = default_context()
        read = reading(doc)
        enabled = ctx.settings.enabled_codes
        places = claim_places(doc.prose)
        found = []
        for cand in self._candidates(doc, lex, enabled, places):
            s_start, _ = _bounds(doc, cand.start, cand.end)
            stance = read.stance(cand.start, cand.end)
            if self._passes(lex.rules[cand.code], stance, doc.prose, context, s_start, cand.start):
                continue
            voice = _voice(read, lex, cand)
            if voice == "not a claim":
                continue
            if voice == "speaker":
                # A named speaker's words are theirs: reported only when asked for ('report'),
                # or, for exclusivity, as info.
                mode = ctx.options["quoted_speech"]
                if mode == "skip" or (mode == "info" and cand.code != "CLM005"):
                    continue
            found.append(replace(cand, reported=stance.reported or voice == "speaker"))
        for cand in _without_overlaps(found):
            message = MESSAGES[cand.code].format(m=_shown(doc, cand))
            fix = self._fix(read, cand)
            diag = self._report(doc, ctx, cand.code, cand.start, cand.end, message, fix, cand.reported)
            if diag is not None:
                yield diag
        if "CLM008" in enabled:
            yield from filter(None, self._animal(doc, ctx, lex, context, places))
        if "CLM009" in enabled:
            yield from filter(None, self._association(doc, ctx, lex, context, places))

    # -- word-level rules ---------------------------------------------------------------------
    @staticmethod
    def _candidates(doc, lex: Lexicon, enabled, places):
        """Every pattern match inside one prose block (each pattern tried only where it can begin)."""
        for index, pattern in enumerate(lex.patterns):
            if pattern.code not in enabled:
                continue
            if places[index] == []:
                continue  # nowhere to begin
            rule = lex.rules[pattern.code]
            for m in lex.starts.finditer(index, places, doc.prose):
                i = doc.block_index(m.start())
                if i is None or m.end() > doc.blocks[i].end:
                    continue  # outside prose, or running from one block into the next
                lo, hi = max(doc.blocks[i].start, m.start() - 80), min(doc.blocks[i].end, m.end() + 80)
                nearby = (e for x in rule.exceptions for e in x.finditer(doc.prose, lo, hi))
                if any(e.start() < m.end() and m.start() < e.end() for e in nearby):
                    continue
                yield Candidate(m.start(), m.end(), pattern.code, pattern, m)

    @staticmethod
    def _passes(rule: RuleData, stance: Stance, prose: str, context, s_start: int, start: int) -> bool:
        if rule.context == "hype":
            return stance.denied
        if not stance.asserted:
            return True
        if rule.skip_before is not None:
            return bool(rule.skip_before.search(prose, context.clause_start(prose, s_start, start), start))
        return False

    @staticmethod
    def _fix(read, cand: Candidate):
        """The calibrated wording, inside one sentence of running prose (``Reading.fixable``:
        never in a heading, table, quotation, or across markup), with "a"/"an" agreeing."""
        if cand.pattern.replace is None or not read.fixable(cand.start, cand.end, headings=True):
            return None
        original = read.doc.text[cand.start : cand.end]
        replacement = fix_case(original, cand.match.expand(cand.pattern.replace))
        start, end, new = read.article_edit(cand.start, cand.end, replacement)
        return make_fix(
            f"Replace “{read.doc.text[start:end]}” with “{new}” (calibrated wording): check that the "
            "sentence still says what its evidence supports",
            [(start, end, new)],
            safe=False,
        )

    @staticmethod
    def _report(doc, ctx, code, start, end, message, fix, reported=False):
        sentence = doc.sentence_at(start)
        quoted = sentence is not None and sentence.quoted
        return report_claim(ctx, doc, code, start, end, message, fix, sentence_quoted=quoted, reported=reported)

    # -- CLM008: animal or cell evidence as a human result ----------------------------------
    def _animal(self, doc, ctx, lex: Lexicon, context, places):
        prose = doc.prose
        items = doc.sentences
        # Both findings need animal evidence in the sentence or the next one: most sentences
        # have no place where a marker may begin, and are passed over.
        may_name_animals = doc.sentences_holding(places[lex.animal_index])
        for i in sorted(may_name_animals | {i - 1 for i in may_name_animals if i}):
            sent = items[i]
            animal = None
            if i in may_name_animals:
                animal = lex.starts.search(lex.animal_index, places, prose, sent.start, sent.end)
            if animal:
                yield self._animal_conclusion(doc, ctx, lex, context, sent, animal)
            elif i + 1 < len(items) and i + 1 in may_name_animals:
                yield self._general_then_animal(doc, ctx, lex, context, sent, items[i + 1])

    def _animal_conclusion(self, doc, ctx, lex, context, sent, animal):
        """One sentence: animal evidence, then a conclusion about people ("… which means patients …")."""
        prose, s, e = doc.prose, sent.start, sent.end
        if lex.animal_limits.search(prose, s, e):
            return None
        conclusion = lex.conclusions.search(prose, animal.end(), e) or lex.conclusions.search(prose, s, animal.start())
        if not conclusion:
            return None
        human = next((h for h in lex.humans.finditer(prose, conclusion.end(), e) if not _inside(h, animal)), None)
        if human is None or conclusion.end() <= animal.start() < human.start():
            return None  # no person in the conclusion, or the conclusion is about the animals
        stance = context.stance(prose, s, e, conclusion.start(), human.end())
        if not stance.asserted and not (stance.reported and not (stance.negated or stance.hedged)):
            return None
        return self._report(
            doc,
            ctx,
            "CLM008",
            conclusion.start(),
            human.end(),
            f"the evidence here is from {animal.group()}, but the sentence concludes about "
            f"{human.group()}; keep the result to the animals or cells studied",
            None,
            stance.reported,
        )

    def _general_then_animal(self, doc, ctx, lex, context, sent, nxt):
        """A claim with no population ("Ketamine regrows brain cells."), then a study in animals."""
        prose, s, e = doc.prose, sent.start, sent.end
        claim = lex.general_claim.search(prose, s, e)
        if not claim or lex.humans.search(prose, s, e):
            return None
        heading_then_text = doc.blocks[sent.block].kind == "heading" and nxt.block == sent.block + 1
        if nxt.block != sent.block and not heading_then_text:
            return None
        evidence = lex.animal.search(prose, nxt.start, nxt.end)
        if not evidence or not lex.study.search(prose, nxt.start, nxt.end) or lex.animal_limits.search(prose, nxt.start, nxt.end):
            return None
        stance = context.stance(prose, s, e, claim.start(), claim.end())
        if not stance.asserted:
            return None
        return self._report(
            doc,
            ctx,
            "CLM008",
            claim.start(),
            claim.end(),
            f"“{claim.group()}” is stated generally, but the study that follows (line "
            f"{doc.position(evidence.start())[0]}) was in {evidence.group()}; say so in this sentence",
            None,
        )

    # -- CLM009: causal verb from an association ---------------------------------------------
    def _association(self, doc, ctx, lex: Lexicon, context, places):
        """A causal verb after an association in the same sentence, or in a follow-up ("This shows…")."""
        prose = doc.prose
        items = doc.sentences
        for i in sorted(doc.sentences_holding(places[lex.association_index])):
            sent = items[i]
            marker = lex.starts.search(lex.association_index, places, prose, sent.start, sent.end)
            if not marker:
                continue
            targets = [(marker.end(), sent)]
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.block == sent.block and lex.follow_up.match(prose, nxt.start, nxt.end):
                targets.append((nxt.start, nxt))
            for search_from, target in targets:
                hit = self._causal_verb(prose, lex, context, search_from, target)
                if hit is None:
                    continue
                verb, wording, stance = hit
                fix = None
                if wording and reading(doc).fixable(verb.start(), verb.end()):
                    replacement = match_case(verb.group(), wording)
                    fix = make_fix(
                        f"Replace “{verb.group()}” with “{replacement}”; check that the evidence named is an "
                        "association and the sentence still reads",
                        [(verb.start(), verb.end(), replacement)],
                        safe=False,
                    )
                yield self._report(
                    doc,
                    ctx,
                    "CLM009",
                    verb.start(),
                    verb.end(),
                    f"“{verb.group()}” states cause, but the evidence named (“{' '.join(marker.group().split())}”) "
                    "is an association; say “is linked to” or cite a trial that tested the cause",
                    fix,
                    stance.reported,
                )

    @staticmethod
    def _causal_verb(prose, lex: Lexicon, context, search_from: int, sentence):
        """The first asserted causal verb in ``sentence`` at or after ``search_from``."""
        best = None
        for regex, wording in lex.causal:
            for m in regex.finditer(prose, search_from, sentence.end):
                stance = context.stance(prose, sentence.start, sentence.end, m.start(), m.end())
                if stance.negated or stance.hedged or stance.distanced or stance.question:
                    continue
                if best is None or m.start() < best[0].start():
                    best = (m, wording, stance)
                break
        return best


def _voice(read, lex: Lexicon, cand: Candidate) -> str | None:
    """Whose claim a match is: "speaker" (a quoted or reported speaker's words), "not a claim"
    (a name, scare quotes, said of research, of a person's own experience, a trial's report, a
    comparison of onsets, or not about a treatment), or None (the writer's own claim)."""
    doc, c = read.doc, lex.context
    i = read.index_at(cand.start)
    if i is None:
        return None
    sent = read.sentences[i]
    prose = doc.prose
    speech = read.speech(cand.start, cand.end)
    if (speech is not None and speech.scare) or _scare_quoted(prose, cand.start, cand.end):
        return "not a claim"  # scare quotes: the writer holds the word at a distance
    if speech is not None and read.lex.first_person.search(prose, speech.start, speech.end):
        return "not a claim"  # someone quoted on their own life ("… both feel like miracles")
    if (speech is not None and (speech.attributed or speech.block)) or read.reported_by_name(i, cand.start, cand.end):
        return "speaker"
    if read.genre.kind == "personal" and c.personal.search(prose, sent.start, sent.end):
        return "not a claim"  # a personal account of the writer's (or a friend's) own life
    if doc.blocks[sent.block].kind != "heading" and _in_name(prose, cand.start, cand.end, sent.start):
        return "not a claim"
    if cand.code == "CLM001" and c.research.match(prose, cand.end) and not c.treatment.search(prose, sent.start, sent.end):
        return "not a claim"  # "a groundbreaking study": praise of research, no treatment claimed
    if cand.code in ("CLM005", "CLM006"):
        support = read.support(i)
        if support is not None and support.kind not in ("speaker", "quoted-source") and support.how not in ("press release", "next paragraph"):
            return "not a claim"  # a named study's result, reported as such
    if cand.code == "CLM003" and c.trial_report.search(prose, sent.start, sent.end):
        return "not a claim"
    if cand.code == "CLM007" and c.onset.search(prose, sent.start, sent.end):
        return "not a claim"
    if cand.code == "CLM002" and _UNIVERSAL.search(cand.match.group()) and not _about_treatment(read, lex, i):
        return "not a claim"  # "honesty can always help": a universal said of something else
    return None


_UNIVERSAL = re.compile(r"\b(?:always|every\w*|all|never|without fail)\b", re.IGNORECASE)


def _about_treatment(read, lex: Lexicon, i: int) -> bool:
    """Whether sentence ``i`` (or the one before it) names a treatment, or its subject is a
    pronoun that may stand for one: universal and safety claims are about a treatment."""
    prose = read.doc.prose
    spans = [read.sentences[i]]
    prev = read.previous(i)
    if prev is not None:
        spans.append(read.sentences[prev])
    if any(lex.context.treatment.search(prose, s.start, s.end) for s in spans):
        return True
    subject = read.subject(i)
    if subject and _PRONOUN_SUBJECT.match(prose, subject[0], subject[1]):
        return True
    return bool(load_kb().product_mentions(prose, read.sentences[i].start, read.sentences[i].end))


_PRONOUN_SUBJECT = re.compile(r"\W*(?:it|this|these|they|that|those)\b", re.IGNORECASE)


def _scare_quoted(prose: str, start: int, end: int) -> bool:
    """Quote marks right around the match: "could be ‘breakthrough’ therapy"."""
    before, after = prose[start - 1 : start], prose[end : end + 1]
    return bool(before and after and before in "“‘\"'" and after in "”’\"'")


def _in_name(prose: str, start: int, end: int, sentence_start: int) -> bool:
    """A capitalised claim word with a capitalised neighbour, inside a sentence: part of a name
    ("Dr. Nick's Cure-All Home Remedy")."""
    if start == sentence_start or not prose[start : start + 1].isupper():
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", prose[sentence_start:end + 200].split("\n")[0])
    if words and sum(w[0].isupper() for w in words) * 5 >= len(words) * 3:
        return False  # a title in title case, not a name
    before = prose[max(sentence_start, start - 30) : start].split()
    after = prose[end : end + 30].split()
    neighbours = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return any(w[:1].isupper() and w.strip("’'s.,") not in ("I", "A", "The") for w in neighbours)


def _inside(m: re.Match, outer: re.Match) -> bool:
    return outer.start() <= m.start() and m.end() <= outer.end()


def _shown(doc, cand: Candidate) -> str:
    """The matched words as the reader sees them (markup removed, white space collapsed)."""
    return " ".join(doc.prose[cand.start : cand.end].split())


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Longest match first; a match overlapping one already kept is dropped (one finding per phrase)."""
    order = {code: i for i, code in enumerate(MESSAGES)}
    kept: list[Candidate] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), order[c.code], c.start)):
        if not any(cand.start < k.end and k.start < cand.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
