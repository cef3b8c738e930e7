"""Scan the public postings for the spellings of skills and tools.

Re-runnable helper used to build and check `rolefit/data/skills.yaml`.
Reads the five postings datasets from `../shared/data/raw` (relative to the
repo root) unless `--raw` says otherwise.

Modes (combine freely):

  (default)          per-skill document frequency of every alias, per dataset;
                     lists aliases that never occur (candidates to drop)
  --terms T [T ...]  document frequency of arbitrary spellings (case-insensitive,
                     whole word) - to decide whether a spelling is worth an alias
  --cs-terms T ...   same, but matched with exact case
  --variants         generated variants of each alias (hyphen/space/joined,
                     plural, ".js", "apache "/"aws "/"amazon "/"google "/"azure "
                     prefixes, "(abbr)") that occur in postings but are not aliases
  --candidates       vocabulary from the datasets' own skill lists (builtin tags,
                     LLM-extracted skills, O*NET Technology Skills) that occurs in
                     descriptions but is not covered by any alias
  --contexts ALIAS   random match contexts of one alias (as the matcher sees it)
  --min N            minimum document count to report (default 5)

Usage:  .venv/bin/python bench/taxonomy_alias_scan.py [--terms "a/b testing" "ab testing"] ...
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RAW = REPO / ".." / "shared" / "data" / "raw"
DEFAULT_SKILLS = REPO / "rolefit" / "data" / "skills.yaml"

DATASETS = (
    "ai-engineering-field-guide",
    "remotewlb-remote-jobs",
    "linkedin-ca-ds-da-2018",
    "glassdoor-ds-2020",
    "jsearch-ds-da-2025",
)


# --------------------------------------------------------------------------- loading


def _read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_postings(raw: Path = DEFAULT_RAW) -> dict[str, list[dict[str, str]]]:
    """dataset -> list of {id, title, description} (empty descriptions skipped)."""
    raw = Path(raw)
    out: dict[str, list[dict[str, str]]] = {}

    def add(ds: str, pid: str, title: str | None, desc: str | None) -> None:
        desc = (desc or "").strip()
        if desc:
            out.setdefault(ds, []).append({"id": pid, "title": (title or "").strip(), "description": desc})

    for row in _read_jsonl(raw / "ai-engineering-field-guide" / "postings.jsonl"):
        add("ai-engineering-field-guide", row["id"], row.get("title"), row.get("description"))
    for row in _read_jsonl(raw / "remotewlb-remote-jobs" / "postings.jsonl"):
        add("remotewlb-remote-jobs", row["id"], row.get("title"), row.get("description"))
    for name in ("DataScientist.csv", "DataAnalyst.csv"):
        for i, row in enumerate(_read_csv(raw / "linkedin-ca-ds-da-2018" / name)):
            add("linkedin-ca-ds-da-2018", f"li-{name[:-4]}-{i}", row.get("title"), row.get("description"))
    for i, row in enumerate(_read_csv(raw / "glassdoor-ds-2020" / "glassdoor_jobs.csv")):
        add("glassdoor-ds-2020", f"gd-{i}", row.get("Job Title"), row.get("Job Description"))
    for row in _read_csv(raw / "jsearch-ds-da-2025" / "data_scientist_us.csv"):
        add("jsearch-ds-da-2025", f"js-{row['job_id']}", row.get("job_title"), row.get("job_description"))
    for ds in DATASETS:
        out.setdefault(ds, [])
    return out


def load_skills(path: Path = DEFAULT_SKILLS) -> list[dict]:
    import yaml

    with Path(path).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)["skills"]


# --------------------------------------------------------------------------- matching
#
# Whole-word matching that also works for aliases with symbols (c++, c#, .net,
# node.js, ci/cd, a/b testing). `aliases` are matched on text.lower() (so offsets
# stay those of the original text), `case_sensitive` forms on the text as written;
# overlapping hits are resolved leftmost-longest.
#   left:  not preceded by a word character
#   right: not followed by a word character, '+' or '#' (so "C" never fires
#          inside "C++"/"C#"), nor by '&'+word ("R&D", "AT&T")
# Case-sensitive aliases of one or two characters (R, C, Go) get a stricter
# boundary: not followed by '-'+word ("C-suite", "Go-to-market"), "'" + word,
# '.'+letter ("R.J."), and not written as a trademark mark "(R)".

LEFT = r"(?<!\w)"
RIGHT = r"(?![\w+#]|&\w)"
SHORT_LEFT = r"(?<![\w\-'’.&$])"  # not "-C", "'s", "e.g.R", "R&R", "$R"
SHORT_RIGHT = r"(?![\w+#$]|&\w|[-'’]\w|\.[A-Za-z])"  # not "C-suite", "R$", "R.J."
# Single capital letters used as labels rather than languages: "Series C", "Zone C", "Part C", "Plan R".
SHORT_STOP_BEFORE = re.compile(
    r"(?:series|zone|tier|level|grade|part|type|class|plan|vitamin|round|section|appendix|schedule|exhibit|"
    r"category|group|phase|step|option|model|building|floor|suite|unit|division|band|pay|item|form)\s+$",
    re.IGNORECASE,
)

# Case-sensitive aliases that are also ordinary capitalised English words ("Excel", "Go",
# "Spark", "React", "Helm") are skipped where they read as the word: "Skills That Will Help
# You Excel", "Excel in a fast-paced...", "Go Deep", "Go beyond", "React to feedback".
WORDLIKE = re.compile(r"^[A-Z][a-z]+$")
WORDLIKE_STOP_AFTER = re.compile(r"\s+(?:in|at|beyond|above|deep|the|a|an|your|our|to)\s", re.IGNORECASE)
WORDLIKE_STOP_BEFORE = re.compile(r"(?:\byou|\bwill|\bcan|\bwe)\s+$", re.IGNORECASE)


def _trie_regex(words: list[str]) -> str:
    """A compact regex alternation (character trie) for many literal words."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


