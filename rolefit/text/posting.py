"""One posting read once: sections, skills with evidence, seniority, stated pay.

This is the shared extractor: `analyze`, `match` (resumes), `hire` and the
market report all go through :func:`read_posting`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from rolefit.errors import InputError
from rolefit.knowledge.models import Skill
from rolefit.text.clean import MAX_CHARS, blank_markup, fold_case
from rolefit.text.negation import negated_spans
from rolefit.text.salary import StatedSalary, find_salary
from rolefit.text.scan import Phrases, alternation_spans
from rolefit.text.sections import BULLET, JOB_KINDS, PARAGRAPH, Section, split_sections
from rolefit.text.seniority import seniority_from
from rolefit.text.skills import SkillExtractor, Tokens, default_extractor, lowercase_words, tokenize

__all__ = ["FoundSkill", "PostingReading", "read_posting"]

# "Bachelor's degree in Computer Science, Statistics or Mathematics" names fields of study, not skills asked for.
_DEGREE_WORDS = (
    r"(degree|bachelor(?:'s|’s|s)?|master(?:'s|’s|s| of| in| degree)|ph\.?d\.?|doctorate|b\.?sc?\.?|m\.?sc?\.?|field of study|fields? of|"
    r"fields? such as|majors?|diploma)\b"
)
_DEGREE = re.compile(rf"\b{_DEGREE_WORDS}")
# The same words with no \b in front: a pattern that starts with \b gives the regex engine no first letters to skip
# ahead to, so it tries every position (~5x slower); _has_degree_word checks the boundary on each hit instead.
_DEGREE_AFTER_BOUNDARY = re.compile(_DEGREE_WORDS)
# "Machine Learning Engineer", "Supply Chain Data Analyst", "the Data Engineering team": a job title or team name
# names the job, it does not ask for the skill.
# Any skill right before people in the plural names the people ("backend engineers", "machine learning researchers",
# "ML practitioners"), and right before "team(s)" names the team ("data science team", "IT leadership team"), whatever
# the case. Matched on the lowercase copy.
_ROLE_AFTER = re.compile(
    r"([\s/-]*)(?:(engineers|scientists|analysts|developers|architects|managers|specialists|researchers|consultants|"
    r"practitioners|experts|conferences)|(teams?)|engineer|scientist|analyst|developer|architect|manager|leads?|"
    r"specialist|interns?|researcher|consultant|directors?|org|organization|department|group|practice|function)\b"
)
# Skills whose name is an adjective before "team": "an agile team" asks for agile work.
_TEAM_ADJECTIVES = frozenset({"agile"})


def _names_a_role(role: re.Match[str], skill: Skill, cleaned: str, start: int, end: int) -> bool:
    """True when the mention, followed by ``role`` (a _ROLE_AFTER match), is part of a job title or team name."""
    capitalised = cleaned[start : start + 1].isupper()
    if not capitalised and "\n" in role.group(1):
        return False
    if role.group(3):  # team(s)
        if skill.category == "soft-skill":  # "collaborative team" asks to collaborate; "leadership team" is people
            return cleaned[start:end].lower().endswith(("ship", "ment"))
        return skill.id not in _TEAM_ADJECTIVES
    # "Mentor junior engineers" asks to mentor; no title is "Mentor"
    return skill.category != "soft-skill" and (capitalised or role.group(2) is not None)


_NOT_A_FIELD_LIST = re.compile(
    r"[.;!?]|\b(experience|years?|skills?|knowledge|proficien\w*|using|with|plus|including|familiar\w*|strong|ability|"
    r"expertise|work(ing)?|understanding|background in|equivalent)\b"
)


def _after_boundary(text: str, at: int, pattern: re.Pattern[str], end: int) -> bool:
    """Whether ``\\b`` + ``pattern`` matches in text[at:end], for a pattern whose every match starts with a word
    character (so the boundary means no word character before it, as ``re`` sees it)."""
    hit = pattern.search(text, at, end)
    while hit is not None:
        at = hit.start()
        if not at or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        hit = pattern.search(text, at + 1, end)
    return False


def _is_degree_field(lowered: str, line_start: int, start: int) -> bool:
    """True when the mention sits in the list of fields right after a degree word (``lowered``: fold_case text)."""
    window_start = max(line_start, start - 160)
    degrees = list(_DEGREE.finditer(lowered, window_start, start))
    if not degrees:
        return False
    between = lowered[degrees[-1].end() : start]
    return not _NOT_A_FIELD_LIST.search(between)


# A paragraph inside a job section can still be about the employer ("Matrix is a ... company with 13000 employees",
# "At Datadog, we place value in our office culture", "Why Fireworks AI?"). The section splitter only catches such
# paragraphs before the first heading; these rules catch them anywhere in the job's sections.
_JOB_CUE = re.compile(
    r"\b(you|your|you['’](?:ll|re|ve|d)|yourself|candidates?|(?:the|this) (?:role|position|job)|responsibilit\w*|"
    r"requirements?|qualifications?|looking for|seeking|hiring|experience (?:with|using|building|working)|"
    r"years of|knowledge of|proficien\w*|skills|degree|must|preferred|plus)\b"
)
# "We need SQL and Python": the employer speaking of the job, not of itself (checked only on paragraphs that
# already read as a blurb, so the common job-cue scan stays as fast as it was)
_EMPLOYER_WANTS = re.compile(r"\bwe(?: also)? (?:need|expect|require|want)\b|\bwe(?:['’]d| would) love\b")
_COMPANY_CUE = re.compile(
    r"^(?:why|about) [a-z]|\b(we|we['’](?:re|ve)|our|us|compan(?:y|ies)|employees|organi[sz]ation|customers|clients|"
    r"startups?|subsidiary|employer|founded|headquartered)\b"
)
# The employer's own name is not a skill even when it is a tool's name ("Datadog", "Fireworks AI").
_NAME = r"([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2})"
# Each pattern starts with a literal ("\n", "At ") so the regex engine can skip ahead instead of trying every position.
_EMPLOYER_HEADING_LINE = re.compile(rf"\n\s*(?i:about|why) {_NAME}[?:]?\s*(?:\n|$)")
_EMPLOYER_HEADING_FIRST = re.compile(rf"\s*(?i:about|why) {_NAME}[?:]?\s*(?:\n|$)")
_EMPLOYER_AT = re.compile(rf"At {_NAME}, (?i:we|our)\b")
# "NVIDIA is looking for an outstanding ... engineer" opening the posting (~150 corpus postings name the employer so).
_EMPLOYER_OPENER = re.compile(rf"\s*{_NAME} (?:is|are) (?:(?:currently|actively) )?(?:looking for|seeking|hiring)\b")
# "<Name> is an equal opportunity employer", "<Name> does not discriminate": a regex starting with a capitalised
# name tries every word of the posting, so these are matched only just before their fixed phrase (found first in
# the lowercased text).
_EMPLOYER_BEFORE_PHRASE = re.compile(
    rf"\b{_NAME} (?i:is|are) (?i:an? |the )?(?i:proud )?(?i:equal)[ -](?i:opportunity)|"
    rf"\b{_NAME} (?i:does not discriminate|is committed to)"
)
_EMPLOYER_PHRASES = Phrases((r"equal[ -]opportunity", r"does not discriminate", r"is committed to"))
_NAME_LOOKBACK = 100  # characters before the phrase where the name and verb must start
# "Why Fireworks AI?" or "About Penske" on a line of its own: what follows in the section sells the employer.
_EMPLOYER_HEADING = re.compile(r"(?i:why|about) [A-Z][^\n]{0,40}")


_NOT_A_NAME = frozenset({"us", "you", "we", "join us", "the job", "the role", "the team", "inc", "inc.", "our client"})


def _blurb_paragraphs(
    cleaned: str, lowered: str, start: int, end: int, employer: frozenset[str]
) -> list[tuple[int, int]]:
    """Paragraphs of a job section that describe the employer: no job cue, some company cue (the employer's name
    counts), not a bullet list; and everything after a "Why <employer>?" line."""
    spans = []
    for paragraph in PARAGRAPH.finditer(cleaned, start, end):
        lowered_words = lowered[paragraph.start() : paragraph.end()].strip()
        if _JOB_CUE.search(lowered_words):
            continue  # most paragraphs: the original-case text is not needed
        words = paragraph.group(0).strip()
        if _EMPLOYER_HEADING.fullmatch(words):
            spans.append((paragraph.start(), end))
            break
        if BULLET.match(words):
            continue
        if (
            _COMPANY_CUE.search(lowered_words) or (employer and any(name in lowered_words for name in employer))
        ) and not _EMPLOYER_WANTS.search(lowered_words):
            spans.append(paragraph.span())
    return spans


def _employer_names(cleaned: str, lowered: str) -> frozenset[str]:
    """The employer's name as the posting writes it ("About Datadog", "At Datadog, we", "Datadog is an equal ...")."""
    matches = list(_EMPLOYER_HEADING_LINE.finditer(cleaned))
    for opening in (_EMPLOYER_HEADING_FIRST, _EMPLOYER_OPENER):
        first = opening.match(cleaned)
        if first:
            matches.append(first)
    matches.extend(m for m in _EMPLOYER_AT.finditer(cleaned) if not cleaned[m.start() - 1 : m.start()].isalnum())
    searched_to = 0
    for phrase_start, phrase_end in alternation_spans(_EMPLOYER_PHRASES, lowered):
        window_start = max(searched_to, phrase_start - _NAME_LOOKBACK)
        matches.extend(_EMPLOYER_BEFORE_PHRASE.finditer(cleaned, window_start, phrase_end))
        searched_to = phrase_end
    names = set()
    for match in matches:
        name = next(group for group in match.groups() if group)
        if name.lower() not in _NOT_A_NAME and not name.endswith("We"):  # "Job Description SummaryWe are hiring"
            names.add(name.lower())
    return frozenset(names)


