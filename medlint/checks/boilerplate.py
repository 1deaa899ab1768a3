"""BPL: page furniture copied along with an article: navigation, sharing, comments,
subscription prompts, cookie notices, adverts and promotion boxes, related links, credits,
captions, feedback widgets, author boxes, newswire headers and footers.

What is furniture is decided by the shared analysis ``medlint.analysis.furniture`` (platform
lexicon, block features and shapes, neighbours); site templates (a furniture-like block that
recurs across the articles of one run) are found by the site-wide pass of
``medlint.checks.site_duplicates``, which reports them with BPL018, declared here. This module
declares the rules, their categories, and turns each piece of furniture into a finding with its
fix.

Fix: the block is removed together with the blank lines that separated it, so no stray blank
line is left; a piece glued inside a line is cut out alone. Safe only when a platform string or a
contact-block shape matched the whole block; every structural guess (a box around a button, a
block under a related-links header, short lines between furniture) is unsafe, for a human to
confirm. Article prose is never in a safe deletion: a lexicon pattern must match all of it.
"""

from __future__ import annotations

from medlint.analysis.furniture import Line, detect, lines_of
from medlint.model.rule import Check, make_fix, rule_doc

_WHY = (
    "Page furniture is not article: readers meet dead widgets and labels that do nothing, "
    "search engines see thin or duplicated text, and readability scores, word counts and claim "
    "checks count text the writer never wrote. It is a sure sign that the article was pasted "
    "from a web page without cleaning."
)
_SOURCE = ("rules/boilerplate.yaml (strings of platform, plugin and wire-service templates; each group "
           "names its source); jusText (Pomikálek 2011) and boilerpipe (Kohlschütter et al., WSDM 2010) "
           "for the block features")
_SAFE_FIX = "Safe: removes the block (and the blank lines around it) when a platform string matched all of it; otherwise unsafe."
_UNSAFE_FIX = "Unsafe: removes the block; the shape is a heuristic, so confirm that no article text goes with it."

#: Each code's category (the word an editor sees first in the message; also the label
#: vocabulary of benchmarks/furniture) and what the thing is called.
CATEGORIES = {
    "BPL001": "sharing", "BPL002": "comments", "BPL003": "post meta", "BPL004": "caption",
    "BPL005": "navigation", "BPL006": "related", "BPL007": "subscription", "BPL008": "cookie",
    "BPL009": "advert", "BPL010": "navigation", "BPL011": "newswire", "BPL012": "credit",
    "BPL013": "caption", "BPL014": "feedback", "BPL015": "advert", "BPL016": "author",
    "BPL017": "navigation", "BPL018": "site template",
}
_SHOWN = {
    "sharing": "sharing", "comments": "comments", "post meta": "post meta", "caption": "caption",
    "navigation": "navigation", "related": "related links", "subscription": "subscription",
    "cookie": "cookie notice", "advert": "advertising", "newswire": "newswire footer",
    "credit": "credit", "feedback": "feedback", "author": "author box", "site template": "site template",
}
_LABELS = {
    "BPL001": "share widget",
    "BPL002": "comment or vote widget",
    "BPL003": "post-meta byline",
    "BPL004": "bare image file name",
    "BPL005": "page-layout label",
    "BPL006": "related-links block",
    "BPL007": "subscription prompt",
    "BPL008": "cookie notice",
    "BPL009": "advertisement label",
    "BPL010": "navigation",
    "BPL011": "press-release furniture",
    "BPL012": "image or content credit",
    "BPL013": "image caption",
    "BPL014": "feedback widget",
    "BPL015": "promotion box",
    "BPL016": "author box",
    "BPL017": "style-sheet text",
}


def category(code: str) -> str:
    """The category of a BPL code as an editor reads it ("related links", "newswire footer")."""
    return _SHOWN[CATEGORIES[code]]


def _rule(code, name, summary, what, example, fix=_SAFE_FIX):
    return rule_doc(code, name, summary, what=what, why=_WHY, example=example, fix=fix, source=_SOURCE, fixable=True)


