"""Remove site furniture (comment forms, share bars, donation appeals) and keep the reporting.

Scraped articles carry the page around them. Left in, it wastes model tokens and, worse,
offers false facts ('Related: strike kills 12 in Gaza'). The rules are about the language
of web pages in general, never about particular articles, and they err on keeping: a line
is dropped only when the whole line is furniture, or when it sits in a block that is
furniture as a whole (an appeal, or the tail after the comment form).

What is dropped is returned too, because the furniture is where a site names itself
('notifications from The Independent'), which the outlet finder uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Tail = Literal["end", "maybe_end", "related"] | None


@dataclass(frozen=True)
class Rule:
    family: str
    pattern: re.Pattern[str]
    max_words: int
    tail: Tail = None


def _rule(family: str, pattern: str, max_words: int = 25, tail: Tail = None) -> Rule:
    return Rule(family, re.compile(pattern, re.IGNORECASE), max_words, tail)


_SOCIAL = (
    r"facebook|twitter|x|whatsapp|linkedin|reddit|e-?mail|print|copy(?: link)?|telegram|messenger"
    r"|pinterest|flipboard|bluesky|threads|share|tweet|sms|link copied"
)

# Each rule must match a whole line (bullets and extra spaces removed) of at most max_words words.
RULES: tuple[Rule, ...] = (
    # Comment forms: the article is over where these start ('end' cuts the rest of the page).
    _rule("comments", r"leave a (?:reply|comment)\.?(?: cancel reply)?", tail="end"),
    _rule("comments", r"(?:post|add|write|submit) (?:a |your )?comments?\.?", tail="end"),
    _rule("comments", r"(?:\d+|no) comments?(?: found| yet)?\.?|comments? \(\d+\)", tail="end"),
    _rule("comments", r"join (?:our|the) (?:commenting forum|conversation|discussion)\.?", tail="end"),
    _rule("comments", r"(?:the )?comments? (?:section )?(?:is|are) (?:now )?closed\.?", tail="end"),
    # A bare 'Comments' is also a counter link next to the byline, so it only ends a long article.
    _rule("comments", r"(?:view |show |read |see )?(?:all )?comments?", tail="maybe_end"),
    _rule("comments", r"join (?:the )?(?:thought-provoking )?conversations?\b.*", 30),
    _rule("comments", r"(?:most (?:popular|recent) comments|comment(?:ing)? (?:policy|guidelines))"),
    # Comment form fields and the login prompts around them.
    _rule("form", r"your email address will not be published\.?.*", 30, tail="end"),
    _rule("form", r"required fields are marked\s*\*?.*", 15),
    _rule("form", r"(?:name|email|e-mail|website|comment)\s*\*?"),
    _rule("form", r"save my name,? email,? and website.*", 30),
    _rule("form", r"notify me of (?:follow-up comments|new posts|new comments).*", 20),
    _rule("form", r"cancel reply|reply|report|flag"),
    _rule("account", r"(?:log ?in|sign ?in|log ?out|sign ?out|register)(?: (?:to|with) .{0,40})?", 8),
    _rule("account", r"create (?:an|a free|your) account.*|(?:already|not) a (?:subscriber|member)\b.*", 15),
    _rule(
        "account",
        r"save (?:this |the )?(?:article|story|articles|stories)\b.*(?:later|list|bookmarks?)\b.*",
        15,
    ),
    _rule("account", r"thank you for (?:registering|subscribing|signing up)\.?"),
    _rule("account", r"please refresh (?:the|your) (?:page|browser)\b.*", 40),
    # Notifications, cookie banners, newsletters, paywalls.
    _rule("notifications", r"stay up to date with (?:notifications|alerts|updates) from .{1,60}", 15),
    _rule("notifications", r"notifications can be managed in (?:your )?browser (?:preferences|settings)\.?"),
    _rule(
        "notifications",
        r"(?:turn on|allow|enable|get|receive) (?:push |breaking news )?(?:notifications|alerts)\b.*",
        15,
    ),
    _rule("cookies", r"(?:we|this (?:site|website)) uses? cookies\b.*", 60),
    _rule(
        "cookies",
        r"(?:accept|reject|manage|decline)(?: all)? cookies|cookie (?:settings|policy|preferences|consent)",
    ),
    _rule("newsletter", r"sign up\b.*", 20),
    _rule("newsletter", r"(?:subscribe|subscription)\b.*", 20),
    _rule(
        "newsletter",
        r"(?:get|receive|join|sign up for|subscribe to|enter your email for) (?:our |the |a )?"
        r"(?:free |daily |weekly |morning |evening |breaking news |latest )*"
        r"(?:newsletters?|email updates|e-?mail alerts|briefing|digest)\b.*",
        25,
    ),
    _rule("newsletter", r"enter your e-?mail(?: address)?\b.*", 15),
    _rule(
        "paywall",
        r"you(?:'ve|’ve| have) (?:reached|read|used) (?:your|all|\d+)\b.*(?:articles?|stories)\b.*",
        30,
    ),
    _rule(
        "paywall",
        r"(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to)"
        r" (?:subscribers|members)\b.*",
        30,
    ),
    # Donation appeals: their headings; the paragraphs under them are dropped as a block (see below).
    _rule("appeal", r"your support (?:helps|makes|means|matters|keeps|allows|enables|is)\b.*", 15),
    _rule("appeal", r"support (?:our|independent|quality|trusted|free|fearless|(?-i:us))\b.*", 12),
    _rule("appeal", r"(?:donate|make a (?:donation|contribution)|contribute|give)(?: now| today| here)?\.?"),
    _rule("appeal", r"(?:become|be) a (?:member|supporter|subscriber|patron|donor)\b.*", 15),
    _rule(
        "appeal", r"help (?:(?-i:us)|keep|support) .*\b(?:journalism|news|reporting|free|independent)\b.*", 15
    ),
    # Sharing and following.
    _rule(
        "share",
        rf"(?:share|tweet|email|post)(?: this| the)?(?: article| story| post| page| link)?"
        rf"(?: (?:on|via|to) (?:{_SOCIAL}))?:?",
        8,
    ),
    _rule("share", rf"(?:{_SOCIAL})(?:[\s,|•·/]+(?:{_SOCIAL}))*", 12),
    _rule("share", r"click to (?:share|email|print|copy)\b.*|(?:\d[\d,.]*k? )?shares?", 12),
    _rule(
        "share",
        r"follow (?:us|me|\w+) on (?:twitter|x|facebook|instagram|telegram|tiktok|threads|bluesky)\b.*",
        15,
    ),
    # Navigation, breadcrumbs, section labels.
    _rule(
        "navigation",
        r"back to top(?: button)?|skip to (?:main )?(?:content|navigation)"
        r"|(?:go|return) to (?:home ?page|top)",
    ),
    _rule("navigation", r"home|menu|search|close|open|main menu|(?:toggle )?navigation|more|sections|topics"),
    _rule("navigation", r"(?:next|previous|prev) (?:article|story|post|page)\b.*", 15),
    _rule("navigation", r"(?:[\w'’.&-]+(?: [\w'’.&-]+){0,3}\s*[›»>]\s*)+[\w'’.&-]+(?: [\w'’.&-]+){0,6}", 14),
    _rule(
        "section",
        r"(?:world|us|u\.s\.|uk|middle east|international|national|local|politics|business|news|top|latest"
        r"|breaking|live|opinion|analysis|europe|asia|africa|americas)(?: news)?",
    ),
    # Recommendation blocks: links to other stories. They end the article only when nothing
    # that reads like reporting follows them ('related' tail).
    _rule(
        "related",
        r"related(?: articles?| stories| posts| news| content| coverage| reading| topics| links)?:?",
        tail="related",
    ),
    _rule(
        "related",
        r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)\.?:?",
        tail="related",
    ),
    _rule(
        "related",
        r"(?:recommended|suggested)(?: for you| stories| articles| reading| videos)?:?",
        tail="related",
    ),
    _rule(
        "related",
        r"most (?:shared|read|popular|viewed|watched|emailed|commented)(?: stories| articles| now)?",
        tail="related",
    ),
    _rule(
        "related",
        r"(?:top|trending|popular|latest|featured|more) (?:stories|news|articles|videos|posts)(?: now)?"
        r"|trending(?: now)?"
        r"|editor['’]?s (?:picks|choice)|don['’]t miss|more (?:from|on|in) [^.!?]{1,40}|more like this",
        10,
        tail="related",
    ),
    _rule("related", r"about the author\b.*", 12, tail="related"),
    _rule(
        "related",
        r"(?:see also|read also|also read|read more|read next|watch more|must read|further reading)\b.*",
        25,
    ),
    _rule("related", r"source link|source: link"),
    # A bare 'Read' before another story's headline is a link ('Read  IDF jets strike targets in Syria').
    _rule("related", r"read\s+[A-Z][^.!?]*", 16),
    # Tag and keyword lists run names together ('..., US forces, Taliban Bart Janssens, MSF').
    _rule("related", r"(?:tagged(?: as| with)?|tags|topics|keywords|filed under)\s*:.*", 40),
    # Advertising.
    _rule(
        "ads",
        r"advertisement|advertising|ad|ads|sponsored(?: content| links| stories)?|ads by \w+|report this ad"
        r"|(?:story|article) continues (?:below|after)(?: (?:the )?advertisement)?"
        r"|continue reading(?: below| the main story)?|scroll to continue(?: with content)?"
        r"|paid (?:content|post|partner(?:ship)?)|promoted(?: stories| content)?",
    ),
    # Media player and image furniture (captions themselves are kept: they report).
    _rule("media", r"(?:hide|toggle|show|expand|close|enlarge) (?:caption|image)"),
    _rule(
        "media", r"(?:image|video|media|photo|picture|audio) (?:source|caption|title|credit|description),?"
    ),
    _rule("media", r"image source,.*", 8),
    _rule(
        "media",
        r"img(?:-logo)?|\[?(?:image|photo|picture|video|logo)\]?|(?:\d+ )?min(?:ute)?s? read"
        r"|listen(?: to this article)?.{0,12}",
    ),
    _rule("media", r"(?:play|watch)(?: video| now| live)?|(?:audio|video) (?:player|is loading)\b.*", 8),
    # Weather widgets in page headers ('New York, NY 58° HI 56° LO').
    _rule("widget", r".*\b(?:hi|high)\s*-?\d+\s*°.*\b(?:lo|low)\s*-?\d+\s*°.*", 15),
    # Copyright footers (a caption's '(Copyright 2024 AP)' is inside a longer line and stays).
    _rule("copyright", r"(?:©|\(c\)|copyright\s*\d{4}).*|all rights reserved\.?", 20),
)

_BULLET = re.compile(r"^[\s•·*>|◦▪►–—-]+")
_WORD = re.compile(r"\S+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
# The outlet's own voice: lower-case 'us' so the country 'US' does not count.
_NARRATOR = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?)\b")
_MONEY = re.compile(
    r"\b(?:donat\w*|your support|subscri\w*|paywalls?|membership|readers like you"
    r"|reader-funded|funded by (?:readers|you)|free to read"
    r"|contribut(?:e|ion|ions) (?:today|now|monthly|once))\b",
    re.IGNORECASE,
)
_JOURNALISM = re.compile(
    r"\b(?:journalis\w+|reporters?|newsroom|stories|story|documentar\w+|investigat\w+|coverage|news|analysis)\b",
    re.IGNORECASE,
)
_HOME_CRUMB = re.compile(r"^home\b\s*[›»>/|:-]?\s*(.+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")

# How much reporting must precede an end marker before it is trusted to end the article.
_MIN_WORDS_BEFORE_TAIL = 60
# A line this long that ends a sentence reads as reporting; headlines in link lists end without a stop.
_REPORTING_WORDS = 12


@dataclass(frozen=True)
class Removed:
    """A dropped line and why: callers read site self-references from it."""

    line: int
    text: str
    family: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removed, ...]


def normalise_line(line: str) -> str:
    """Bullets, non-breaking spaces and runs of spaces removed, for matching only."""
    return " ".join(_BULLET.sub("", line).split())


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def match_rule(line: str) -> Rule | None:
    norm = normalise_line(line)
    if not norm:
        return None
    count = _words(norm)
    for rule in RULES:
        if count <= rule.max_words and rule.pattern.fullmatch(norm):
            return rule
    return None


def is_appeal_paragraph(line: str, *, in_appeal: bool) -> bool:
    """The outlet asking for money, in its own voice ('we', 'our'), quotes aside.

    Inside an appeal block, talk about its own journalism is enough ('The X is on the
    ground ... we know how important it is'); elsewhere money words are required.
    """
    outside_quotes = _QUOTED.sub(" ", line)
    if not _NARRATOR.search(outside_quotes):
        return False
    if _MONEY.search(outside_quotes):
        return True
    return in_appeal and bool(_JOURNALISM.search(outside_quotes))


def reads_as_reporting(line: str) -> bool:
    norm = normalise_line(line)
    return _words(norm) >= _REPORTING_WORDS and bool(_SENTENCE_END.search(norm))


class _Cleaner:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.drop: dict[int, str] = {}
        self.rules: dict[int, Rule] = {}

    def run(self) -> None:
        self._line_rules()
        self._appeals()
        self._breadcrumbs()
        self._tail()
        self._duplicates()

    def _line_rules(self) -> None:
        for i, line in enumerate(self.lines):
            rule = match_rule(line)
            if rule is not None:
                self.rules[i] = rule
                self.drop[i] = rule.family

    def _appeals(self) -> None:
        in_appeal = False
        for i, line in enumerate(self.lines):
            if not line.strip():
                continue
            rule = self.rules.get(i)
            if rule is not None and rule.family == "appeal":
                in_appeal = True
            elif is_appeal_paragraph(line, in_appeal=in_appeal):
                self.drop[i] = "appeal"
            elif i not in self.drop:
                in_appeal = False

    def _breadcrumbs(self) -> None:
        """'Home US drone kills commander': the crumb trail repeats the headline below it."""
        others = {normalise_line(line).casefold() for line in self.lines}
        for i, line in enumerate(self.lines[:15]):
            match = _HOME_CRUMB.match(normalise_line(line))
            if match and i not in self.drop and match.group(1).casefold() in others:
                self.drop[i] = "navigation"

    def _kept_words(self, start: int, stop: int) -> int:
        return sum(_words(self.lines[i]) for i in range(start, stop) if i not in self.drop)

    def _tail(self) -> None:
        """Cut the page after the article: the comment section, or a trailing list of links."""
        n = len(self.lines)
        end = n
        for i in sorted(self.rules):
            rule = self.rules[i]
            if rule.tail not in ("end", "maybe_end"):
                continue
            before, after = self._kept_words(0, i), self._kept_words(i + 1, n)
            if before >= _MIN_WORDS_BEFORE_TAIL and (rule.tail == "end" or before >= after):
                end = i
                break
        for i in sorted(self.rules):
            if i >= end:
                break
            if self.rules[i].tail != "related" or self._kept_words(0, i) < _MIN_WORDS_BEFORE_TAIL:
                continue
            if not any(reads_as_reporting(self.lines[j]) for j in range(i + 1, end) if j not in self.drop):
                end = i
                break
        for i in range(end, n):
            if self.lines[i].strip() and i not in self.drop:
                self.drop[i] = "after-article"

    def _duplicates(self) -> None:
        """A headline or caption printed twice says nothing new the second time."""
        seen: set[str] = set()
        for i, line in enumerate(self.lines):
            if i in self.drop or not line.strip():
                continue
            key = normalise_line(line).casefold()
            if key in seen:
                self.drop[i] = "duplicate"
            seen.add(key)

    def result(self) -> Cleaned:
        kept: list[str] = []
        for i, line in enumerate(self.lines):
            if i in self.drop:
                continue
            if not line.strip():
                if kept and kept[-1]:
                    kept.append("")
                continue
            kept.append(line)
        while kept and not kept[-1]:
            kept.pop()
        removed = tuple(Removed(i, self.lines[i], family) for i, family in sorted(self.drop.items()))
        return Cleaned("\n".join(kept), removed)


def clean(text: str) -> Cleaned:
    """Text with furniture lines dropped, blank runs collapsed, trailing spaces trimmed.

    Kept lines are otherwise unchanged, so quotes from the result are the outlet's words.
    """
    cleaner = _Cleaner([line.rstrip() for line in text.split("\n")])
    cleaner.run()
    return cleaner.result()
