"""Fine-tune a compact cross-encoder for the answer memory's guard (MiniLM-L6, split at a layer).

    python benchmarks/train_cross.py --pairs 3000 --epochs 1 --lr 1e-4 --save benchmarks/out/cross/run2.pt
    python benchmarks/train_cross.py --cost 200     # time the int8 runtime it would need at lookup

An experiment, not wired into the memory: trained on 3,000 QQP train pairs it
lost to the current guard on the calibration parts by a wide margin, and more
training does not fit these CPUs (``benchmarks/notes/memory.md``, session 8).

A full cross-encoder reads the two questions as one sequence through every layer;
on these CPUs fine-tuning all of MiniLM-L6 costs ~360 ms per training pair under
load (the 30k x 384 embedding table alone is updated by AdamW at every step). So
the model is split at layer ``k`` (after DeFormer, Cao et al. 2020 and PreTTR,
MacAvaney et al. 2020): the embeddings and layers ``0 .. k-1`` stay frozen and read
each question alone (computed once per distinct text; at lookup once per question,
and they are the bundled model's own layers, so nothing of them would ship); layers
``k .. 5`` are fine-tuned on the two questions' states concatenated, so every
token of one attends to every token of the other there. A learned vector marks the
second question's tokens (its positions restart at 0), and a linear head over the
joint output's first token and mean gives the log-odds of "same meaning".

Data: the QQP *train* part only (``pair_data.py``'s fixed split), pairs at cosine
>= 0.70 (the memory's candidate floor, by the memory's own ``minilm-onnx`` vectors),
each fed in both orders; a fixed 10% of the train part (by hash, as
``train_guard.py``'s inner validation) gives a held-out AUC after each epoch.
Evaluated on the *calibration* parts (never the test parts), beside the current
guard: AUC over the pairs the memory would score (cosine >= floor), hits at 0.5 /
1 / 2 / 5% empirical false hits (rates over all pairs of a label, as the bench).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
import warnings
from collections import OrderedDict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pair_data import OUT, all_pairs, embed_texts  # noqa: E402

from reasoner.errors import ModelError  # noqa: E402
from reasoner.logs import quiet  # noqa: E402
from reasoner.retrieval.embedder import minilm_path  # noqa: E402

CROSS_OUT = OUT.parent / "cross"
SPLIT = 3  # layers 0..SPLIT-1 read each question alone
MAX_TOKENS = 32  # per question, [CLS] and [SEP] included: 64 for the pair
FLOOR = 0.70


def inner(p) -> bool:
    """``train_guard.inner_validation``'s fixed 10% of the train part."""
    return int(hashlib.sha256(f"inner|{p.a}|{p.b}".encode()).hexdigest()[:8], 16) % 10 == 0


# ---------------------------------------------------------------- frozen bottom


def load_bert():
    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    return AutoModel.from_pretrained(minilm_path(), local_files_only=True).eval()