class Matcher:
    """Finds canonical skills in text from the alias lists of skills.yaml."""

    def __init__(self, skills: list[dict]):
        self.ci: dict[str, str] = {}  # lowercase alias -> skill id
        self.cs: dict[str, str] = {}  # exact-case alias -> skill id
        for s in skills:
            for a in s.get("aliases", []):
                self.ci[a.lower()] = s["id"]
            for a in s.get("case_sensitive", []):
                self.cs[a] = s["id"]
        self.ci_re = re.compile(LEFT + "(" + _trie_regex(list(self.ci)) + ")" + RIGHT) if self.ci else None
        short = [a for a in self.cs if len(a) <= 2]
        longer = [a for a in self.cs if len(a) > 2]
        self.cs_long_re = re.compile(LEFT + "(" + _trie_regex(longer) + ")" + RIGHT) if longer else None
        self.cs_short_re = re.compile(SHORT_LEFT + "(" + _trie_regex(short) + ")" + SHORT_RIGHT) if short else None

    def _raw(self, text: str):
        low = text.lower()
        if self.ci_re is not None:
            if len(low) == len(text):
                for m in self.ci_re.finditer(low):
                    yield self.ci[m.group(1)], m.start(1), m.end(1)
            else:  # rare: lower() changed the length; match case-insensitively on the original
                rx = re.compile(self.ci_re.pattern, re.IGNORECASE)
                for m in rx.finditer(text):
                    yield self.ci[m.group(1).lower()], m.start(1), m.end(1)
        for rx in (self.cs_long_re, self.cs_short_re):
            if rx is None:
                continue
            for m in rx.finditer(text):
                s, e = m.start(1), m.end(1)
                if WORDLIKE.match(m.group(1)) and (
                    text[s - 1 : s] == "-"  # "X-Ray"
                    or WORDLIKE_STOP_AFTER.match(text, e)
                    or WORDLIKE_STOP_BEFORE.search(text, max(0, s - 12), s)
                ):
                    continue  # the English word, not the tool
                if rx is self.cs_short_re:
                    if text[s - 1 : s] == "(" and text[e : e + 1] == ")":
                        continue  # trademark mark "(R)", "(C)"
                    if len(m.group(1)) == 1 and SHORT_STOP_BEFORE.search(text, max(0, s - 20), s):
                        continue  # "Series C", "Zone C"
                yield self.cs[m.group(1)], s, e

    def finditer(self, text: str):
        """Yield (skill_id, matched_text, start, end), non-overlapping, longest match first:
        text[start:end] is the matched text of the original string."""
        spans = sorted(self._raw(text), key=lambda t: (t[1], -(t[2] - t[1])))
        last_end = -1
        for sid, s, e in spans:
            if s >= last_end:
                last_end = e
                yield sid, text[s:e], s, e

    def skills_in(self, text: str) -> set[str]:
        return {sid for sid, *_ in self.finditer(text)}


