"""BPL: page furniture copied along with an article (share and comment widgets, bylines with
reading time, image file names, layout labels, related-post lists, newsletter and cookie
prompts, advertisement labels, navigation menus, press-release contact blocks).

What is furniture is decided by the shared analysis ``medlint.analysis.furniture``; this module
declares the rules and turns each piece of furniture into a finding with its fix.

Fix: the line or block is removed together with the blank lines that separated it, so no stray
blank line is left. Safe when patterns matched every removed line; unsafe for the structural
guesses (related posts, a run of menu lines), which a human should confirm.
"""

from __future__ import annotations

from medlint.model.rule import Check, make_fix, rule_doc
from medlint.analysis.furniture import Line, detect, lines_of

_WHY = (
    "Page furniture is not article: readers meet dead widgets and labels that do nothing, "
    "search engines see thin or duplicated text, and readability and word counts are skewed. "
    "It is a sure sign that the article was pasted from a web page without cleaning."
)
_SOURCE = "rules/boilerplate.yaml (UI strings of common publishing platforms; see each group's source note)"
_SAFE_FIX = "Safe: removes the line (and the blank lines around it), since the whole line matched."


def _rule(code, name, summary, what, example, fix=_SAFE_FIX):
    return rule_doc(code, name, summary, what=what, why=_WHY, example=example, fix=fix, source=_SOURCE, fixable=True)


RULES = (
    _rule(
        "BPL001",
        "share-widget",
        "A social-sharing widget label (“Share by:”, “Share this”, a row of network names).",
        "Flags lines made only of share-button text: 'Share', 'Share this article', 'Share by:', "
        "'Share on Facebook', a run of network names, 'Tweet', '12 shares'.",
        "Bad: a line “Share by:” after the last paragraph.\nGood: the article ends with its last paragraph.",
    ),
    _rule(
        "BPL002",
        "comment-furniture",
        "Comment, vote or answer-form furniture (“+13 votes”, “Your answer”, “thumb_up … Comment”).",
        "Flags lines of comment and Q&A widgets: vote counts, '(5.4k points)' user meta, 'edited "
        "by', answer and comment form labels, 'Leave a reply', a lone 'Comments', icon names "
        "such as thumb_up left as text, and a forum's 'Welcome to … where you can ask questions'.",
        "Bad: “+13 votes” and “Your name to display (optional):” above the answer.\nGood: only the answer text.",
    ),
    _rule(
        "BPL003",
        "reading-time-byline",
        "A post-meta line with a reading time or age (“3 months ago · 4 min. reading time”).",
        "Flags lines that carry a reading time ('4 min read', 'Reading time: 4 minutes'), a "
        "relative age followed by more post meta ('3 months ago · …') or a view counter, with "
        "nothing else of substance. A heading such as '10 years ago' is left alone.",
        "Bad: “3 months ago · 4 min. reading time · visibility ~10 ·” under the title.\nGood: no such line.",
    ),
    _rule(
        "BPL004",
        "image-file-name",
        "A bare image file name left where an image was (“IMG_0042.jpg”).",
        "Flags a line that is only an image file name (png, jpg, gif, webp, svg…). Markdown "
        "images `![alt](file.png)` are markup, not prose, and are not flagged.",
        "Bad: a line “brain-scan.png” between two paragraphs.\nGood: the image itself, or nothing.",
    ),
    _rule(
        "BPL005",
        "page-layout-label",
        "A theme or template label (“Blog Layout”, “More Posts”, “Read more”, “Skip to content”).",
        "Flags lines that are labels of the page around the article: 'Blog Layout', 'More "
        "Posts', 'Related posts', 'Previous post', 'Read more', 'Continue reading', 'Skip to "
        "content', 'Back to top', 'Enlarge this image', an 'All rights reserved' footer, a lone "
        "'…' as the last line.",
        "Bad: “Blog Layout” as the first line.\nGood: the article starts with its title.",
    ),
    _rule(
        "BPL006",
        "related-posts-list",
        "A list of related posts: title, date and teaser, repeated.",
        "Flags three or more title / date / teaser triples in a row (a title line without "
        "sentence punctuation, a date line, a teaser sentence), the shape of a theme's related "
        "or recent posts list.",
        "Bad: after the conclusion, “sleep and mood / March 3, 2024 / Learn how sleep …” and "
        "two more such entries.\nGood: the article ends with its conclusion.",
        fix="Unsafe: removes the whole list; the shape is a heuristic, so confirm it is not a timeline of the article.",
    ),
    _rule(
        "BPL007",
        "newsletter-prompt",
        "A newsletter sign-up box or its form messages (“Sign up for our newsletter”).",
        "Flags newsletter prompts and the messages of their forms: 'Subscribe to our newsletter', "
        "'… to your inbox', 'Thank you for subscribing!', 'Email field is required', "
        "'Enter your email'.",
        "Bad: “Thank you for subscribing!” between two paragraphs.\nGood: no such line.",
    ),
    _rule(
        "BPL008",
        "cookie-notice",
        "A cookie-consent banner (“We use cookies …”, “Accept all cookies”).",
        "Flags cookie banners and their buttons: 'We use cookies to …', 'By continuing to use "
        "this site, you agree …', 'Accept all cookies', 'Cookie settings'.",
        "Bad: “We use cookies to improve your experience.” after the title.\nGood: no such line.",
    ),
    _rule(
        "BPL009",
        "advertisement-label",
        "An ad-slot label (“Advertisement”, “Story continues below advertisement”).",
        "Flags lines that only label an advertisement slot: 'Advertisement', 'Sponsored', "
        "'Story continues below advertisement'.",
        "Bad: “Advertisement” between two paragraphs.\nGood: the two paragraphs.",
    ),
    _rule(
        "BPL010",
        "navigation-menu",
        "A site navigation menu copied as text.",
        "Flags a line made only of menu entries, at least four ('Home About Us Blog Contact', "
        "also run together: 'HomeAboutBlogContact'), and a run of at least six short lines "
        "(blank lines allowed) of which at least three are menu entries.",
        "Bad: “Home | About | Services | Blog | Contact” above the title.\nGood: the title.",
        fix="Safe for a one-line menu (every word is a menu entry). Unsafe for a run of menu "
        "lines: the run may hold a short list that belongs to the article.",
    ),
    _rule(
        "BPL011",
        "press-release-contact",
        "A press-release contact block or wire-service footer (“Media Contact:”, “SOURCE …”).",
        "Flags a 'Media Contact:' / 'Investor Contacts:' / 'Contact Details' header with the "
        "names, phone numbers and e-mail addresses under it, and wire-service lines such as "
        "'SOURCE Company', 'View original content', 'Related Links'.",
        "Bad: “Media Contact: Jane Roe, (555) 010-0000” and “SOURCE Example Clinic” at the end.\n"
        "Good: an article that ends with its content (contact details belong in the page template).",
    ),
)
_LABELS = {
    "BPL001": "share widget",
    "BPL002": "comment or vote widget",
    "BPL003": "post-meta byline",
    "BPL004": "bare image file name",
    "BPL005": "page-layout label",
    "BPL006": "related-posts list",
    "BPL007": "newsletter prompt",
    "BPL008": "cookie notice",
    "BPL009": "advertisement label",
    "BPL010": "navigation menu",
    "BPL011": "press-release furniture",
}