_NICE_LINE = re.compile(
    r"\b(nice[ -]to[ -]have|is a (big |huge )?plus|are a plus|a plus\b|bonus( points)?|preferred|preferably|desir(ed|able)|"
    r"ideally|not required|optional|familiarity with|exposure to|"
    # French, German and Spanish postings say it so ("(Un atout)", "idealerweise mit Angular", "von Vorteil")
    r"un atout|(?:un|ein) plus|idéalement|idealerweise|von vorteil|wünschenswert|deseables?|valorables?|se valorará)\b"
)


# A full stop that ends a sentence, not an abbreviation inside one ("e.g. AWS", "etc. and").
# The full stop comes first so the engine can jump from one "." to the next.
_SENTENCE_END = re.compile(r"\.(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bincl\.)(?<!\bapprox\.)\s")


class NiceCues(NamedTuple):
    """Where a line's sentences end and its nice-to-have cues start, found once per line."""

    stops: list[int]
    cues: list[int]


# Every _NICE_LINE match holds one of these words: a few str.find calls rule out most lines, where the regex (no
# literal to skip ahead with) costs ~8 µs a line.
_NICE_WORDS = (
    "nice", "plus", "bonus", "prefer", "desir", "ideally", "required", "optional", "familiarity", "exposure",
    "atout", "idéalement", "idealerweise", "vorteil", "wünschenswert", "deseable", "valora",
)  # fmt: skip