def doc_freq(
    postings: dict[str, list[dict]], terms: list[str], case_sensitive: bool = False
) -> dict[str, collections.Counter]:
    """term -> Counter(dataset -> number of postings containing it).

    Every term is counted on its own (overlapping and nested terms too): one
    look-ahead trie regex finds the longest term at each position, and the
    shorter terms that are prefixes of it are checked at the same position."""
    terms = list(dict.fromkeys(t if case_sensitive else t.lower() for t in terms))
    out = {t: collections.Counter() for t in terms}
    if not terms:
        return out
    rx = re.compile(LEFT + "(?=(" + _trie_regex(terms) + ")" + RIGHT + ")")
    right = re.compile(RIGHT)
    prefixes = {t: [p for p in terms if p != t and t.startswith(p)] for t in terms}
    for ds, rows in postings.items():
        for r in rows:
            text = r["description"] if case_sensitive else r["description"].lower()
            found: set[str] = set()
            for m in rx.finditer(text):
                t = m.group(1)
                found.add(t)
                for p in prefixes[t]:
                    if p not in found and right.match(text, m.start() + len(p)):
                        found.add(p)
            for t in found:
                out[t][ds] += 1
    return out


# --------------------------------------------------------------------------- modes

SHORT = {
    "ai-engineering-field-guide": "afg",
    "remotewlb-remote-jobs": "rwlb",
    "linkedin-ca-ds-da-2018": "li",
    "glassdoor-ds-2020": "gd",
    "jsearch-ds-da-2025": "js",
}


def _fmt(c: collections.Counter) -> str:
    return f"{sum(c.values()):6d}  " + " ".join(f"{SHORT[d]}={c[d]}" for d in DATASETS if c[d])


def report_aliases(postings, skills, min_n: int) -> None:
    ci_terms = sorted({a.lower() for s in skills for a in s.get("aliases", [])})
    cs_terms = sorted({a for s in skills for a in s.get("case_sensitive", [])})
    ci = doc_freq(postings, ci_terms)
    cs = doc_freq(postings, cs_terms, case_sensitive=True)
    zero = []
    for s in skills:
        print(f"\n[{s['id']}] {s['name']}")
        for a in s.get("aliases", []):
            c = ci[a.lower()]
            print(f"   {a!r:45s} {_fmt(c)}")
            if not c:
                zero.append((s["id"], a))
        for a in s.get("case_sensitive", []):
            print(f"   {a!r:45s} {_fmt(cs[a])}  (case-sensitive)")
    print(f"\n{len(zero)} aliases never occur in the postings (fine for rare tools, but check for typos):")
    for sid, a in zero:
        print(f"   {sid}: {a}")


def _variants(alias: str) -> set[str]:
    a = alias.lower()
    v = {a.replace("-", " "), a.replace(" ", "-"), a.replace("-", ""), a.replace(" ", ""), a + "s"}
    if a.endswith("s"):
        v.add(a[:-1])
    if a.endswith(".js"):
        v |= {a[:-3] + "js", a[:-3]}
    elif a.endswith("js"):
        v.add(a[:-2] + ".js")
    for p in ("apache ", "aws ", "amazon ", "google ", "azure ", "microsoft ", "gcp "):
        if a.startswith(p):
            v.add(a[len(p) :])
        else:
            v.add(p + a)
    v.discard(a)
    return {x for x in v if len(x) > 2}


def report_variants(postings, skills, min_n: int) -> None:
    known = {a.lower(): s["id"] for s in skills for a in s.get("aliases", [])}
    known_cs = {a.lower() for s in skills for a in s.get("case_sensitive", [])}
    cand: dict[str, str] = {}
    for s in skills:
        for a in s.get("aliases", []):
            for v in _variants(a):
                if v not in known and v not in known_cs:
                    cand.setdefault(v, s["id"])
    freq = doc_freq(postings, sorted(cand))
    rows = sorted(((sum(c.values()), v) for v, c in freq.items() if sum(c.values()) >= min_n), reverse=True)
    print(f"variants of existing aliases that occur >= {min_n} times and are not aliases:")
    for _n, v in rows:
        print(f"   {v!r:45s} -> {cand[v]:28s} {_fmt(freq[v])}")