RULES = (
    _rule(
        "BPL001",
        "share-widget",
        "Sharing: a share bar, its labels, or a prompt to share or follow (“Share this:”, a row of network names).",
        "Flags lines made only of share-button text ('Share', 'Share this article', 'Share by:', "
        "'Share on Facebook', a run of network names, 'Tweet', '12 shares', Jetpack's 'Like "
        "this:'), prompts to follow the site ('Connect with us …', 'Follow us on Instagram') and "
        "sign-offs asking readers to share the post with friends.",
        "Bad: a line “Share by:” after the last paragraph.\nGood: the article ends with its last paragraph.",
    ),
    _rule(
        "BPL002",
        "comment-furniture",
        "Comments: comment, vote or answer-form furniture (“+13 votes”, “Leave a Reply”).",
        "Flags lines of comment and Q&A widgets: vote counts, '(5.4k points)' user meta, 'edited "
        "by', answer and comment form labels and messages ('Leave a Reply', 'Your email address "
        "will not be published.', Akismet's notice), a lone 'Comments', icon names such as "
        "thumb_up left as text, and a forum's 'Welcome to … where you can ask questions'.",
        "Bad: “+13 votes” and “Your name to display (optional):” above the answer.\nGood: only the answer text.",
    ),
    _rule(
        "BPL003",
        "reading-time-byline",
        "Post meta: a line with a reading time or age (“3 months ago · 4 min. reading time”).",
        "Flags lines that carry a reading time ('4 min read', 'Reading time: 4 minutes'), a "
        "relative age followed by more post meta ('3 months ago · …') or a view counter, with "
        "nothing else of substance. A heading such as '10 years ago' is left alone.",
        "Bad: “3 months ago · 4 min. reading time · visibility ~10 ·” under the title.\nGood: no such line.",
    ),
    _rule(
        "BPL004",
        "image-file-name",
        "Caption: a bare image file name left where an image was (“IMG_0042.jpg”).",
        "Flags a line that is only an image file name (png, jpg, gif, webp, svg…). Markdown "
        "images `![alt](file.png)` are markup, not prose, and are not flagged.",
        "Bad: a line “brain-scan.png” between two paragraphs.\nGood: the image itself, or nothing.",
    ),
    _rule(
        "BPL005",
        "page-layout-label",
        "Navigation: a theme or template label (“Skip to content”, “Read more”, “Back to top”, a copyright footer).",
        "Flags lines that are labels of the page around the article: 'Blog Layout', 'More "
        "Posts', 'Previous post', 'Read more', 'Continue reading the main story', 'Skip to "
        "content', 'Back to top', 'Enlarge this image', an '© … All rights reserved' footer, a "
        "lone '…' as the last line.",
        "Bad: “Skip to content” as the first line.\nGood: the article starts with its title.",
    ),
    _rule(
        "BPL006",
        "related-posts-list",
        "Related links: a related-stories list, a “Read this next” block, or a teaser box linking elsewhere.",
        "Flags a related-links header ('Related', 'Read this next', 'Read more:', 'Related "
        "stories') with the list-like lines under it (list items, short lines, teasers cut off "
        "with '…'); three or more title / date / teaser triples in a row; a list of titles "
        "alternating with '(Publisher)' lines; a lone headline link set between two paragraphs; "
        "a teaser box that ends in a read or watch button ('Here are 5 easy yoga poses.' / "
        "'Read Now'); 'Read this article in Spanish.'",
        "Bad: after the conclusion, “Read this next” and five teasers of other articles.\nGood: "
        "the article ends with its conclusion.",
        fix="Unsafe: removes the whole block; the shape is a heuristic (a timeline or a reading "
        "list of the article's own looks alike), so confirm it. Safe for a lone platform label.",
    ),
    _rule(
        "BPL007",
        "newsletter-prompt",
        "Subscription: a newsletter, membership or licence prompt or its form messages (“Sign up for our newsletter”).",
        "Flags newsletter prompts and the messages of their forms: 'Subscribe to our newsletter', "
        "'… to your inbox', 'Thank you for subscribing!', 'Email field is required', 'There was "
        "an error. Please try again.', 'Subscribe to Blog via Email', paywall and licence boxes "
        "that end in a join or subscribe button.",
        "Bad: “Thank you for subscribing!” between two paragraphs.\nGood: no such line.",
    ),
    _rule(
        "BPL008",
        "cookie-notice",
        "Cookie notice: a cookie-consent banner (“We use cookies …”, “Accept all cookies”).",
        "Flags cookie banners and their buttons: 'We use cookies to …', 'By continuing to use "
        "this site, you agree …', 'Accept all cookies', 'Cookie settings'.",
        "Bad: “We use cookies to improve your experience.” after the title.\nGood: no such line.",
    ),
    _rule(
        "BPL009",
        "advertisement-label",
        "Advertising: an ad-slot label (“Advertisement”, “Advertisement - scroll to continue reading”).",
        "Flags lines that only label an advertisement slot: 'Advertisement', 'Sponsored', "
        "'Story continues below advertisement', 'Advertisement - scroll to continue reading'.",
        "Bad: “Advertisement” between two paragraphs.\nGood: the two paragraphs.",
    ),
    _rule(
        "BPL010",
        "navigation-menu",
        "Navigation: a site menu, a tab bar or table of contents, or a site banner copied as text.",
        "Flags a line made only of menu entries, at least four ('Home About Us Blog Contact', "
        "also run together: 'HomeAboutBlogContact'); a run of at least six short lines of which "
        "at least three are menu entries; a run of short lines near the top whose entries come "
        "back later as the article's own headings (a table of contents or tab bar); page chrome "
        "('URL of this page:', 'Learn how to cite this page'); the .gov banner of U.S. "
        "government sites, even when broken over many lines.",
        "Bad: “Home | About | Services | Blog | Contact” above the title.\nGood: the title.",
        fix="Safe for a one-line menu or a platform string. Unsafe for a run of lines: the run may "
        "hold a short list that belongs to the article.",
    ),
    _rule(
        "BPL011",
        "press-release-contact",
        "Newswire footer: a press contact block or a wire service's header or footer (“Media Contact:”, “SOURCE …”, “ENDS”).",
        "Flags a 'Media Contact:' / 'Investor Contacts:' / 'For media enquiries please contact' / "
        "'Contact' header with the names, roles, phone numbers and e-mail addresses under it, "
        "and wire and syndication lines such as 'SOURCE Company', 'View original content', "
        "'Press Release: …', 'ENDS', '© Scoop Media', 'Story Source:', 'The above story is "
        "based on materials provided by …', 'This story was syndicated by …'.",
        "Bad: “Media Contact: Jane Roe, (555) 010-0000” and “SOURCE Example Clinic” at the end.\n"
        "Good: an article that ends with its content (contact details belong in the page template).",
    ),
    _rule(
        "BPL012",
        "image-credit",
        "Credit: an image or content credit left in the text (“Getty Images/…”, “Illustration by …”).",
        "Flags lines that only credit an image or a content licensor: a stock agency and an id "
        "('Getty Images/1216841763'), 'Photo: … / Reuters', 'Illustration by …', 'header image "
        "from …', a lone 'Credits' or '©', 'Drug information provided by: …' and a licensor's "
        "copyright line. A credit the author marked up beside the image (an HTML element) is "
        "markup, not prose, and is left alone.",
        "Bad: “Getty Images/1216841763” and “Credits” under the title.\nGood: the title and the text.",
    ),
    _rule(
        "BPL013",
        "image-caption",
        "Caption: the caption of an image that a copy left as a line of text.",
        "Flags text inside a caption element of the page (`<span class=\"caption\">…`) and a line "
        "that repeats the alt text of the image just above it, as a caption does once the image "
        "is gone.",
        "Bad: an image, then “Jane Roe, PhD candidate in the Faculty of Arts.” repeating its alt "
        "text.\nGood: the image with its alt text, and the article.",
        fix="Safe for text in a caption element; unsafe for a line that repeats the alt text "
        "(the writer may have meant it as text).",
    ),
    _rule(
        "BPL014",
        "feedback-widget",
        "Feedback: a feedback widget (“Was this page helpful?”, “Did our information help you? … Share your feedback”).",
        "Flags helpfulness and feedback widgets of help centres and health sites: 'Was this "
        "article helpful?', 'Yes No', 'N out of N found this helpful', 'Thank you for your "
        "feedback', 'Report a problem with this page', also when a page ran them into the next "
        "widget on one line.",
        "Bad: “Was this page helpful? Yes No” after the last paragraph.\nGood: the last paragraph.",
    ),
    _rule(
        "BPL015",
        "promotion-box",
        "Advertising: a promotion box or call to action (“Add to Cart”, “Book Your Tests Today”, “Order now”).",
        "Flags button labels of shops, pharmacies, clinics and publishers ('Add to Cart', 'Buy "
        "Now', 'Book Your Tests Today', 'Consult Now', 'Browse Mind Care Essentials') with the "
        "teaser lines just above them that speak for the site or to the reader; app, community, "
        "podcast and quiz promotions ('Join … on the web or mobile app', 'Follow Now: Apple "
        "Podcasts / Spotify'); a 'Products & Services' box.",
        "Bad: “Fill the gaps in your nutrition with our range of supplements.” / “Explore Here” "
        "between two paragraphs.\nGood: the two paragraphs.",
        fix=_UNSAFE_FIX + " Safe for a platform string matched whole.",
    ),
    _rule(
        "BPL016",
        "author-box",
        "Author box: a writer's or reviewer's bio or follow prompt at the edge of the article.",
        "Flags 'Follow <name> on Twitter', 'About the author' and a bio line ('Name, MD, is a "
        "board-certified psychiatrist who …', 'Name is a professor of psychology …') in the last "
        "lines of the article or between two pieces of furniture. A byline ('By Jane Roe') is "
        "not flagged: it tells who wrote the article.",
        "Bad: “Follow Jane on Twitter.” as the last line.\nGood: the article ends with its text.",
        fix=_UNSAFE_FIX + " Safe for a follow prompt matched whole.",
    ),
    _rule(
        "BPL017",
        "style-sheet-text",
        "Navigation: style-sheet text of the page left in the article (“a.x:hover {background: …}”).",
        "Flags a line of CSS rules ('selector { property: value; }', '@media … {') that a copy "
        "took from the page's style element.",
        "Bad: “a.supporter:hover {background:#EC4438!important;}” between two paragraphs.\nGood: the two paragraphs.",
    ),
)