def _nice_cues(lowered: str, line_start: int, line_end: int) -> NiceCues | None:
    for word in _NICE_WORDS:
        if lowered.find(word, line_start, line_end) >= 0:
            break
    else:
        return None
    cues = [m.start() for m in _NICE_LINE.finditer(lowered, line_start, line_end)]
    if not cues:
        return None
    return NiceCues([m.end() for m in _SENTENCE_END.finditer(lowered, line_start, line_end)], cues)


def _nice_sentence(nice: NiceCues, line_start: int, line_end: int, start: int) -> bool:
    """Whether the sentence holding a mention reads as nice-to-have, on a line that does somewhere: a paragraph
    such as "Requirements: SQL and Python. Spark is a plus." marks only Spark optional. Bisects, because a posting
    that lost its line breaks is one line of thousands of characters."""
    after = bisect_right(nice.stops, start)
    sentence_start = nice.stops[after - 1] if after else line_start
    sentence_end = nice.stops[after] if after < len(nice.stops) else line_end
    first_cue = bisect_left(nice.cues, sentence_start)
    return first_cue < len(nice.cues) and nice.cues[first_cue] < sentence_end


@dataclass
class FoundSkill:
    id: str
    name: str
    category: str
    required: bool
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PostingReading:
    text: str
    title: str | None
    sections: list[Section]
    skills: list[FoundSkill]
    seniority: str | None
    salary: StatedSalary | None
    job_text: str  # the job's own sections joined (for the classifier), blanks where markup was
    # job_text's words as the skill tokenizer lowercased them, one a line (one string, ~3 KiB; a list held ~31 KiB):
    # the classifier counts its terms from these instead of tokenizing job_text again, where they are the same
    # (classifier.reading_terms says when)
    job_words: str | None = field(default=None, repr=False)

    def skill_ids(self, required_only: bool = False) -> list[str]:
        return [s.id for s in self.skills if s.required or not required_only]


