"""The role classifier: TF-IDF over the job's own text plus skill tokens, a
linear model, and a temperature fitted on held-out data for calibration.

Follows scikit-learn's estimator contract (``fit`` returns self, learned
state ends in ``_``, ``predict_proba`` columns follow ``classes_``).
scikit-learn is imported inside methods so ``import rolefit`` stays light.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rolefit.knowledge.models import LABELS

if TYPE_CHECKING:
    from rolefit.text.posting import PostingReading

__all__ = ["LinearRoleModel", "RoleClassifier", "feature_document", "reading_document", "tfidf_matrix"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
# scikit-learn's default token pattern and a faster one finding the same tokens: findall tries `\w\w+` first at a run's
# first word character and takes the whole run, so every match starts and ends at a word boundary anyway and the
# \b checks never reject one (~25% less time in the classifier's tokenising).
_WORD_TOKENS = r"\w\w+"
_SAME_TOKENS = {r"(?u)\b\w\w+\b": _WORD_TOKENS}


def feature_document(job_text: str, required: Sequence[str], optional: Sequence[str] = ()) -> str:
    """What the model reads: the job's text, then one token per skill (required ones twice)."""
    tokens = [_skill_token(s) for s in required] * 2
    tokens += [_skill_token(s) for s in optional]
    return job_text + "\n" + " ".join(tokens)


@cache
def _skill_token(skill_id: str) -> str:
    """A skill's token ("sk_scikit_learn"); cached, as every posting names the same few hundred skills."""
    return f"sk_{_NON_WORD.sub('_', skill_id)}"


def reading_document(reading: PostingReading) -> str:
    """The model's input for a posting already read (training, evaluation and analysis all use this)."""
    return feature_document(
        reading.job_text,
        [s.id for s in reading.skills if s.required],
        [s.id for s in reading.skills if not s.required],
    )


def reading_terms(reading: PostingReading) -> Counter[str] | None:
    """What ``\\w\\w+`` finds in ``reading_document(reading).lower()``, counted, from the words the skill tokenizer
    already found (tokenizing again was ~3% of analyze's time); None where they could differ. They are the same runs
    of letters and digits unless the text holds "_" (a word character to ``\\w``, a separator to the tokenizer), "İ"
    (lowercases to two characters, the second no word character) or "Σ" (lowercased by its neighbours, which the
    tokenizer's words lack). A word's trailing "+"/"#" ("C++", "5+") is no word character: dropped. One-character
    words are counted too, and dropped with every other term outside the vocabulary."""
    words = reading.job_words
    text = reading.job_text
    if words is None or "_" in text or "İ" in text or "Σ" in text:
        return None
    if "+" in words or "#" in words:
        words = words.replace("+", "").replace("#", "")
    counts = Counter(words.split("\n")) if words else Counter()
    required = [_skill_token(s.id) for s in reading.skills if s.required]
    counts.update(required * 2 + [_skill_token(s.id) for s in reading.skills if not s.required])
    return counts