TEMPLATE = rule_doc(
    "BPL018",
    "site-template-block",
    "Site template: a block that recurs across the articles of one run and reads as page furniture.",
    what=(
        "When several articles are checked together, a short block that appears in at least two "
        "of them (word for word or nearly, as DUP003 finds) and speaks for the site (a licence "
        "or membership box, a promotion, a sign-off asking to share, style-sheet text) is the "
        "site's template, not the article: it is reported here, with the other articles as "
        "related locations, instead of as a shared paragraph. Crisis-line boxes and disclaimers "
        "that a site repeats are article text and stay DUP003."
    ),
    why=_WHY,
    example=(
        "Bad: every article of a news archive ends with the same 'Using our site for work? … "
        "licence …' box.\nGood: the articles end with their own text."
    ),
    fix="No automatic fix: delete the block from each article once you have confirmed it is the template.",
    source=_SOURCE + "; Broder (1997) and Li, Owen & Zhang (2012) for the near-copy index of DUP003",
)


def template_message(others: int, where: str) -> str:
    more = f" and {others - 1} other article{'s' if others > 2 else ''}" if others > 1 else ""
    return (f"site template: this block also appears in {where}{more} and reads as page furniture "
            "(it speaks for the site, not for this article); remove it from the articles")


def _deletion(lines: list[Line], first: int, last: int) -> tuple[int, int]:
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
    """Scraped page furniture (BPL001–BPL017; BPL018 comes from the site-wide pass)."""

    name = "boilerplate"
    rules = RULES
    sees_non_prose = True
    removes_markup_lines = True  # furniture goes with its tags

    def check(self, doc, ctx):
        found = detect(doc)
        if not found:
            return
        lines = lines_of(doc)
        for f in found:
            text = " ".join(doc.prose[f.start:f.end].split()) or " ".join(doc.text[f.start:f.end].split())
            snippet = text if len(text) <= 60 else text[:57] + "…"
            label = _LABELS[f.code]
            whole = f.start == lines[f.first - 1].start + _indent(lines[f.first - 1].raw) and f.end == lines[f.last - 1].end
            if whole:
                extent = "this line" if f.first == f.last else "this block"
                a, b = _deletion(lines, f.first, f.last)
            else:
                extent, (a, b) = "this piece of the line", (f.start, f.end)
            how = "" if f.how == "platform string" else f" ({f.how})"
            message = f"{category(f.code)}: {label} “{snippet}” is page furniture{how}, not article text; remove {extent}"
            fix = make_fix(f"Remove the {label}", [(a, b, "")], safe=f.safe and whole)
            yield ctx.report(f.code, f.start, f.end, message, fix=fix)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