# "customer-facing features", "client-facing applications": the word describes the product, not work with customers.
_PRODUCT_AFTER = re.compile(
    r"\s+(?:(?:ai|ml|llm|genai|web|mobile|data|software|product)\s+)?(?:features?|applications?|apps?|products?|"
    r"systems?|services?|interfaces?|solutions?|software|websites?|portals?|surfaces?|dashboards?|"
    r"chatbots?|agents?|assistants?|platforms?|tools?)\b"
)
_DESCRIBES_A_PRODUCT = frozenset({"customer-facing"})
# Aliases that are also a verb phrase, told by the next word: "Build tools to give us visibility", "lending technical
# expertise" (keyed by the mention as written, lowercase).
_VERB_READING = {
    "build tools": re.compile(r"\s+(?:to|that|which|for)\b"),
    "lending": re.compile(r"\s+(?:a|an|the|their|his|her|your|our|its|technical|support|expertise|credibility|help)\b"),
}
_READ_BY_WORDS_AROUND = _DESCRIBES_A_PRODUCT | {"build-tools", "finance-domain", "leadership"}


# "present findings to senior leadership", "partner with engineering leadership": the people reported to, not a
# skill asked for (read from the words before a bare "leadership"; "strong leadership" stays a skill).
_LEADERS = r"(?:senior|executive|engineering|product|company|business|firm|department|organizational|c-suite|technical)"
_AUDIENCE_BEFORE = re.compile(
    rf"(?:\b(?:to|with|for|across|by|from|among|alongside|before)\s+(?:(?:our|the|your|their|its)\s+)?(?:{_LEADERS}\s+)?"
    rf"|\b(?:and|of)\s+(?:(?:our|the)\s+)?{_LEADERS}\s+)$"
)
_AUDIENCE_REACH = 40


# "with leadership responsibilities", "for leadership roles": the skill after all.
_LEADERSHIP_AS_A_SKILL_AFTER = re.compile(
    r"\s+(?:responsibilit|experience|skill|role|position|abilit|qualit|capabilit|potential|style|competenc)"
)


def _leadership_is_the_audience(lowered: str, start: int, end: int) -> bool:
    return (
        lowered[start:end] == "leadership"
        and _AUDIENCE_BEFORE.search(lowered, max(0, start - _AUDIENCE_REACH), start) is not None
        and _LEADERSHIP_AS_A_SKILL_AFTER.match(lowered, end) is None
    )


def _words_around_say_otherwise(skill_id: str, lowered: str, start: int, end: int) -> bool:
    """A product adjective, a verb or the people reported to, not the skill, judged by the words around the mention
    (only for the skills in ``_READ_BY_WORDS_AROUND``)."""
    if skill_id == "leadership":
        return _leadership_is_the_audience(lowered, start, end)
    if skill_id in _DESCRIBES_A_PRODUCT:
        return _PRODUCT_AFTER.match(lowered, end) is not None
    verb = _VERB_READING.get(lowered[start:end])
    return verb is not None and verb.match(lowered, end) is not None


# "Senior Software Engineer, Data Platform at Opendata", "Staff Data Engineer - ML & AI Platform": the area after a
# job title's comma or dash is part of the title.
_TITLE_BEFORE = re.compile(
    r"(?:engineer|scientist|analyst|developer|architect|manager|specialist|researcher|lead)(?:,| [-–—|]) ?$"
)
_TITLE_LOOKBACK = 14
_TITLE_MARKS = frozenset(",-–—|")
_VALUES = re.compile(r"\b(?:core|company|our|shared) values\b|\bwe believe in\b")
_SENTENCE_REACH = 200


