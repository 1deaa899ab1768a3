"""GRM: grammar, punctuation and style from LanguageTool when one is configured, and a small
set of confused-word rules (GRM003) when none is.

LanguageTool is a server (see ``medlint/languagetool.py`` for where it may run and when medlint
may send text to it). When none is configured, or it does not answer, this check records one
run notice saying why grammar checks were skipped (the command line prints it once, on
standard error) and reports nothing; every other rule runs as usual.

What LanguageTool sees is the article's prose (``Document.prose``: markup, code, URLs and front
matter blanked to spaces, so its offsets are the file's), sent in chunks of whole blocks. Its
matches are dropped when they touch blanked markup, lie in quoted speech (the writer's
evidence), or flag a domain lexicon term (LanguageTool's HTTP API takes no word list, so the
lexicon is applied to its answers). Spelling belongs to SPL: while any SPL rule is enabled,
LanguageTool's spelling category (TYPOS) is turned off in the request, so no word is reported
twice; with SPL off, its spelling matches are reported as GRM002.

Without LanguageTool, GRM003 looks for real words in the wrong place ("side affects", "more
then", "to loose weight", "it's own") with the patterns of ``rules/confusion.yaml``: each word
is flagged only in a context that leaves one reading, in the style of LanguageTool's English
confusion rules. With a server configured, LanguageTool's matches take over and GRM003 is
silent (LanguageTool has these rules and many more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from medlint.knowledge.resources import load_data
from medlint.model.errors import PackError
from medlint.text import languagetool
from medlint.model import notices
from medlint.model.diagnostics import Severity
from medlint.knowledge.lexicon import is_exact, lexicon
from medlint.model.rule import Check, Option, make_fix, match_case, rule_doc
from medlint.checks.spelling.layout import cut_by_mask
from medlint.text.prefilter import Needs, fold

GRAMMAR = rule_doc(
    "GRM001",
    "grammar",
    "LanguageTool found a grammar, punctuation or style problem.",
    what=(
        "Sends the article's prose to the configured LanguageTool server and reports its grammar, "
        "punctuation, typography and style matches (agreement, a/an, repeated words, missing "
        "commas…), with LanguageTool's message and rule id. Runs only when a server is configured "
        "(MEDLINT_LT_URL, the grammar option 'server', or LTP_PATH); otherwise one notice says that "
        "grammar checks were skipped. Matches in quoted speech, on markup, or on a lexicon term "
        "(mTOR, GluN2B) are dropped."
    ),
    why=(
        "Grammar slips make health information harder to read and less trusted, and some change "
        "meaning. LanguageTool's rule base is far larger than anything a linter could carry."
    ),
    example="Bad: Ketamine have a rapid effect on the the brain.\nGood: Ketamine has a rapid effect on the brain.",
    fix=(
        "Unsafe: LanguageTool's first suggestion is offered for --unsafe-fixes; grammar "
        "suggestions need a human to read them."
    ),
    source="LanguageTool (languagetool.org), via language-tool-python",
    severity=Severity.WARNING,
    fixable=True,
)

SPELLING = rule_doc(
    "GRM002",
    "languagetool-spelling",
    "LanguageTool's spelling rule flagged a word (only while every SPL rule is off).",
    what=(
        "Reports LanguageTool's spelling matches (category TYPOS) for users who turn medlint's "
        "own spelling rules (SPL) off and prefer LanguageTool's speller. While any SPL rule is "
        "enabled, LanguageTool's spelling category is switched off in the request, so the same "
        "word is never reported twice. Domain lexicon terms are never reported."
    ),
    why="A misspelt word looks careless, and a misspelt drug name can mislead.",
    example="Bad: Patients recieve ketamine by infusion.\nGood: Patients receive ketamine by infusion.",
    fix="Unsafe: LanguageTool's first suggestion is offered for --unsafe-fixes.",
    source="LanguageTool's morfologik spelling rule (MORFOLOGIK_RULE_EN_US and siblings)",
    severity=Severity.WARNING,
    fixable=True,
)

CONFUSED = rule_doc(
    "GRM003",
    "confused-words",
    "A real word in the place of another (side affects, more then, to loose weight, it's own).",
    what=(
        "Without a LanguageTool server, looks for commonly confused pairs in contexts that "
        "leave one reading (rules/confusion.yaml): than/then after a comparative, affect/"
        "effect, loose/lose, its/it's, there/their, dose/does, prostrate/prostate, compliment/"
        "complement, relief/relieve, advice/advise, breath/breathe, 'could of', 'I cant', "
        "'years olds'. A spell-checker cannot see these: every word is in the dictionary. "
        "Quoted speech is left alone. With LanguageTool configured, its own rules take over."
    ),
    why=(
        "A confused word makes health information look careless and can change what it says: "
        "'side affects', 'prostrate cancer' and 'a high does' are read by patients."
    ),
    example="Bad: Report any side affects to your doctor.\nGood: Report any side effects to your doctor.",
    fix=(
        "Safe where the pattern's context admits one reading ('side affects', 'more then a', "
        "'to loose weight', 'it's own', 'prostrate cancer', 'could of', 'I cant') and the "
        "sentence is running prose; otherwise unsafe, for --unsafe-fixes."
    ),
    source="Patterns in the style of LanguageTool's English confusion rules (languagetool.org); usage notes of Merriam-Webster; sources per pair in rules/confusion.yaml",
    severity=Severity.WARNING,
    fixable=True,
)


@dataclass(frozen=True)
class _Pair:
    """One confused pair and its context patterns (see rules/confusion.yaml)."""

    wrong: str
    right: str
    why: str
    safe: bool
    patterns: tuple
    needs: tuple  # prefilter.Needs of each pattern: where it can match at all


@cache
def confusion_pairs() -> tuple[_Pair, ...]:
    """``rules/confusion.yaml``, compiled (once per process)."""
    where = "rules/confusion.yaml"
    out = []
    for entry in load_data("confusion.yaml")["pairs"]:  # keys and types: formats.CONFUSION
        patterns = []
        for pattern in entry["patterns"]:
            compiled = re.compile(pattern, re.IGNORECASE)
            if "w" not in compiled.groupindex:
                raise PackError(where, f"a pattern of {entry['wrong']} has no group named 'w'")
            patterns.append(compiled)
        needs = tuple(Needs(p) for p in patterns)
        out.append(_Pair(str(entry["wrong"]), str(entry["right"]), entry["why"], bool(entry.get("safe", False)), tuple(patterns), needs))
    return tuple(out)


def _confused(doc, ctx):
    """GRM003 findings: every pair pattern over every unquoted sentence of prose."""
    folded = fold(doc.prose)
    # Each pattern is tried only in the sentences where one of its literals begins (found once
    # over the whole text, not sentence by sentence: a match inside a sentence holds a literal
    # that begins there); a sentence's patterns in the list's order.
    live: dict[int, list] = {}
    for pair in confusion_pairs():
        for pattern, needs in zip(pair.patterns, pair.needs):
            for index in doc.sentences_holding(needs.offsets(folded)):
                live.setdefault(index, []).append((pair, pattern))
    for index in sorted(live):
        sentence = doc.sentences[index]
        if sentence.quoted:
            continue
        text = doc.prose[sentence.start : sentence.end]
        for pair, pattern in live[index]:
            for m in pattern.finditer(text):
                start, end = sentence.start + m.start("w"), sentence.start + m.end("w")
                if doc.is_quoted(start, end):
                    continue
                found = doc.text[start:end]
                right = pair.right + ("s" if found.lower().replace("’", "'") == pair.wrong + "s" else "")  # side affects
                right = match_case(found, right).replace("'", "’" if "’" in found else "'")
                fix = make_fix(f"Replace “{found}” with “{right}”", [(start, end, right)], safe=pair.safe)
                yield ctx.report("GRM003", start, end, f"“{found}” here should be “{right}”: {pair.why}", fix=fix)


#: LanguageTool's category for spelling rules (language_tool_python calls it the same).
SPELLING_CATEGORY = "TYPOS"
#: Always off: blanked markup leaves runs of spaces, and Markdown uses double spaces on purpose.
ALWAYS_DISABLED = ("WHITESPACE_RULE",)
#: A request carries at most this many characters, where blocks allow (servers may limit the
#: length of one text).
CHUNK_CHARS = 20000
#: LanguageTool issue types shown as info rather than warning.
MINOR_ISSUES = frozenset({"style", "typographical", "whitespace", "locale-violation", "register"})


def _chunks(doc) -> list[tuple[int, int]]:
    """Spans of whole blocks, each under CHUNK_CHARS characters where blocks allow."""
    spans: list[tuple[int, int]] = []
    for block in doc.blocks:
        if spans and block.end - spans[-1][0] <= CHUNK_CHARS:
            spans[-1] = (spans[-1][0], block.end)
        else:
            spans.append((block.start, block.end))
    return spans


class Grammar(Check):
    """LanguageTool matches as GRM001 (grammar, style) and GRM002 (spelling, SPL off); without
    LanguageTool, the confused-word rules as GRM003."""

    name = "grammar"
    rules = (GRAMMAR, SPELLING, CONFUSED)
    restores_typing = True
    options = {
        "server": Option(
            "",
            "LanguageTool server URL, e.g. http://localhost:8081 ($VAR and ${VAR} are expanded). "
            "Empty: the MEDLINT_LT_URL environment variable, then a local install in LTP_PATH.",
        ),
        "language": Option("en-US", "LanguageTool language code (en-US, en-GB, en-AU, en-CA…)."),
        "allow-public-server": Option(
            False,
            "Allow sending article text to LanguageTool's public servers (languagetool.org). Off: drafts are private.",
        ),
        "probe-timeout": Option(3.0, "Seconds to wait for the server to answer before its first use.", types=(float,)),
        "request-timeout": Option(60.0, "Seconds to wait for one check request.", types=(float,)),
        "disabled-rules": Option([], "LanguageTool rule ids to turn off (e.g. EN_QUOTES).", types=(list,)),
    }

    def environment(self, options: dict) -> str:
        """The LanguageTool in use (it may come from MEDLINT_LT_URL or LTP_PATH): cached results
        must not outlive a change of server."""
        return repr(languagetool.resolve(options["server"]))

    def check(self, doc, ctx):
        opts = ctx.options
        try:
            connection = languagetool.connect(
                opts["server"], opts["language"], opts["allow_public_server"], opts["probe_timeout"], opts["request_timeout"]
            )
        except languagetool.Unavailable as exc:
            transient = languagetool.resolve(opts["server"]) is not None  # configured: try again next run
            enabled = ctx.settings.enabled_codes
            if "GRM001" in enabled or "GRM002" in enabled:
                ran = " (GRM003, confused words, still ran)" if "GRM003" in enabled else ""
                notices.notice("grammar", f"grammar checks (GRM) skipped: {exc}{ran}; add GRM to 'ignore' to silence this", transient, ("GRM",))
            if "GRM003" in enabled:
                yield from _confused(doc, ctx)
            return
        spl_on = any(code.startswith("SPL") for code in ctx.settings.enabled_codes)
        disabled_rules = set(ALWAYS_DISABLED) | {str(r) for r in opts["disabled_rules"]}
        disabled_categories = {SPELLING_CATEGORY} if spl_on else set()
        for start, end in _chunks(doc):
            text = doc.prose[start:end]
            if not text.strip():
                continue
            try:
                matches = connection.check(text, disabled_rules, disabled_categories)
            except languagetool.Unavailable as exc:
                languagetool.forget(connection, exc)
                notices.notice("grammar", f"grammar checks (GRM) stopped: {exc}; files after that were not grammar-checked", True, ("GRM",))
                return
            for match in matches:
                diagnostic = self._diagnostic(doc, ctx, match, start, spl_on)
                if diagnostic is not None:
                    yield diagnostic

    @staticmethod
    def _diagnostic(doc, ctx, match, base: int, spl_on: bool):
        start = base + match.offset
        end = start + match.error_length
        if end <= start or end > len(doc.text):
            return None
        if doc.text[start:end] != doc.prose[start:end] or cut_by_mask(doc, start, end) or doc.is_quoted(start, end):
            return None  # touches blanked markup, or quoted speech
        flagged = doc.text[start:end].strip()
        spelling = match.category == SPELLING_CATEGORY
        if spelling and (spl_on or lexicon().knows(flagged)):
            return None
        if is_exact(flagged) and lexicon().knows(flagged):
            return None  # "mTOR signalling…" is not a lower-case sentence start
        code = "GRM002" if spelling else "GRM001"
        fix = None
        if match.replacements:
            best = match.replacements[0]
            fix = make_fix(f"Replace “{doc.text[start:end]}” with “{best}”", [(start, end, best)], safe=False)
        severity = Severity.INFO if code == "GRM001" and match.rule_issue_type in MINOR_ISSUES else None
        return ctx.report(code, start, end, f"{match.message} (LanguageTool {match.rule_id})", fix=fix, severity=severity)
