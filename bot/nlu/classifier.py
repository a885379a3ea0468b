"""A linear text classifier over character n-grams, trained from the intents data.

Features are character n-grams of the normalised words, of their Latin transliteration
(so "rebenok plachet" meets "ребенок плачет"), and whole words. One-vs-rest logistic
regression (scikit-learn) gives an independent probability per label, which makes
multi-label needs possible from single-label examples. Training is deterministic; the
weights are cached as a `.npz` file, and prediction needs only numpy.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.nlu.message import Message

NGRAM_SIZES = (2, 3, 4, 5)
MIN_COUNT = 2
FEATURE_VERSION = "f4"  # change when features or training change (shipped models retrain)


def features(message: Message) -> list[str]:
    """The feature strings of a message (duplicates kept: they count)."""
    out = [f"w:{w}" for w in message.words]
    out.extend(_char_ngrams(message.norm))
    if message.script not in (None, "latin"):
        out.extend(f"t{g}" for g in _char_ngrams(message.latin))
    return out


def _char_ngrams(norm: str) -> list[str]:
    grams: list[str] = []
    for word in norm.split():
        padded = f" {word} "
        for size in NGRAM_SIZES:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


@dataclass
class LinearModel:
    """Vocabulary, weights (labels × features) and biases of a one-vs-rest model."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: npt.NDArray[np.float32]
    biases: npt.NDArray[np.float32]

    def scores(self, message: Message) -> dict[str, float]:
        """The probability of every label for a message (independent, one-vs-rest)."""
        counts: dict[int, int] = {}
        for feature in features(message):
            index = self.vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        logits = self.biases.astype(np.float64)
        if counts:
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = np.log1p(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            values /= math.sqrt(float((values**2).sum()))
            logits = logits + self.weights[:, idx].astype(np.float64) @ values
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return dict(zip(self.labels, probabilities.tolist(), strict=True))

    def known_share(self, message: Message) -> float:
        """The share of the message's words the model saw in training (0 for no words)."""
        words = message.words
        if not words:
            return 0.0
        return sum(1 for w in words if f"w:{w}" in self.vocabulary) / len(words)

    def save(self, path: Path, compact: bool = False) -> None:
        """Write the model as a numpy archive (`compact`: half-precision weights).

        Not compressed: a start reads it twice as fast (50 ms instead of 105 ms).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(
            tmp,
            labels=np.array(self.labels),
            # one UTF-8 buffer, NUL between the words: reads ~10x faster than a string array
            vocabulary_utf8=np.frombuffer("\0".join(words).encode(), dtype=np.uint8),
            weights=self.weights.astype(np.float16) if compact else self.weights,
            biases=self.biases,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by `save`."""
        with np.load(path, allow_pickle=False) as archive:
            if "vocabulary_utf8" in archive.files:
                words = archive["vocabulary_utf8"].tobytes().decode().split("\0")
            else:  # written before the buffer
                words = archive["vocabulary"].tolist()
            return cls(
                labels=tuple(archive["labels"].tolist()),
                vocabulary=dict(zip(words, range(len(words)), strict=True)),
                weights=archive["weights"].astype(np.float32),
                biases=archive["biases"].astype(np.float32),
            )


def train(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    regularisation: float = 30.0,
    balanced: Collection[str] = (),
) -> LinearModel:
    """Fit one logistic regression per label (multi-label); deterministic for the same data.

    A `balanced` label weighs its few examples as much as all the others together: its
    score rises on messages only like its examples, where a plain fit would stay low.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    counted: dict[str, int] = {}
    messages = [Message.of(text) for text in texts]
    for message in messages:
        for feature in set(features(message)):
            counted[feature] = counted.get(feature, 0) + 1
    vocabulary = {
        f: i for i, f in enumerate(sorted(f for f, n in counted.items() if n >= MIN_COUNT))
    }
    rows, cols, values = [], [], []
    for row, message in enumerate(messages):
        counts: dict[int, int] = {}
        for feature in features(message):
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        norm = math.sqrt(sum(math.log1p(c) ** 2 for c in counts.values())) or 1.0
        for index, count in counts.items():
            rows.append(row)
            cols.append(index)
            values.append(math.log1p(count) / norm)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)))
    label_names = tuple(sorted({label for group in labels for label in group}))
    target = np.zeros((len(texts), len(label_names)), dtype=np.int8)
    for row, group in enumerate(labels):
        for label in group:
            target[row, label_names.index(label)] = 1
    model = OneVsRestClassifier(
        LogisticRegression(C=regularisation, solver="liblinear", max_iter=1000)
    )
    model.fit(matrix, target)
    estimators = list(model.estimators_)
    for label in balanced:
        if label in label_names:
            column = label_names.index(label)
            estimators[column] = LogisticRegression(
                C=regularisation, solver="liblinear", max_iter=1000, class_weight="balanced"
            ).fit(matrix, target[:, column])
    weights = np.vstack([est.coef_[0] for est in estimators]).astype(np.float32)
    biases = np.array([est.intercept_[0] for est in estimators], dtype=np.float32)
    return LinearModel(label_names, vocabulary, weights, biases)