def _values_before(lowered: str, start: int) -> bool:
    """True when the sentence (or line) holding ``start`` names the employer's values before it."""
    window = max(0, start - _SENTENCE_REACH)
    window = max(lowered.rfind("\n", window, start), lowered.rfind(". ", window, start), window)
    if lowered.find("values", window, start) < 0 and lowered.find("believe in", window, start) < 0:
        return False  # str.find first: the regex has no literal to skip ahead with
    return _VALUES.search(lowered, window, start) is not None


# "with our data science and analytics teams", "with engineering, data science, and business teams", "our Simulation
# Environments team", "our Data & Analytics crew": the mention names a team (matched on the lowercase copy).
_TEAM_AFTER = re.compile(
    r"(?:[ \t]++[\w-]++)?(?:,[ \t]*+[\w-]++(?: [\w-]++)?){0,3}(?:,?\s++(?:and|&) [\w-]++(?: [\w-]++)?)?\s++"
    r"(?:teams?|crew)\b"
)
_TEAM_REACH = 60  # str.find for "team"/"crew" this far after a mention is the cheapest first test (few pass it)


# What comes right before such a team name ("with our ", "across the ", ", "): str.endswith on a tuple, C-speed.
_TEAM_BEFORE = (
    ", ",
    ",\n",
    *(
        f"{before}{word}{after}"
        for word in ("our", "the", "with", "across", "and")
        for before in " \n\t("
        for after in " \n"
    ),
)
# A short line of its own ending in a colon: "Model Building and Implementation:".
_SUBHEADING = re.compile(r"[ \t]*[A-Z][\w&/,' -]{0,60}:[ \t]*")


def _same_phrase(cleaned: str, previous_end: int, start: int, end: int) -> bool:
    """Two mentions of one skill separated only by a space, hyphen or "&" ("Spark/PySpark" stays two), or a short form
    or expansion in parentheses ("RAG (Retrieval Augmented Generation)"); a list in parentheses names its own items
    ("containerization (Docker, Kubernetes)")."""
    gap = cleaned[previous_end:start]
    if "(" in gap:
        return len(gap) <= 6 and not gap.strip(" \n(") and cleaned[end : end + 1] == ")"
    if len(gap) <= 3:
        return start >= previous_end and not gap.strip(" &-")
    # "communicating with non-technical stakeholders", "explain complex topics to a non-technical audience": a few
    # plain words between two mentions of one skill make one phrase
    # ("Linux or Unix", "agile development such as Scrum" name two things)
    return len(gap) <= _PHRASE_GAP and _PLAIN_WORDS.fullmatch(gap) is not None


_PHRASE_GAP = 12
_PLAIN_WORDS = re.compile(r" (?:(?!(?:and|or|nor|as|like|including|plus|vs|versus|then)\b)[a-z]+ ){1,2}")


# Postings whose line breaks were lost on the way ("custom MapReduce and UDFs in JavaDesign, develop and maintain",
# "Maven, Gradle, Teamcity or JenkinsExperience with Search Engines") run a lowercase word into the next line's
# capitalised one. Such postings (792 of the 9,825 corpus postings, 762 of them from one 2018 dataset) have at least
# two "pipelinesTroubleshoot"-shaped words; in them a camel-cased word that is no alias is read as its parts.
# Only postings averaging 200+ characters a line (18% of the corpus, 766 of the 792) are tested, on a byte "shape" of
# the text (a = lowercase, A = uppercase letter): C-speed, ~10 µs a posting on average.
_SHAPE = bytes(
    ord("a") if chr(b).islower() and b < 128 else ord("A") if chr(b).isupper() and b < 128 else ord(" ")
    for b in range(256)
)
_RUN_TOGETHER_SHAPE = re.compile(rb" a{4,}Aaaa")
_LONG_LINES = 200
_CAMEL_AT = re.compile(r"[a-z](?=[A-Z])|[A-Z](?=[A-Z][a-z]{2})")  # ends where "JavaDesign", "SQLExperience" split


def _lost_line_breaks(cleaned: str) -> bool:
    if cleaned.count("\n") * _LONG_LINES >= len(cleaned):
        return False  # lines of normal length: the line breaks are there
    shape = cleaned.encode().translate(_SHAPE)
    if shape.count(b"aaaaAaaa") < 2:
        return False
    hits = _RUN_TOGETHER_SHAPE.finditer(shape)
    return next(hits, None) is not None and next(hits, None) is not None