def _vocabulary(raw: Path) -> collections.Counter:
    vocab: collections.Counter = collections.Counter()
    for row in _read_jsonl(raw / "ai-engineering-field-guide" / "postings.jsonl"):
        vocab.update(t.lower() for t in row.get("skills") or [])
    for row in _read_jsonl(raw / "ai-engineering-field-guide" / "llm_labels.jsonl"):
        for group in (row.get("skills") or {}).values():
            vocab.update(t.lower() for t in group)
    with (raw / "onet-29.2" / "Technology Skills.txt").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["Hot Technology"] == "Y" or row["O*NET-SOC Code"].startswith(
                ("15-2051", "15-1221", "15-1252", "15-1243")
            ):
                vocab[row["Example"].lower()] += 1
    return vocab


def report_candidates(postings, skills, raw: Path, min_n: int) -> None:
    matcher = Matcher(skills)
    vocab = _vocabulary(raw)
    terms = [t for t in vocab if 2 < len(t) <= 40 and not matcher.skills_in(t)]
    freq = doc_freq(postings, terms)
    rows = sorted(((sum(c.values()), t) for t, c in freq.items() if sum(c.values()) >= min_n), reverse=True)
    print(f"vocabulary terms (tags / LLM skills / O*NET) not covered by any alias, >= {min_n} postings:")
    for _n, t in rows:
        print(f"   {t!r:45s} {_fmt(freq[t])}")


def report_contexts(postings, skills, alias: str, k: int = 12, width: int = 60, seed: int = 0) -> None:
    matcher = Matcher(skills)
    hits = []
    for ds, rows in postings.items():
        for r in rows:
            for sid, a, s, e in matcher.finditer(r["description"]):
                if a == alias or (
                    a.lower() == alias.lower() and alias not in matcher.cs and alias.lower() in matcher.ci
                ):
                    t = r["description"]
                    hits.append(
                        (
                            ds,
                            sid,
                            t[max(0, s - width) : s].replace("\n", " ")
                            + "[["
                            + t[s:e]
                            + "]]"
                            + t[e : e + width].replace("\n", " "),
                        )
                    )
    random.Random(seed).shuffle(hits)
    print(f"{alias!r}: {len(hits)} matches")
    for ds, sid, ctx in hits[:k]:
        print(f"   {SHORT[ds]:4s} {sid}: ...{ctx}...")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    ap.add_argument("--skills", type=Path, default=DEFAULT_SKILLS)
    ap.add_argument("--terms", nargs="*")
    ap.add_argument("--cs-terms", nargs="*")
    ap.add_argument("--variants", action="store_true")
    ap.add_argument("--candidates", action="store_true")
    ap.add_argument("--contexts", nargs="*")
    ap.add_argument("--k", type=int, default=12)
    ap.add_argument("--min", type=int, default=5)
    args = ap.parse_args(argv)

    postings = load_postings(args.raw)
    print("postings with a description: " + ", ".join(f"{d}={len(postings[d])}" for d in DATASETS))
    did = False
    if args.terms:
        for t, c in doc_freq(postings, args.terms).items():
            print(f"   {t!r:45s} {_fmt(c)}")
        did = True
    if args.cs_terms:
        for t, c in doc_freq(postings, args.cs_terms, case_sensitive=True).items():
            print(f"   {t!r:45s} {_fmt(c)}  (case-sensitive)")
        did = True
    if did and not (args.variants or args.candidates or args.contexts):
        return
    skills = load_skills(args.skills)
    if args.contexts:
        for a in args.contexts:
            report_contexts(postings, skills, a, k=args.k)
    if args.variants:
        report_variants(postings, skills, args.min)
    if args.candidates:
        report_candidates(postings, skills, args.raw, args.min)
    if not (args.contexts or args.variants or args.candidates):
        report_aliases(postings, skills, args.min)


if __name__ == "__main__":
    main()