def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(minilm_path()) / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def text_states(texts: list[str], split: int, folder: Path = CROSS_OUT, log: bool = True) -> dict:
    """text -> the layer-``split`` input states of ``text`` alone ((n, 384) float16), cached in chunks.

    The bundled model's embeddings and first ``split`` layers in torch fp32, 64 texts a batch
    sorted by length (padding is masked, so a text's states do not depend on its batch).
    """
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    have: dict = {}
    for path in sorted(folder.glob(f"states{split}-*.npz")):
        z = np.load(path, allow_pickle=True)
        texts_, states_ = z["texts"], z["states"]  # each z[...] reads the file again: once
        offs = np.concatenate([[0], np.cumsum(z["lengths"])])
        for i, t in enumerate(texts_):
            have[str(t)] = states_[offs[i] : offs[i + 1]]
    missing = sorted({t for t in texts if t not in have})
    if not missing:
        return have
    bert, tok = load_bert(), tokenizer()
    bert.encoder.layer = bert.encoder.layer[:split]  # the bottom only
    started = time.perf_counter()
    missing.sort(key=lambda t: len(tok.encode(t or " ").ids))
    for c in range(0, len(missing), 4000):
        chunk = missing[c : c + 4000]
        states, lengths = [], []
        for i in range(0, len(chunk), 64):
            encs = tok.encode_batch([t or " " for t in chunk[i : i + 64]])
            n = max(len(e.ids) for e in encs)
            ids = torch.tensor([e.ids + [0] * (n - len(e.ids)) for e in encs])
            mask = torch.tensor([[1] * len(e.ids) + [0] * (n - len(e.ids)) for e in encs])
            with torch.no_grad():
                hid = bert(input_ids=ids, attention_mask=mask).last_hidden_state
            for j, e in enumerate(encs):
                states.append(hid[j, : len(e.ids)].numpy().astype(np.float16))
                lengths.append(len(e.ids))
        name = hashlib.sha256("\n".join(chunk).encode()).hexdigest()[:16]
        np.savez(folder / f"states{split}-{name}.npz", texts=np.array(chunk, dtype=object),
                 states=np.concatenate(states), lengths=np.array(lengths))  # fmt: skip
        for t, st in zip(chunk, states, strict=True):
            have[t] = st
        if log:
            print(
                f"  states {c + len(chunk)}/{len(missing)} texts ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    return have


# ---------------------------------------------------------------- trainable top


def build_top(bert, split: int):
    """Layers ``split..5`` of MiniLM as a plain torch module (explicit ops: exports cleanly to ONNX)."""
    import torch
    from torch import nn

    cfg = bert.config

    class Layer(nn.Module):
        def __init__(self, src) -> None:
            super().__init__()
            self.heads, self.dim = cfg.num_attention_heads, cfg.hidden_size // cfg.num_attention_heads
            att = src.attention
            self.q, self.k, self.v = att.self.query, att.self.key, att.self.value
            self.o, self.ln1 = att.output.dense, att.output.LayerNorm
            self.up, self.down, self.ln2 = src.intermediate.dense, src.output.dense, src.output.LayerNorm

        def forward(self, h, bias):  # h (b, n, d); bias (b, 1, 1, n) additive
            b, n, d = h.shape

            def split_heads(x):
                return x.view(b, n, self.heads, self.dim).transpose(1, 2)

            q, k, v = split_heads(self.q(h)), split_heads(self.k(h)), split_heads(self.v(h))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.dim) + bias, dim=-1)
            ctx = (att @ v).transpose(1, 2).reshape(b, n, d)
            h = self.ln1(self.o(ctx) + h)
            return self.ln2(self.down(nn.functional.gelu(self.up(h))) + h)

    class Top(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            import copy

            self.layers = nn.ModuleList(
                [Layer(copy.deepcopy(bert.encoder.layer[i])) for i in range(split, cfg.num_hidden_layers)]
            )
            self.segment = nn.Parameter(torch.zeros(cfg.hidden_size))
            self.head = nn.Linear(2 * cfg.hidden_size, 1)
            nn.init.normal_(self.head.weight, std=0.02)
            nn.init.zeros_(self.head.bias)

        def forward(
            self, h, mask, second
        ):  # h (b, n, d); mask (b, n) 1/0; second (b, n) 1 on the asked tokens
            h = h + second.unsqueeze(-1) * self.segment
            bias = (1.0 - mask)[:, None, None, :] * -10000.0
            for layer in self.layers:
                h = layer(h, bias)
            mean = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
            return self.head(torch.cat([h[:, 0], mean], dim=-1)).squeeze(-1)

    return Top()


def joint(states: dict, pairs: list[tuple[str, str]]):
    """Batch tensors for (stored, asked) pairs: stored's states, then asked's without its [CLS]."""
    import torch

    seqs = [np.concatenate([states[a], states[b][1:]]).astype(np.float32) for a, b in pairs]
    firsts = [len(states[a]) for a, _ in pairs]
    n = max(len(s) for s in seqs)
    h = np.zeros((len(seqs), n, seqs[0].shape[1]), np.float32)
    mask = np.zeros((len(seqs), n), np.float32)
    second = np.zeros((len(seqs), n), np.float32)
    for i, (s, f) in enumerate(zip(seqs, firsts, strict=True)):
        h[i, : len(s)] = s
        mask[i, : len(s)] = 1
        second[i, f : len(s)] = 1
    return torch.tensor(h), torch.tensor(mask), torch.tensor(second)


def predict(top, states: dict, pairs: list[tuple[str, str]], batch: int = 64) -> np.ndarray:
    import torch

    top.eval()
    order = sorted(range(len(pairs)), key=lambda i: len(states[pairs[i][0]]) + len(states[pairs[i][1]]))
    out = np.zeros(len(pairs), np.float32)
    with torch.no_grad():
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            out[idx] = top(*joint(states, [pairs[j] for j in idx])).numpy()
    return out


def batches(examples: list, states: dict, size: int, rng: random.Random) -> list[list]:
    """Batches of similar length (less padding), in random order."""
    ex = examples[:]
    rng.shuffle(ex)
    pool = []
    for i in range(0, len(ex), size * 50):  # sort within windows of 50 batches
        window = sorted(ex[i : i + size * 50], key=lambda e: len(states[e[0]]) + len(states[e[1]]))
        pool += [window[j : j + size] for j in range(0, len(window), size)]
    rng.shuffle(pool)
    return pool


def train(top, states: dict, examples: list, epochs: int, lr: float, size: int = 32, log: bool = True,
          val: tuple | None = None):  # fmt: skip
    import torch

    rng = random.Random(0)
    head = [p for n, p in top.named_parameters() if n.startswith(("head", "segment"))]
    body = [p for n, p in top.named_parameters() if not n.startswith(("head", "segment"))]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": 1e-3}], weight_decay=0.01)
    steps = epochs * math.ceil(len(examples) / size)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    started, step, seen, run = time.perf_counter(), 0, 0, []
    history = []
    for epoch in range(epochs):
        top.train()
        for b in batches(examples, states, size, rng):
            h, mask, second = joint(states, [(a, q) for a, q, _ in b])
            y = torch.tensor([float(s) for _, _, s in b])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(top(h, mask, second), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            opt.step()
            sched.step()
            step, seen = step + 1, seen + len(b)
            run.append(loss.item())
            if log and step % 50 == 0:
                el = time.perf_counter() - started
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {np.mean(run[-50:]):.3f} "
                      f"({el:.0f} s, {1000 * el / seen:.0f} ms/example)", flush=True)  # fmt: skip
        if val is not None:
            auc = val_auc(top, states, val)
            history.append(auc)
            print(f"  epoch {epoch + 1}: inner validation AUC {auc:.4f}", flush=True)
    return time.perf_counter() - started, history


def val_auc(top, states, val) -> float:
    from sklearn.metrics import roc_auc_score

    pairs, y = val
    return float(roc_auc_score(y, predict(top, states, pairs)))


# ---------------------------------------------------------------- evaluation


def hits_at(scores: np.ndarray, same: np.ndarray, served: np.ndarray, rate: float) -> tuple[float, float]:
    """Hits (over all positives) at the bar giving at most ``rate`` false hits (over all negatives).

    ``served`` marks the pairs the memory scores at all (cosine >= floor); the rest are never served.
    """
    s = np.where(served, scores, -np.inf)
    neg = np.sort(s[~same])[::-1]
    allowed = int(math.floor(rate * len(neg)))
    bar = neg[allowed] if allowed < len(neg) else -np.inf
    bar = np.nextafter(bar, np.inf) if np.isfinite(bar) else bar
    return float((s[same] >= bar).mean()), float((s[~same] >= bar).mean())


def report(name: str, scores: np.ndarray, same: np.ndarray, served: np.ndarray) -> dict:
    from sklearn.metrics import roc_auc_score

    finite = np.clip(scores, -1e9, 1e9)  # the same text (inf) and the vetoes (-inf) rank at the ends
    auc = float(roc_auc_score(same[served], finite[served]))
    row = {"auc": auc}
    for r in (0.005, 0.01, 0.02, 0.05):
        row[f"hits@{r:g}"] = hits_at(scores, same, served, r)[0]
    print(f"  {name:34s} AUC {auc:.4f}  " + "  ".join(f"{k} {v:.1%}" for k, v in row.items() if k != "auc"))
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=8000, help="QQP train pairs at cosine >= floor to train on")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--split", type=int, default=SPLIT)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--save", type=Path, default=CROSS_OUT / "top.pt", help="torch weights of the trained top"
    )
    ap.add_argument(
        "--cost", type=int, default=0, help="only time the int8 runtime on this many QQP questions"
    )
    args = ap.parse_args()
    import torch

    if args.cost:
        torch.set_num_threads(1)
        return cost(args.cost, args.split)

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    started = time.perf_counter()
    pairs = [p for p in all_pairs() if p.part != "test"]  # the test parts are never read here
    qqp_train = [p for p in pairs if p.source == "qqp" and p.part == "train"]
    rng = random.Random(0)
    rng.shuffle(qqp_train)
    fit_pool = [p for p in qqp_train if not inner(p)]
    val_pool = [p for p in qqp_train if inner(p)][:2000]
    cal = [p for p in pairs if p.part == "calibration"]
    # the memory's cosine (minilm-onnx, cached with train_guard's vectors): about half pass the floor
    candidates = fit_pool[: int(args.pairs * 2.2)]
    tv = embed_texts([t for p in candidates + val_pool for t in (p.a, p.b)], OUT)

    def cos(p):
        return float(np.dot(tv.vector(p.a), tv.vector(p.b)))

    fit = [p for p in candidates if cos(p) >= FLOOR][: args.pairs]
    val = [p for p in val_pool if cos(p) >= FLOOR]
    states = text_states([t for p in fit + val + cal for t in (p.a, p.b)], args.split)
    print(f"vectors and states ready ({time.perf_counter() - started:.0f} s)")
    examples = [(p.a, p.b, p.same) for p in fit] + [(p.b, p.a, p.same) for p in fit]
    print(f"train on {len(fit)} QQP train pairs x 2 orders ({np.mean([p.same for p in fit]):.1%} same); "
          f"inner validation {len(val)} pairs")  # fmt: skip
    top = build_top(load_bert(), args.split)
    seconds, history = train(top, states, examples, args.epochs, args.lr,
                             val=([(p.a, p.b) for p in val], np.array([p.same for p in val])))  # fmt: skip
    print(f"trained in {seconds:.0f} s")
    args.save.parent.mkdir(parents=True, exist_ok=True)
    torch.save(top.state_dict(), args.save)
    served = np.nonzero(guard_scores(cal)[1] >= FLOOR)[0]  # the others are never served: not scored
    scores = np.full(len(cal), -np.inf, np.float32)
    scores[served] = predict(top, states, [(cal[i].a, cal[i].b) for i in served])
    np.save(args.save.with_suffix(".cal.npy"), scores)
    result = {"pairs": len(fit), "epochs": args.epochs, "lr": args.lr, "split": args.split,
              "train_seconds": round(seconds), "seconds": round(time.perf_counter() - started),
              "inner_auc": history, "calibration": evaluate(cal, scores)}  # fmt: skip
    args.save.with_suffix(".json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "calibration"}))


def evaluate(cal, scores) -> dict:
    """AUC and hits at 0.5/1/2/5% false hits per calibration source, beside the current guard and blends."""
    from reasoner.memory.answers import normalise_question

    same = np.array([p.same for p in cal])
    src = np.array([p.source for p in cal])
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in cal])
    guard = guard_scores(cal)
    cosine = guard[1]
    served = cosine >= FLOOR
    out = {}
    for source in ("qqp", "paws"):
        m = src == source
        print(f"calibration {source}: {m.sum()} pairs, {served[m].sum()} at cosine >= {FLOOR}")
        out[source] = {
            "cross-encoder": report(
                "cross-encoder", np.where(same_text, np.inf, scores)[m], same[m], served[m]
            ),
            "current guard": report(
                "current guard", np.where(same_text, np.inf, guard[0])[m], same[m], served[m]
            ),
            "similarity": report(
                "similarity alone", np.where(same_text, np.inf, cosine)[m], same[m], served[m]
            ),
        }
        for w in (0.25, 0.5, 1.0, 2.0):
            b = np.where(same_text, np.inf, guard[0] + w * scores)  # -inf (the vetoes) stays -inf
            out[source][f"guard+{w}"] = report(f"guard + {w} x cross", b[m], same[m], served[m])
    return out