def _split_run_together(segment: str, tokens: Tokens, extractor: SkillExtractor) -> Tokens:
    """Tokens with "JavaDesign" read as "Java" "Design" when the whole word is no alias ("LangChain" stays whole);
    parts shorter than two letters stay joined ("PwC" is not C). One regex scan finds the case changes; only the
    tokens holding one are looked at."""
    cuts_in: dict[int, list[int]] = {}
    starts, ends = tokens.starts, tokens.ends
    for boundary in _CAMEL_AT.finditer(segment):
        cut = boundary.end()
        index = bisect_right(starts, cut) - 1
        if index >= 0 and cut < ends[index]:
            cuts_in.setdefault(index, []).append(cut)
    words, lowered = tokens.words, tokens.lowered
    folded_starts, exact_starts = extractor.folded_starts, extractor.exact_starts
    new_words: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    done = 0  # tokens before this index are copied
    for index, cuts in sorted(cuts_in.items()):
        if lowered[index] in folded_starts or words[index] in exact_starts:
            continue
        start, end = starts[index], ends[index]
        pieces = [start]
        for cut in cuts:
            if cut - pieces[-1] >= 2 and end - cut >= 2:
                pieces.append(cut)
        if len(pieces) == 1:
            continue
        pieces.append(end)
        new_words += words[done:index]
        new_starts += starts[done:index]
        new_ends += ends[done:index]
        for a, b in zip(pieces, pieces[1:], strict=False):
            new_words.append(segment[a:b])
            new_starts.append(a)
            new_ends.append(b)
        done = index + 1
    if not done:
        return tokens
    new_words += words[done:]
    new_starts += starts[done:]
    new_ends += ends[done:]
    return Tokens(new_words, lowercase_words(new_words), new_starts, new_ends)


def _line_bounds(newlines: list[int], length: int, start: int) -> tuple[int, int]:
    """The line around ``start``, from the posting's newline offsets (a bisect, where ``str.find`` would scan a
    posting that lost its line breaks end to end for every mention)."""
    after = bisect_right(newlines, start - 1)
    line_start = newlines[after - 1] + 1 if after else 0
    line_end = newlines[after] if after < len(newlines) else length
    return line_start, line_end


_CONTINUATION = re.compile(r"[ \t]{2,}(?![-*•·▪◦●–+][ \t]|\d{1,2}[.)][ \t])\S")


_INDENTS = ("  ", "\t ", " \t", "\t\t")


def _wrapped_from(cleaned: str, newlines: list[int], line_start: int) -> int:
    """Where the item holding this line starts: an indented line right under a non-blank one continues it
    ("- Bachelor's degree in Computer Science,\n  Mathematics, or a related field"); at most two lines back."""
    for _ in range(2):
        if (
            not line_start
            or not cleaned.startswith(_INDENTS, line_start)
            or not _CONTINUATION.match(cleaned, line_start)
        ):
            break
        previous_start, _ = _line_bounds(newlines, len(cleaned), line_start - 1)
        if not cleaned[previous_start : line_start - 1].strip():
            break
        line_start = previous_start
    return line_start


