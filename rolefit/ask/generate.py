"""Optional generative answers from any OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM, hosted APIs).

The model sees only the retrieved passages and must cite them as [n]. Its answer is checked after
generation: every number must appear in a cited passage and every role it names must be named there too;
otherwise the answer is rejected and the extractive one stands. Configuration comes from the environment:
ROLEFIT_LLM_BASE_URL (e.g. http://localhost:11434/v1), ROLEFIT_LLM_MODEL, ROLEFIT_LLM_API_KEY.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from rolefit.ask.answer import numbers_supported
from rolefit.ask.retrieval import mentioned_roles

__all__ = ["LLMConfig", "generate_answer", "llm_config"]

SYSTEM_PROMPT = (
    "You answer questions about AI and data job roles using ONLY the numbered passages given. "
    "Cite every claim with its passage number in square brackets, like [1]. Copy numbers exactly as the passages "
    "write them. If the passages do not answer the question, reply exactly: NOT IN SOURCES"
)


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str | None
    timeout: float = 60.0


def llm_config() -> LLMConfig | None:
    base_url = os.environ.get("ROLEFIT_LLM_BASE_URL")
    if not base_url:
        return None
    return LLMConfig(
        base_url.rstrip("/"),
        os.environ.get("ROLEFIT_LLM_MODEL", "default"),
        os.environ.get("ROLEFIT_LLM_API_KEY"),
        float(os.environ.get("ROLEFIT_LLM_TIMEOUT", "60")),
    )


def _chat(config: LLMConfig, messages: list[dict[str, str]]) -> str:
    body = json.dumps({"model": config.model, "messages": messages, "temperature": 0}).encode()
    request = urllib.request.Request(
        f"{config.base_url}/chat/completions",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}),
        },
    )
    with urllib.request.urlopen(request, timeout=config.timeout) as response:
        payload = json.loads(response.read().decode("utf-8"))
    return str(payload["choices"][0]["message"]["content"]).strip()


def _check(answer: str, citations: list[dict[str, Any]]) -> str | None:
    """Why the generated answer cannot be trusted, or None."""
    cited_numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer)}
    if not cited_numbers:
        return "it cites no passage"
    if any(not 1 <= n <= len(citations) for n in cited_numbers):
        return "it cites a passage it was not given"
    cited = [citations[n - 1] for n in sorted(cited_numbers)]
    if not numbers_supported(answer, cited):
        return "it states a number that no cited passage contains"
    cited_text = " ".join(c["text"] for c in cited)
    missing = set(mentioned_roles(answer)) - set(mentioned_roles(cited_text))
    if missing:
        return f"it makes claims about {', '.join(sorted(missing))} that no cited passage supports"
    return None


def generate_answer(question: str, extractive: dict[str, Any], config: LLMConfig) -> dict[str, Any]:
    """The checked generative answer, or the extractive one with the reason generation was not used."""
    citations = extractive["citations"]
    if extractive["abstained"] or not citations:
        return extractive
    passages = "\n\n".join(f"[{n}] {c['text']}" for n, c in enumerate(citations, 1))
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Passages:\n{passages}\n\nQuestion: {question}"},
    ]
    try:
        answer = _chat(config, messages)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError) as exc:
        return {**extractive, "generation": {"used": False, "reason": f"the model endpoint failed ({exc})"}}
    if "NOT IN SOURCES" in answer:
        return {**extractive, "generation": {"used": False, "reason": "the model found no answer in the passages"}}
    problem = _check(answer, citations)
    if problem:
        return {**extractive, "generation": {"used": False, "reason": f"generated answer rejected: {problem}"}}
    return {**extractive, "answer": answer, "generation": {"used": True, "model": config.model}}