def guard_scores(cal):
    """(current guard's scores, memory cosine) of the calibration pairs, from train_guard's feature cache."""
    from train_guard import cached_features, scalar_inputs

    from reasoner.memory.learned import load_model

    fs = cached_features(cal, OUT, log=False)
    model = load_model()
    return model.score(fs.dense.astype(np.float32), scalar_inputs(fs)), fs.scalar[:, 0]


# ---------------------------------------------------------------- shipping


def export_top(top, folder: Path) -> bytes:
    """The fine-tuned top as an int8 ONNX graph (MatMul weights per channel, as the embedder's)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32, int8 = folder / "top.fp32.onnx", folder / "top.int8.onnx"
    x = (torch.zeros(1, 12, 384), torch.ones(1, 12), torch.zeros(1, 12))
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            top.eval(), x, str(fp32), dynamo=False, input_names=["states", "mask", "second"],
            output_names=["log_odds"], dynamic_axes={"states": axes, "mask": axes, "second": axes,
                                                     "log_odds": {0: "batch"}}, opset_version=17,
        )  # fmt: skip
    quantize_dynamic(
        str(fp32), str(int8), per_channel=True, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"]
    )
    return int8.read_bytes()


def cost(n: int, split: int) -> None:
    """Warm-process milliseconds of the int8 runtime (:class:`CrossEncoder`) beside one embedding.

    The top's weights do not change its cost, so an untrained top is timed.
    """
    import statistics

    from reasoner.retrieval.embedder import load_embedder

    onnx = export_top(build_top(load_bert(), split), CROSS_OUT)
    print(f"int8 ONNX top: {len(onnx) / 1e6:.2f} MB")
    encoder = CrossEncoder(onnx, split, CROSS_OUT / "cache")
    qs = [p.a for p in all_pairs() if p.source == "qqp" and p.part == "train"][: n + 1]
    for q in qs:
        encoder.states(q)
    bottom, top = [], []
    for a, b in zip(qs, qs[1:], strict=False):
        encoder._cache.pop(b, None)
        t = time.perf_counter()
        encoder.states(b)
        bottom.append((time.perf_counter() - t) * 1e3)
        t = time.perf_counter()
        encoder.log_odds(a, b)
        top.append((time.perf_counter() - t) * 1e3)
    embedder = load_embedder("minilm-onnx", threads=1)
    embed = []
    for q in qs:
        t = time.perf_counter()
        embedder.embed([q])
        embed.append((time.perf_counter() - t) * 1e3)
    print(
        f"{n} questions: embed one (baseline) p50 {statistics.median(embed):.2f} ms; "
        f"bottom of one p50 {statistics.median(bottom):.2f} ms; top of one pair p50 {statistics.median(top):.2f} ms"
    )


# ---------------------------------------------------------------- the runtime it would need (timed by --cost)
# Each pair runs alone: dynamic int8 quantisation scales the activations of a whole run,
# so in a batch a pair's score would depend on its neighbours.


class CrossEncoder:
    """Scores (stored, asked) pairs with the split MiniLM cross-encoder.

    Args:
        top: the int8 ONNX graph of the fine-tuned top layers (bytes), inputs
            ``states`` (1, n, 384), ``mask`` (1, n), ``second`` (1, n); output the log-odds.
        split: how many of MiniLM's layers the bottom runs.
        cache_dir: where the bottom's ONNX export is cached (default: ``Config``'s).
        threads: onnxruntime threads (one: the memory runs beside other work).
        capacity: how many questions' bottom states are kept in memory.
    """

    def __init__(
        self,
        top: bytes,
        split: int,
        cache_dir: str | Path | None = None,
        threads: int = 1,
        capacity: int = 5_000,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        path = bottom_path(split, cache_dir)
        try:
            self._top = ort.InferenceSession(top, opts, providers=["CPUExecutionProvider"])
            self._bottom = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - a damaged graph: say which
            raise ModelError(
                f"cannot load the guard's cross-encoder ({exc}); delete {path} to export it again"
            ) from exc
        self.tokenizer = Tokenizer.from_file(str(Path(minilm_path()) / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.split = split
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.capacity = capacity

    def states(self, text: str) -> np.ndarray:
        """The bottom's output for ``text`` alone: (tokens, 384) float32, special tokens included."""
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        ids = np.asarray([self.tokenizer.encode(text or " ").ids], dtype=np.int64)
        out = self._bottom.run(None, {"input_ids": ids})[0][0].astype(np.float32)
        self._cache[text] = out
        if len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        return out

    def log_odds(self, stored: str, asked: str) -> float:
        """The cross-encoder's log-odds that ``stored`` and ``asked`` ask the same."""
        a, b = self.states(stored), self.states(asked)
        h = np.concatenate([a, b[1:]])[None]
        mask = np.ones(h.shape[:2], np.float32)
        second = np.zeros(h.shape[:2], np.float32)
        second[0, len(a) :] = 1.0
        return float(self._top.run(None, {"states": h, "mask": mask, "second": second})[0].reshape(-1)[0])