def read_posting(text: str, title: str | None = None, extractor: SkillExtractor | None = None) -> PostingReading:
    """Read a posting's text; raises InputError for empty or oversized input."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("The posting is empty: give its text (a file, stdin or --text)")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"The posting is {len(text):,} characters; the limit is {MAX_CHARS:,} (is this really one posting?)"
        )
    extractor = extractor or default_extractor()
    cleaned = blank_markup(text)
    lowered = fold_case(cleaned)  # same offsets; lowercase patterns on it are ~9x faster than re.IGNORECASE
    sections = split_sections(text, cleaned, lowered)
    job_sections = [s for s in sections if s.kind in JOB_KINDS]
    if not job_sections:  # nothing but blurb: better to read it all than nothing
        job_sections = sections
    found: dict[str, FoundSkill] = {}
    lines: dict[int, tuple[int, NiceCues | None, bool]] = {}
    employer = _employer_names(cleaned, lowered)
    # where each line ends: C-level work on the lines' lengths, where a finditer makes a Match object per line
    newlines = list(accumulate(map((1).__add__, map(len, cleaned.split("\n"))), initial=-1))[1:-1]
    run_together = _lost_line_breaks(cleaned)
    job_words: list[str] = []
    for section in job_sections:
        segment = cleaned[section.start : section.end]
        tokens = tokenize(segment)
        if tokens.lowered:
            job_words.append("\n".join(tokens.lowered))
        if run_together:
            tokens = _split_run_together(segment, tokens, extractor)
        blurbs = _blurb_paragraphs(cleaned, lowered, section.start, section.end, employer)
        negated = negated_spans(lowered, section.start, section.end)
        for mention in extractor.find(segment, tokens):
            start, end = section.start + mention.start, section.start + mention.end
            if blurbs and any(a <= start < b for a, b in blurbs):
                continue
            if employer and cleaned[start:end].lower() in employer:
                continue
            if negated and any(a <= start < b for a, b in negated):
                continue  # "No prior Kubernetes experience required": named, and said not to be needed
            line_start, line_end = _line_bounds(newlines, len(cleaned), start)
            line_facts = lines.get(line_start)
            if line_facts is None:  # (degree word, nice-to-have cues, is a sub-heading), once per line
                item_start = _wrapped_from(cleaned, newlines, line_start)
                line_facts = lines[line_start] = (
                    item_start if _after_boundary(lowered, item_start, _DEGREE_AFTER_BOUNDARY, line_end) else -1,
                    _nice_cues(lowered, line_start, line_end),
                    cleaned.find(":", line_start, line_end) >= 0  # (the colon first: the regex has no literal)
                    and bool(_SUBHEADING.fullmatch(cleaned, line_start, line_end)),
                )
            if line_facts[0] >= 0 and _is_degree_field(lowered, line_facts[0], start):
                continue
            skill = extractor.skills[mention.skill_id]
            role = _ROLE_AFTER.match(lowered, end)
            if role is not None and _names_a_role(role, skill, cleaned, start, end):
                continue  # "Machine Learning Engineer", "backend engineers": a title, not a requirement
            if (
                (lowered.find("team", end, end + _TEAM_REACH) >= 0 or lowered.find("crew", end, end + _TEAM_REACH) >= 0)
                and lowered.endswith(_TEAM_BEFORE, max(0, start - 9), start)
                and _TEAM_AFTER.match(lowered, end)
                and skill.id not in _TEAM_ADJECTIVES
            ):
                continue  # "partner with our cloud infrastructure team": a team to work with, not a skill asked for
            if skill.id in _READ_BY_WORDS_AROUND and _words_around_say_otherwise(skill.id, lowered, start, end):
                continue
            if (
                start > 1
                and lowered[start - 2] in _TITLE_MARKS
                and _TITLE_BEFORE.search(lowered, max(0, start - _TITLE_LOOKBACK), start)
            ):
                continue
            if skill.category == "soft-skill" and _values_before(lowered, start):
                continue  # "our company values of integrity, accountability and collaboration": the employer's values
            if line_facts[2]:
                continue  # "Communication and Leadership:" heads a group of duties; it is not one
            nice = section.kind == "nice" or (
                line_facts[1] is not None and _nice_sentence(line_facts[1], line_start, line_end, start)
            )
            entry = found.get(skill.id)
            if entry is None:
                entry = found[skill.id] = FoundSkill(skill.id, skill.name, skill.category, required=False)
            entry.required = entry.required or not nice
            if entry.evidence and _same_phrase(cleaned, entry.evidence[-1][1], start, end):
                # "RAG (Retrieval Augmented Generation)", "cross-functional collaboration": one mention, one span
                entry.evidence[-1] = (entry.evidence[-1][0], end)
            else:
                entry.evidence.append((start, end))
    job_text = "\n".join(cleaned[s.start : s.end] for s in job_sections)
    # job_text.lower() from the lowercase copy already made (lowercasing is ~15 instructions a character): the same
    # unless the text holds "İ" (fold_case keeps it) or "Σ" (lowercased by its neighbours, which a slice changes)
    job_lowered = (
        "\n".join(lowered[s.start : s.end] for s in job_sections) if "İ" not in cleaned and "Σ" not in cleaned else None
    )
    salary = find_salary(text)
    return PostingReading(
        text=text,
        title=title,
        sections=sections,
        skills=sorted(found.values(), key=lambda s: s.evidence[0][0]),
        seniority=seniority_from(title, job_text, job_lowered),
        salary=salary,
        job_text=job_text,
        job_words="\n".join(job_words),
    )