def tfidf_matrix(
    documents: Sequence[str | Counter[str]],
    vocabulary: dict[str, int],
    token: re.Pattern[str],
    idf: np.ndarray,
    sublinear: bool,
) -> Any:
    """scikit-learn's TF-IDF transform (lowercase, token regex, optional 1 + log tf, idf, L2 norm), counted with
    ``collections.Counter`` (C) instead of its per-token Python loop: about twice as fast. A document may come as
    its tokens already counted (a Counter, in the order the tokens first appear)."""
    from scipy.sparse import csr_matrix

    findall, lookup = token.findall, vocabulary.get
    column_parts: list[np.ndarray] = []
    value_parts: list[np.ndarray] = []
    indptr = [0]
    for document in documents:
        counts = document if isinstance(document, Counter) else Counter(findall(document.lower()))
        # map() over dict.get and np.fromiter keep the per-term work in C; -1 marks terms outside the vocabulary.
        columns = np.fromiter(map(lookup, counts, repeat(-1)), dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        known = columns >= 0
        column_parts.append(columns[known])
        value_parts.append(values[known])
        indptr.append(indptr[-1] + int(known.sum()))
    empty_columns, empty_values = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    matrix = csr_matrix(
        (
            np.concatenate(value_parts) if value_parts else empty_values,
            np.concatenate(column_parts) if column_parts else empty_columns,
            np.asarray(indptr),
        ),
        shape=(len(documents), len(idf)),
    )
    if sublinear:
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1.0
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    matrix.sort_indices()
    return matrix


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


class RoleClassifier:
    """Probabilities over the seven labels of INTERFACES.md, calibrated by temperature."""

    def __init__(self, C: float = 16.0, max_features: int = 150_000, min_df: int = 2, random_state: int = 0) -> None:
        self.C = C
        self.max_features = max_features
        self.min_df = min_df
        self.random_state = random_state

    def _new_pipeline(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        return make_pipeline(
            TfidfVectorizer(
                lowercase=True,
                sublinear_tf=True,
                ngram_range=(1, 1),
                min_df=self.min_df,
                max_features=self.max_features,
                dtype=np.float32,
            ),
            LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced", random_state=self.random_state),
        )

    def fit(
        self,
        documents: Sequence[str],
        labels: Sequence[str],
        sample_weight: Sequence[float] | None = None,
        calibration: tuple[Sequence[str], Sequence[str]] | None = None,
    ) -> RoleClassifier:
        """Fit on (documents, labels); fit the temperature on `calibration` (held-out) data if given."""
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown labels {sorted(unknown)}")
        self.pipeline_ = self._new_pipeline()
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.pipeline_.fit(list(documents), list(labels), logisticregression__sample_weight=weights)
        self.classes_ = np.array(LABELS)
        self.temperature_ = 1.0
        if calibration is not None:
            self.temperature_ = self._fit_temperature(*calibration)
        return self

    def export(self) -> LinearRoleModel:
        """The fitted model as plain arrays: what ships, loadable and usable without scikit-learn."""
        vectorizer, regression = self.pipeline_[0], self.pipeline_[-1]
        if regression.coef_.shape[0] != len(regression.classes_):
            raise ValueError("export needs a multinomial model over at least three labels")
        coef = np.zeros((len(LABELS), len(vectorizer.idf_)), dtype=np.float32)
        intercept = np.full(len(LABELS), -20.0)  # a label absent from training is never chosen
        for row, label in enumerate(regression.classes_):
            coef[LABELS.index(label)] = regression.coef_[row]
            intercept[LABELS.index(label)] = regression.intercept_[row]
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        return LinearRoleModel(
            terms=terms,
            idf=vectorizer.idf_.astype(np.float32),
            token_pattern=vectorizer.token_pattern,
            sublinear_tf=bool(vectorizer.sublinear_tf),
            coef=coef,
            intercept=intercept,
            temperature=float(self.temperature_),
        )

    def logits(self, documents: Sequence[str]) -> np.ndarray:
        """Uncalibrated scores, one column per label in LABELS order (scikit-learn's own; the shipped
        LinearRoleModel reproduces them faster)."""
        model = self.pipeline_
        scores = model.decision_function(list(documents))
        # Columns in the fixed LABELS order; a label absent from training gets a very low score.
        out = np.full((len(documents), len(LABELS)), -20.0, dtype=float)
        for column, label in enumerate(model.classes_):
            out[:, LABELS.index(label)] = scores[:, column]
        return out

    def _fit_temperature(self, documents: Sequence[str], labels: Sequence[str]) -> float:
        return self.fit_temperature(self.logits(documents), labels)

    @staticmethod
    def fit_temperature(logits: np.ndarray, labels: Sequence[str]) -> float:
        """The temperature that minimises the log-loss of softmax(logits / T) on held-out labels."""
        target = np.array([LABELS.index(label) for label in labels])
        best, best_loss = 1.0, float("inf")
        for temperature in np.exp(np.linspace(np.log(0.2), np.log(5.0), 61)):
            probs = _softmax(logits / temperature)
            loss = -np.log(probs[np.arange(len(target)), target] + 1e-12).mean()
            if loss < best_loss:
                best, best_loss = float(temperature), loss
        return best

    def predict_proba(self, documents: Sequence[str]) -> np.ndarray:
        return _softmax(self.logits(documents) / self.temperature_)

    def predict(self, documents: Sequence[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(documents).argmax(axis=1)]


class LinearRoleModel:
    """The shipped classifier as arrays: vocabulary, idf, weights, temperature. Loading it imports no scikit-learn
    (about 2 s less start-up for a one-posting `analyze`) and no pickle (no version lock on scikit-learn)."""

    def __init__(
        self,
        terms: list[str],
        idf: np.ndarray,
        token_pattern: str,
        sublinear_tf: bool,
        coef: np.ndarray,
        intercept: np.ndarray,
        temperature: float,
    ) -> None:
        self.terms = terms
        self.vocabulary = {term: column for column, term in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.token_pattern = token_pattern
        self.token = re.compile(_SAME_TOKENS.get(token_pattern, token_pattern))
        self.sublinear_tf = sublinear_tf
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=float)
        self.temperature_ = temperature
        self.classes_ = np.array(LABELS)

    def logits(self, documents: Sequence[str | Counter[str]]) -> np.ndarray:
        """Uncalibrated scores, one column per label in LABELS order."""
        matrix = tfidf_matrix(documents, self.vocabulary, self.token, self.idf, self.sublinear_tf)
        return np.asarray(matrix @ self.coef.T, dtype=float) + self.intercept

    def predict_proba(self, documents: Sequence[str | Counter[str]]) -> np.ndarray:
        return _softmax(self.logits(documents) / self.temperature_)

    def predict(self, documents: Sequence[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(documents).argmax(axis=1)]

    def predict_proba_readings(self, readings: Sequence[PostingReading]) -> np.ndarray:
        """``predict_proba`` of the readings' documents, counting terms from the words already found where
        ``reading_terms`` can (with the default token pattern only)."""
        reuse = self.token.pattern == _WORD_TOKENS
        documents: list[str | Counter[str]] = []
        for reading in readings:
            terms = reading_terms(reading) if reuse else None
            documents.append(reading_document(reading) if terms is None else terms)
        return self.predict_proba(documents)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            folder / WEIGHTS_FILE,
            idf=self.idf,
            coef=self.coef,
            intercept=self.intercept,
            temperature=np.array(self.temperature_),
            sublinear_tf=np.array(self.sublinear_tf),
            token_pattern=np.array(self.token_pattern),
            labels=np.array(LABELS),
        )
        (folder / TERMS_FILE).write_text("\n".join(self.terms) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LinearRoleModel:
        with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as arrays:
            if list(arrays["labels"]) != list(LABELS):
                raise ValueError(f"the model's labels {list(arrays['labels'])} are not {list(LABELS)}")
            terms = (folder / TERMS_FILE).read_text(encoding="utf-8").split("\n")[:-1]
            return cls(
                terms=terms,
                idf=arrays["idf"],
                token_pattern=str(arrays["token_pattern"]),
                sublinear_tf=bool(arrays["sublinear_tf"]),
                coef=arrays["coef"],
                intercept=arrays["intercept"],
                temperature=float(arrays["temperature"]),
            )


WEIGHTS_FILE = "role_classifier.npz"
TERMS_FILE = "role_classifier.terms.txt"