def bottom_path(split: int, cache_dir: str | Path | None = None) -> Path:
    """The cached fp32 ONNX export of MiniLM's embeddings and first ``split`` layers, created when missing."""
    if cache_dir is None:
        from reasoner.config import default_cache_dir

        cache_dir = default_cache_dir()
    final = Path(cache_dir) / "onnx" / f"all-MiniLM-L6-v2.bottom{split}.onnx"
    if not final.is_file():
        final.parent.mkdir(parents=True, exist_ok=True)
        export_bottom(split, final)
    return final


def export_bottom(split: int, final: Path) -> None:
    """Export the bundled MiniLM's embeddings and layers ``0 .. split-1`` (fp32; one text, no padding)."""
    import torch
    from transformers import AutoModel

    class _Bottom(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(minilm_path(), local_files_only=True).eval()

        def forward(self, input_ids):
            ones = torch.ones_like(input_ids)
            out = self.bert(
                input_ids=input_ids, attention_mask=ones, token_type_ids=ones * 0, output_hidden_states=True
            )
            return out.hidden_states[split]

    tmp = final.with_name(f"{final.stem}.{os.getpid()}.tmp.onnx")
    try:
        with torch.no_grad(), warnings.catch_warnings(), quiet():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Bottom().eval(), (torch.ones((1, 8), dtype=torch.long),), str(tmp), dynamo=False,
                input_names=["input_ids"], output_names=["states"],
                dynamic_axes={"input_ids": {1: "tokens"}, "states": {1: "tokens"}}, opset_version=17,
            )  # fmt: skip
        os.replace(tmp, final)
    except Exception as exc:  # noqa: BLE001 - export failures become one clear ModelError
        raise ModelError(f"could not export MiniLM's bottom layers to ONNX: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
