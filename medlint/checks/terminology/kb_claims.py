"""FCT claims checked against the medicines KB (``rules/medicines.json``), called by the
family's check (``facts.py``). The terminology facts are matched term by term; the KB has 160
medicines and 580 names, so they are found once per document and then read in context.

One pass finds every medicine named in the prose (``MedicinesKB.medicines_in``: a table
lookup per word). Names joined by commas, "and" and "or" form one *run* (a glossed brand,
"Zoloft (sertraline)", is one item). Around each run, the assertion shapes of FCT001 (same
copula, articles, modifiers, negation and contrast words) are read:

- "X is a Y", "X and Z are Ys", "X, a Y,", "X (a Y)", "X and other Ys", "the Y X",
  "Ys such as X, Z", "Ys include X" -> FCT002 when the KB says X is definitely not a Y
  (``MedicinesKB.contradicts``: an unknown is never a contradiction);
- "Brand (generic)" naming two different medicines -> FCT005;
- "Brand, made by Company", "Company's Brand" -> FCT006 when the company is not one of the
  brand's makers (or a company that absorbed one);
- "X works by adding serotonin" for a reuptake inhibitor -> FCT007;
- "ECT uses magnets", "TMS is implanted" -> FCT008.

A claim is read only where the words are the writer's: quotations, sentences that discuss a
mistake ("often wrongly called") and negated claims are skipped, as in FCT001; a subject after
a preposition ("switching from sertraline to…") is not a subject. Messages give the fact and its
source in one sentence; ``medlint explain`` has the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from medlint.checks.terminology.shapes import ART, CONTRAST, COPULA, DISCUSSED, MODS, NEGATED
from medlint.knowledge.medicines import ROOT, Medicine, MedicinesKB, load_medicines
from medlint.text.prefilter import fold

KB_CODES = frozenset({"FCT002", "FCT005", "FCT006", "FCT007", "FCT008"})

#: What a class name may be followed by for the name to be the class claimed ("an SSRI that…",
#: "an SSRI antidepressant"), not a modifier of another noun ("a benzodiazepine receptor
#: agonist", "an opioid antagonist", "an SSRI alternative").
_CLASS_END = (r"(?=\s*(?:[.,;:!?)\]—–]|$)|\s+(?:drugs?|medications?|medicines?|antidepressants?|treatments?|"
              r"that|which|who|used|approved|prescribed|licensed|and|or|for|to|with|in|like|such|called|known|"
              r"developed|made|marketed|sold|commonly|often|typically|usually|class|family|group|as|at|by|on|"
              r"from|is|was|are|were|but|so|because|since|when|while|can|may|might|will|would|could|should|"
              r"has|have|had|of|option|options|without|though|although|yet|pills?|tablets?|capsules?|sedatives?|"
              r"hypnotics?|sleeping|tranquil+i[sz]ers?|nasal|injections?|patch|patches)\b)")
#: Words before a subject that make it the object of a preposition, not a subject.
_PREPOSITION = re.compile(r"\b(?:to|than|from|with|of|on|after|before|like|unlike|including|besides|versus|vs\.?|plus|"
                          r"about|for|in|between|into|over|under|without|as|such\s+as|e\.g\.,?|or|and)\s*$", re.I)
#: Between two names of one run.
_SEPARATOR = re.compile(r"(?:\s*\([^()]{0,60}\))?(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)", re.I)
_GLOSS_OPEN = re.compile(r"\s*\(\s*")
_GLOSS_CLOSE = re.compile(r"\s*\)")
_LIST_INTRO = r"(?:such\s+as|like|including|includes?|e\.g\.,?|for\s+example,?|for\s+instance,?|especially|particularly|namely)"
_TRANSMITTER = r"(?P<t>serotonin|norepinephrine|noradrenaline|dopamine)"
_ADDING = (r"(?P<v>adding|supplying|replacing|replenishing|producing|making|creating|manufacturing|providing|putting|"
           r"releasing|pumping|injecting|giving)")
#: Mechanisms that mean a reuptake inhibitor (class ``mechanism`` words of the KB).
_REUPTAKE = frozenset({"serotonin-reuptake-inhibition", "norepinephrine-reuptake-inhibition"})
#: A document without these words holds no mechanism claim (FCT007 reads no further).
_WORKS_BY = re.compile(r"\b(?:works?|worked|acts?|functions?)\s+by\b", re.I)
_TECH_WORDS = {
    "magnetic": r"magnets?|magnetism|magnetic(?:\s+(?:fields?|pulses?|coils?|waves?|energy|stimulation))?",
    "implanted": r"(?:surgically\s+)?implant(?:ed|s)?",
}


@dataclass(frozen=True)
class Item:
    """One medicine of a run, with the span of its name (and of its gloss, if any)."""

    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    items: tuple[Item, ...]
    start: int
    end: int


@cache
def _shapes():
    """The compiled assertion shapes (built from FCT001's vocabulary on first use)."""
    mods = rf"(?:{MODS}\s+)"
    return {
        "copula": re.compile(rf"(?:\s*\([^()]{{1,60}}\))?\s+{COPULA}(?P<neg>\s+(?:not|never)\b)?\s+(?:{ART}\s+)?", re.I),
        "apposition": re.compile(rf"\s*(?:,|\(|—|–|:)\s*(?:which\s+is\s+|that\s+is\s+|also\s+)?{ART}\s+", re.I),
        "and-other": re.compile(r"\s*,?\s+(?:and|or|as\s+well\s+as)\s+(?:other|similar|related|fellow)\s+", re.I),
        "mod": re.compile(mods, re.I),
        "connector": re.compile(r"\s+(?:(?:called|named|known\s+as|drugs?|medications?|medicines?)\s+)?$", re.I),
        "list": re.compile(rf"\s*,?\s+{_LIST_INTRO}\s+$", re.I),
        "made-by": re.compile(r"(?:\s*\([^()]{1,60}\))?(?:\s*,\s*|\s+(?:is|was|are|were)\s+|\s*\(\s*|\s+)(?:(?:originally|first|now|also|currently)\s+)?"
                              r"(?:made|manufactured|produced|developed|marketed|sold|distributed|launched|created)\s+by\s+(?:the\s+)?", re.I),
        "possessive": re.compile(r"['’]s\s+$"),
        "works-by": re.compile(rf"(?:\s*\([^()]{{1,60}}\))?\s+(?:work|works|worked|act|acts|function|functions)\s+by\s+"
                               rf"(?:(?:simply|just|directly|actually|basically)\s+)?{_ADDING}\s+(?:in\s+)?"
                               rf"(?:(?:more|extra|new|additional|the)\s+)?(?:(?:brain|body)['’]?s?\s+)?{_TRANSMITTER}", re.I),
        "device-uses": re.compile(r"(?:\s*\([^()]{1,60}\))?(?:\s*,\s*which|\s+that)?\s+(?:uses?|used|relies\s+on|applies|delivers|sends|"
                                  r"works\s+(?:by\s+using|with|through)|involves|employs|harnesses)\s+(?:\w+\s+){0,3}?"
                                  rf"(?P<t>{_TECH_WORDS['magnetic']})\b", re.I),
        "device-implanted": re.compile(rf"(?:\s*\([^()]{{1,60}}\))?\s+(?:is|are)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?P<t>{_TECH_WORDS['implanted']})\b", re.I),
    }


def kb_claims(doc, ctx, enabled, reported: list[tuple[int, int]]):
    """FCT002, FCT005–FCT008 findings of ``doc`` from the medicines KB (nothing overlapping a
    span in ``reported``, which the terminology facts already reported)."""
    text = doc.prose
    kb = load_medicines()
    mentions, devices = kb.names_in(text, 0, len(text))
    if "FCT008" not in enabled:
        devices = []
    mechanisms = "FCT007" in enabled and _WORKS_BY.search(text) is not None
    if not mentions and not devices and not mechanisms:
        return
    shapes = _shapes()
    starts = [m.start for m in mentions]
    dstarts = [d.start for d in devices]
    out: list = []
    class_at: list[int] | None = None
    for sentence in doc.sentences:
        s, e = sentence.start, sentence.end
        if sentence.quoted:
            continue
        # what the sentence holds first: most hold nothing, and need no DISCUSSED search
        here = mentions[bisect_left(starts, s):bisect_left(starts, e)]
        works = mechanisms and _WORKS_BY.search(text, s, e) is not None
        named = devices[bisect_left(dstarts, s):bisect_left(dstarts, e)]
        if not (here or works or named) or DISCUSSED.search(text, s, e):
            continue
        if here:
            for run in _runs(text, here):
                if class_at is None:  # where a class may be named (its literals), found once
                    found = kb.class_needs.offsets(fold(text))
                    class_at = list(range(len(text))) if found is None else sorted(found)
                out.extend(_run_claims(doc, ctx, kb, shapes, enabled, run, s, e, NEGATED, CONTRAST, class_at))
        if works:
            out.extend(_class_mechanisms(doc, ctx, kb, shapes, s, e))
        for d in named:
            out.extend(_device_claims(doc, ctx, kb, shapes, d, e))
    for diag, start, end in out:
        if not any(a < end and start < b for a, b in reported) and not doc.is_quoted(start, end):
            reported.append((start, end))
            yield diag


def _runs(text: str, mentions) -> list[Run]:
    """Mentions joined by list separators, a gloss "(sertraline)" kept with its name."""
    runs: list[Run] = []
    items: list[Item] = []
    end = -1
    i = 0
    while i < len(mentions):
        m = mentions[i]
        item = Item(m.id, m.start, m.end)
        close = None
        if i + 1 < len(mentions) and (g := _GLOSS_OPEN.fullmatch(text, m.end, mentions[i + 1].start)):
            nxt = mentions[i + 1]
            if g and (c := _GLOSS_CLOSE.match(text, nxt.end)):
                close = c.end()
        if items and _SEPARATOR.fullmatch(text, end, m.start):
            items.append(item)
        else:
            if items:
                runs.append(Run(tuple(items), items[0].start, end))
            items = [item]
        end = m.end
        if close is not None:
            items.append(Item(mentions[i + 1].id, mentions[i + 1].start, mentions[i + 1].end))
            end = close
            i += 1
        i += 1
    if items:
        runs.append(Run(tuple(items), items[0].start, end))
    return runs


def _class_after(kb: MedicinesKB, shapes, text: str, pos: int, e: int) -> re.Match | None:
    """The class named at ``pos`` after up to three modifiers ("the brain's main …")."""
    pattern = kb.class_pattern[0]
    end_re = _class_end()
    for _ in range(4):
        m = pattern.match(text, pos, e)
        # a plural class is rarely a modifier ("other stimulants help"); a singular one often is
        if m and (m.group(0).lower().endswith("s") or end_re.match(text, m.end(), e)):
            return m
        mod = shapes["mod"].match(text, pos, e)
        if not mod:
            return None
        pos = mod.end()
    return None


@cache
def _class_end() -> re.Pattern:
    return re.compile(_CLASS_END, re.I)


def _article(word: str) -> str:
    return "an" if re.match(r"[aeiouAEIOU]|(?:SSRI|SNRI|MAOI|FGA|SGA|NMDA)", word) else "a"


def _source_short(kb: MedicinesKB, med: Medicine) -> str:
    """The source of a medicine's class in a few words: "WHO ATC N06AB03 (2026-04-25)"."""
    key = (med.sources.get("classes") or ("atc",))[0]
    src = kb.sources[key]
    if key == "atc" and med.atc:
        return f"WHO ATC {med.atc}, {src.date}"
    short = re.split(r"[:(]", src.ref)[0].strip().rstrip(",")
    return f"{short}, {src.date}"


def _run_claims(doc, ctx, kb: MedicinesKB, shapes, enabled, run: Run, s: int, e: int, negated, contrast, class_at: list[int]):
    """The FCT002, FCT005–FCT007 claims about a run of medicines in the sentence ``text[s:e]``
    (``class_at``: the sorted offsets where a class name's literal begins in the document)."""
    text = doc.prose
    # what precedes the run, within the sentence: the few words the shapes look back at
    s = max(s, run.start - 80)
    before = text[s:run.start]
    # a class named before the run ("SSRIs such as …") holds a literal of a class name there
    class_before = (i := bisect_left(class_at, s)) < len(class_at) and class_at[i] < run.start
    subject_ok = not _PREPOSITION.search(before)
    claims: list[tuple[str, re.Match, int, int]] = []  # (shape, class match, claim start, claim end)
    if "FCT002" in enabled:
        if subject_ok and (c := shapes["copula"].match(text, run.end, e)) and not c["neg"]:
            if (m := _class_after(kb, shapes, text, c.end(), e)) and not negated.search(text, run.end, m.start()):
                claims.append(("copula", m, run.start, m.end()))
        if len(run.items) == 1 and subject_ok and (a := shapes["apposition"].match(text, run.end, e)):
            m = _class_after(kb, shapes, text, a.end(), e)
            if m and not re.match(r"\s*,?\s+(?:and|or)\b", text[m.end():e]):
                claims.append(("apposition", m, run.start, m.end()))
        if (o := shapes["and-other"].match(text, run.end, e)) and (m := _class_after(kb, shapes, text, o.end(), e)):
            claims.append(("and-other", m, run.start, m.end()))
        for shape in ("connector", "list") if class_before else ():
            if not (c := shapes[shape].search(before)):
                continue
            head = before[: c.start()]
            found = [m for m in kb.class_pattern[0].finditer(head) if m.end() == len(head)]
            if found and not contrast.search(head[: found[0].start()]) and not negated.search(head[max(0, found[0].start() - 12):]):
                m = kb.class_pattern[0].match(text, s + found[0].start(), s + found[0].end())
                if m:
                    claims.append((shape, m, m.start(), run.end))
        for shape, m, start, end in claims:
            cid = kb.class_at(m)
            # "the SSRI sertraline and bupropion": the class names the first item only
            for item in run.items[:1] if shape == "connector" else run.items:
                med = kb.medicines[item.id]
                if kb.contradicts(med, cid):
                    said, name = doc.text[m.start():m.end()], doc.text[item.start:item.end]
                    if set(med.classes) == {ROOT}:  # known only by the closed list it is not on
                        what = f"it is not on the complete list of {kb.classes[cid].label}s"
                    else:
                        what = f"it is {_article(kb.label(med))} {kb.label(med)}"
                    message = f"“{name}” is put in the class “{said}”, but {what} ({_source_short(kb, med)})."
                    yield ctx.report("FCT002", start, end, message), start, end
    if "FCT005" in enabled:
        for a, b in zip(run.items, run.items[1:]):
            if text[a.end:b.start].strip() == "(" and a.id != b.id:
                yield from _mismatch(doc, ctx, kb, a, b, text.find(")", b.end) + 1)
    if "FCT006" in enabled:
        yield from _makers(doc, ctx, kb, shapes, run, s, e)
    if "FCT007" in enabled and (w := shapes["works-by"].match(text, run.end, e)) and subject_ok:
        for item in run.items:
            med = kb.medicines[item.id]
            mech = {x for c in med.classes for a in kb.up(c) for x in kb.classes[a].mechanism}
            if mech & _REUPTAKE:
                yield _mechanism(doc, ctx, kb.label(med), doc.text[item.start:item.end], w, run.start, _source_short(kb, med)), run.start, w.end()


def _mismatch(doc, ctx, kb: MedicinesKB, a: Item, b: Item, end: int):
    """"Brand (generic)" with two different medicines, unless one contains the other."""
    text = doc.text
    first, second = text[a.start:a.end], text[b.start:b.end]
    brands = kb.brand_names
    ma, mb = kb.medicines[a.id], kb.medicines[b.id]
    if (first.lower() in brands) == (second.lower() in brands):
        return  # two brands or two generic names: a list, not a gloss
    if b.id in ma.contains or a.id in mb.contains or set(ma.contains) & set(mb.contains):
        return
    brand, generic, owner = (first, second, ma) if first.lower() in brands else (second, first, mb)
    src = kb.sources["names"]
    message = f"“{brand}” is {owner.names[0]}, not “{generic}” ({src.ref.split(' (')[0]}, {src.date})."
    yield ctx.report("FCT005", a.start, end, message), a.start, end


def _makers(doc, ctx, kb: MedicinesKB, shapes, run: Run, s: int, e: int):
    text = doc.prose
    for item in run.items:
        name = doc.text[item.start:item.end]
        entry = kb.makers.get(name.lower())
        if entry is None:
            continue
        _, makers, sources = entry
        companies, ids = kb.company_pattern
        claimed = None
        if (mb := shapes["made-by"].match(text, item.end if len(run.items) > 1 else run.end, e)) and (c := companies.match(text, mb.end(), e)):
            claimed, span = c, (item.start, c.end())
        elif (p := shapes["possessive"].search(text[max(s, item.start - 60):item.start])) is not None:
            s = max(s, item.start - 60)
            head = text[s : s + p.start()]
            found = [m for m in companies.finditer(head) if m.end() == len(head)]
            if found:
                claimed = companies.match(text, s + found[0].start(), s + found[0].end())
                span = (s + found[0].start(), item.end)
        if claimed is None:
            continue
        company = ids[claimed.lastgroup or ""]
        if kb.group(company) in {kb.group(m) for m in makers}:
            continue
        maker_names = " and ".join(_plain(kb.companies[m][0][0]) for m in makers)
        src = kb.sources[sources[0]]
        message = f"“{name}” was brought to market by {maker_names}, not “{doc.text[claimed.start():claimed.end()]}” (Drugs@FDA, {src.date})."
        yield ctx.report("FCT006", span[0], span[1], message), span[0], span[1]


def _plain(pattern: str) -> str:
    """A company's first name without its optional parts: "Eli Lilly(?: and Company)?" -> "Eli Lilly"."""
    return re.sub(r"\(\?:([^)|]*)(?:\|[^)]*)?\)\??", lambda m: "" if m.group(0).endswith("?") else m.group(1), pattern).replace("\\", "")


def _mechanism(doc, ctx, label: str, name: str, w: re.Match, start: int, source: str):
    verb, transmitter = w["v"], w["t"]
    message = f"“{name}”: {_article(label)} {label} blocks the reuptake of transmitters; it does not work by “{verb} {transmitter}” ({source})."
    return ctx.report("FCT007", start, w.end(), message)


def _class_mechanisms(doc, ctx, kb: MedicinesKB, shapes, s: int, e: int):
    """"SSRIs work by adding serotonin": a class named as the subject."""
    text = doc.prose
    for m in kb.class_pattern[0].finditer(text, s, e):
        cid = kb.class_at(m)
        mech = {x for a in kb.up(cid) for x in kb.classes[a].mechanism}
        if not mech & _REUPTAKE or _PREPOSITION.search(text[s:m.start()]):
            continue
        if w := shapes["works-by"].match(text, m.end(), e):
            cls = kb.classes[cid]
            src = kb.sources[cls.source]
            short = "WHO ATC/DDD Index" if cls.source == "atc" else re.split(r"[:(]", src.ref)[0].strip().rstrip(",")
            yield _mechanism(doc, ctx, cls.label, doc.text[m.start():m.end()], w, m.start(), f"{short}, {src.date}"), m.start(), w.end()


def _device_claims(doc, ctx, kb: MedicinesKB, shapes, mention, e: int):
    text = doc.prose
    if _PREPOSITION.search(text[max(0, mention.start - 20):mention.start]) and not text[max(0, mention.start - 20):mention.start].rstrip().endswith(("and", "or")):
        return
    device = kb.device(mention.id)
    name = doc.text[mention.start:mention.end]
    src = kb.sources[device.source]
    short = re.split(r"[:(]", src.ref)[0].strip().rstrip(",")
    negated = re.compile(r"\b(?:not|never|no|neither|nor)\b|n['’]t\b", re.I)
    if "magnetic" not in device.technology and (m := shapes["device-uses"].match(text, mention.end, e)) and not negated.search(m.group(0)):
        message = f"“{name}” does not use {m['t'].lower()}: {device.label} uses electric current ({short}, {src.date})."
        yield ctx.report("FCT008", mention.start, m.end(), message), mention.start, m.end()
    if "implanted" not in device.technology and (m := shapes["device-implanted"].match(text, mention.end, e)) and not negated.search(m.group(0)):
        message = f"“{name}” is not implanted: {device.label} is given from outside the body ({short}, {src.date})."
        yield ctx.report("FCT008", mention.start, m.end(), message), mention.start, m.end()
