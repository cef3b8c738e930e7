"""How much of the real postings the skill taxonomy covers, and where its aliases misfire.

Loads rolefit/data/skills.yaml, builds one case-insensitive whole-word regex of all
aliases plus one exact-case regex of the `case_sensitive` forms (the matcher in
bench/taxonomy_alias_scan.py), runs it over the description of every posting in the
five postings datasets (empty descriptions skipped), and prints:

  * the share of postings with at least one skill found, per dataset and overall
    (raw rows, and after de-duplicating identical descriptions);
  * the 30 most frequent skills (postings that mention them);
  * random match contexts of the short / ambiguous aliases, to spot false positives;
  * a few postings with no skill at all.

Usage:  .venv/bin/python bench/taxonomy_coverage.py [--raw ../shared/data/raw] [--samples 4] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from taxonomy_alias_scan import DATASETS, DEFAULT_RAW, DEFAULT_SKILLS, Matcher, load_postings, load_skills  # noqa: E402

# Aliases worth eyeballing: every case-sensitive form, plus lowercase aliases that are
# short or double as ordinary words.
AMBIGUOUS_CI = [
    "api",
    "apis",
    "ml",
    "js",
    "etl",
    "sas",
    "go",
    "gcp",
    "aws",
    "azure",
    "spark",
    "looker",
    "scala",
    "excel",
    "communication",
    "stakeholders",
    "collaboration",
    "analytical",
    "statistical",
    "regression",
    "forecasting",
    "experiments",
    "simulation",
    "transformers",
    "transformer",
    "latency",
    "infrastructure",
    "containers",
    "documentation",
    "debugging",
    "coaching",
    "mentor",
    "english",
    "spanish",
    "french",
    "german",
    "gaming",
    "retail",
    "healthcare",
    "clinical",
    "trading",
    "payments",
    "government",
    "defense",
    "saas",
    "b2b",
    "crm",
    "sap",
    "erp",
    "sso",
    "iam",
    "dns",
    "http",
    "soap",
    "hive",
    "tracing",
    "logging",
    "alerting",
    "caching",
    "cache",
    "agile",
    "lean",
    "roadmap",
    "roadmaps",
    "presentation",
    "presentations",
    "ownership",
    "proactive",
    "curious",
    "ambiguity",
    "judgement",
    "trade-offs",
    "gpu",
    "gpus",
    "hpc",
    "ros",
    "lidar",
    "ocr",
    "asr",
    "tts",
    "ner",
    "lda",
    "bert",
    "t5",
    "gpt",
    "claude",
    "gemini",
    "llama",
    "mistral",
    "copilot",
    "whisper",
    "vertex",
    "dataflow",
    "data factory",
    "flask",
    "django",
    "angular",
    "vue",
    "ruby",
    "rust",
    "kotlin",
    "dart",
    "perl",
    "bigquery",
    "snowflake",
    "redshift",
    "presto",
    "druid",
    "spanner",
    "cassandra",
    "elasticsearch",
    "consul",
    "envoy",
    "kong",
    "sentry",
    "loki",
    "prometheus",
    "jenkins",
    "terraform",
    "helm charts",
    "ci/cd",
    "devops",
    "sre",
    "on-call",
    "rds",
    "ecs",
    "s3",
    "ec2",
    "adf",
    "oci",
    "apim",
    "kms",
    "emr",
    "ehr",
    "phi",
    "pci",
    "sox",
    "aml",
    "kyc",
    "quant",
    "fraud detection",
    "pii",
    "dod",
    "gis",
    "iot",
    "edge computing",
    "seo",
    "mdm",
    "dba",
    "orm",
    "dag",
    "cron",
    "eda",
    "ols",
    "glm",
    "lasso",
    "anova",
    "doe",
    "mmm",
    "ltv",
    "clv",
    "rfm",
    "kpi",
    "kpis",
    "okrs",
    "sme",
    "smes",
    "roi",
    "p&l",
    "wpf",
    "mui",
    "npm",
    "yarn",
    "vite",
    "babel",
    "remix",
    "deno",
    "koa",
    "hapi",
    "ajax",
    "rpc",
    "sse",
    "stt",
    "nlu",
    "nlg",
    "vlm",
    "sft",
    "dpo",
    "peft",
    "lora",
    "rag pipelines",
    "evals",
    "eval",
    "prompts",
    "prompting",
    "agentic",
    "multimodal",
    "embedding",
    "embeddings",
    "inference serving",
    "hallucinations",
    "annotation",
    "quantization",
    "pruning",
    "distillation",
    "clustering",
    "personalization",
    "bandits",
    "ranking models",
    "notebooks",
    "colab",
    "torch",
    "flux models",
    "arrow",
    "orc",
    "avro",
    "scraping",
    "crawling",
    "preprocessing",
    "clean data",
    "data management",
    "data processing",
    "elt",
    "dbt",
    "airflow",
    "prefect",
    "luigi",
    "dask",
    "ray",
    "storm",
    "kinesis",
    "sns",
    "sqs",
    "nats",
    "pubsub",
    "electron",
]


def _context(text: str, s: int, e: int, width: int = 70) -> str:
    left = text[max(0, s - width) : s].replace("\n", " ")
    right = text[e : e + width].replace("\n", " ")
    return f"...{left}[[{text[s:e]}]]{right}..."


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    ap.add_argument("--skills", type=Path, default=DEFAULT_SKILLS)
    ap.add_argument("--samples", type=int, default=4, help="random contexts per ambiguous alias")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument(
        "--aliases",
        nargs="*",
        help="only show contexts for these aliases (default: built-in list + all case-sensitive)",
    )
    args = ap.parse_args(argv)

    skills = load_skills(args.skills)
    names = {s["id"]: s["name"] for s in skills}
    matcher = Matcher(skills)
    postings = load_postings(args.raw)
    rng = random.Random(args.seed)

    watch = set(args.aliases) if args.aliases else set(AMBIGUOUS_CI) | set(matcher.cs)
    watch_ci = {a.lower() for a in watch if a not in matcher.cs}
    watch_cs = {a for a in watch if a in matcher.cs}
    contexts: dict[str, list[str]] = collections.defaultdict(list)  # alias -> contexts (reservoir)
    seen_counts: collections.Counter = collections.Counter()

    categories = {s["id"]: s["category"] for s in skills}
    non_technical = {"soft-skill", "domain"}
    tech_hits: collections.Counter = collections.Counter()  # postings with >= 1 technical skill
    skill_docs: collections.Counter = collections.Counter()
    per_ds: dict[str, list[int]] = {}
    per_ds_dedup: dict[str, list[int]] = {}
    n_skills_per_doc: list[int] = []
    uncovered: list[tuple[str, dict]] = []
    seen_desc: set[str] = set()

    for ds in DATASETS:
        hit = total = hit_d = total_d = 0
        for row in postings[ds]:
            text = row["description"]
            found = set()
            for sid, matched, s, e in matcher.finditer(text):
                found.add(sid)
                key = matched if matched in watch_cs else matched.lower()
                if key in watch_cs or key in watch_ci:
                    seen_counts[key] += 1
                    k = seen_counts[key]
                    ctx = f"{ds[:4]} {sid}: {_context(text, s, e)}"
                    if len(contexts[key]) < args.samples:
                        contexts[key].append(ctx)
                    elif rng.random() < args.samples / k:
                        contexts[key][rng.randrange(args.samples)] = ctx
            total += 1
            hit += bool(found)
            skill_docs.update(found)
            tech_hits[ds] += any(categories[sid] not in non_technical for sid in found)
            n_skills_per_doc.append(len(found))
            if not found:
                uncovered.append((ds, row))
            key = " ".join(text.split()).lower()
            if key not in seen_desc:
                seen_desc.add(key)
                total_d += 1
                hit_d += bool(found)
        per_ds[ds] = [hit, total]
        per_ds_dedup[ds] = [hit_d, total_d]

    print(
        f"taxonomy: {len(skills)} skills, {len(matcher.ci)} case-insensitive aliases, {len(matcher.cs)} case-sensitive forms\n"
    )
    print(f"{'dataset':32s} {'postings':>9s} {'with skill':>11s} {'share':>7s}   {'dedup':>7s} {'share':>7s}")
    for ds in DATASETS:
        h, t = per_ds[ds]
        hd, td = per_ds_dedup[ds]
        print(f"{ds:32s} {t:9d} {h:11d} {h / max(t, 1):7.1%}   {td:7d} {hd / max(td, 1):7.1%}")
    H = sum(v[0] for v in per_ds.values())
    N = sum(v[1] for v in per_ds.values())
    Hd = sum(v[0] for v in per_ds_dedup.values())
    Nd = sum(v[1] for v in per_ds_dedup.values())
    print(f"{'OVERALL':32s} {N:9d} {H:11d} {H / N:7.1%}   {Nd:7d} {Hd / Nd:7.1%}")
    print(
        "\nwith at least one technical skill (ignoring soft-skill and domain categories): "
        + ", ".join(f"{ds}={tech_hits[ds] / max(per_ds[ds][1], 1):.1%}" for ds in DATASETS)
        + f", overall={sum(tech_hits.values()) / N:.1%}"
    )
    med = sorted(n_skills_per_doc)[len(n_skills_per_doc) // 2]
    print(f"median distinct skills per posting: {med}")

    print(f"\ntop {args.top} skills (postings mentioning them, all datasets):")
    for sid, n in skill_docs.most_common(args.top):
        print(f"   {n:6d} {n / N:6.1%}  {sid:28s} {names[sid]}")
    unused = [s["id"] for s in skills if not skill_docs[s["id"]]]
    print(f"\nskills never found ({len(unused)}): {', '.join(unused)}")

    print(f"\nrandom contexts of short / ambiguous aliases ({args.samples} each, seed {args.seed}):")
    for key in sorted(contexts, key=lambda k: -seen_counts[k]):
        print(f"  {key!r} ({seen_counts[key]} matches)")
        for ctx in contexts[key]:
            print(f"      {ctx}")

    shipped_extractor_coverage()

    print(f"\npostings with no skill found: {len(uncovered)}; a sample:")
    for ds, row in rng.sample(uncovered, min(8, len(uncovered))):
        print(f"   [{ds}] {row['title'][:70]!r}: {' '.join(row['description'].split())[:220]}")


def shipped_extractor_coverage() -> None:
    """The same question asked of the extractor the package ships (rolefit.text.skills), deduplicated postings."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.common import shared_dir, write_result
    from rolefit.models.corpus import dedupe, iter_corpus
    from rolefit.text.skills import default_extractor

    extractor = default_extractor()
    total = found = 0
    for posting in dedupe(iter_corpus(shared_dir() / "data")):
        if posting.description.strip():
            total += 1
            found += bool(extractor.find(posting.description))
    print(f"\nrolefit's shipped extractor: {found}/{total} deduplicated postings ({found / total:.1%}) with a skill")
    write_result("taxonomy_coverage", {"postings": total, "with_a_skill": found, "share": found / total})


if __name__ == "__main__":
    main()