def _deletion(doc, lines: list[Line], first: int, last: int) -> tuple[int, int]:
    """What to delete to remove lines ``first``..``last`` without leaving stray blank lines."""
    start = lines[first - 1].start
    end = lines[last - 1].end
    following = next((ln for ln in lines[last:] if not ln.blank), None)
    if following is None:
        before = next((ln for ln in reversed(lines[: first - 1]) if not ln.blank), None)
        return (before.end if before else start), end
    if first == 1 or lines[first - 2].blank:
        return start, following.start
    return start, lines[last].start


class Boilerplate(Check):
    """Scraped page furniture (BPL001–BPL011)."""

    name = "boilerplate"
    rules = RULES
    sees_non_prose = True

    def check(self, doc, ctx):
        found = detect(doc)
        if not found:
            return
        lines = lines_of(doc)
        for f in found:
            start = lines[f.first - 1].start
            end = lines[f.last - 1].end
            text = " ".join(ln.prose for ln in lines[f.first - 1 : f.last] if ln.prose)
            snippet = text if len(text) <= 60 else text[:57] + "…"
            label = _LABELS[f.code]
            extent = "this line" if f.first == f.last else f"these {f.last - f.first + 1} lines"
            message = f"{label} “{snippet}” is page furniture, not article text; remove {extent}"
            a, b = _deletion(doc, lines, f.first, f.last)
            fix = make_fix(f"Remove the {label}", [(a, b, "")], safe=f.safe)
            yield ctx.report(f.code, start + _indent(doc.text[start:end]), end, message, fix=fix)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())

CATEGORIES = {"BPL001": "sharing", "BPL002": "comments", "BPL003": "meta", "BPL004": "caption", "BPL005": "navigation",
              "BPL006": "related", "BPL007": "subscription", "BPL008": "cookie", "BPL009": "advert", "BPL010": "navigation",
              "BPL011": "newswire"}
