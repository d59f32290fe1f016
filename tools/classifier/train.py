"""Train, evaluate and export the ParkWatch space classifier.

  python train.py                 # the shipped model: train on the training splits, print held-out
                                  # figures, export models/space-classifier/space_classifier.onnx
  python train.py --mode loo      # leave-one-dataset-out table (train on two sets, test on the third)
  python train.py --mode all      # both

Deterministic: fixed seeds, per-epoch augmentation streams seeded by (seed, epoch), fixed thread count.
"""
import argparse
import concurrent.futures as cf
import json
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from augment import augment_frame, augment_patch  # noqa: E402
from crops import to_tensor_layout  # noqa: E402
from datasets import Items, PKLotFrames, load_clf, load_cnrpark, ship_split  # noqa: E402
from metrics import HEADER, contract_line, metrics, row  # noqa: E402
from model import SpaceNet, WithSoftmax  # noqa: E402

REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
ONNX_PATH = os.path.join(REPO, "models", "space-classifier", "space_classifier.onnx")
CACHE = os.path.join(HERE, ".cache")   # --cache overrides

# Share of each training batch per dataset (each then split 50/50 between free and occupied).
SOURCE_WEIGHTS = {"cnrpark-a": 0.4, "clf-data": 0.4, "pklot": 0.2}

_SOURCES = None   # set before the augmentation worker forks


class PatchSource:
    def __init__(self, items):
        self.items = items
        self.by_class = [np.flatnonzero(items.y == c) for c in (0, 1)]

    def sample(self, cls, rng):
        idx = self.by_class[cls]
        i = idx[rng.integers(len(idx))]
        return augment_patch(self.items.x[i], rng)


class FrameSource:
    def __init__(self, frames, mask):
        self.frames = frames
        recs = [r for r, m in zip(frames.records, mask) if m]
        self.by_class = [[r for r in recs if r[2] == c] for c in (0, 1)]

    def sample(self, cls, rng):
        r = self.by_class[cls][rng.integers(len(self.by_class[cls]))]
        return augment_frame(self.frames.frames[r[0]], r[3], rng)


def make_epoch(args):
    """(seed, epoch, n) -> x [n,3,64,64] float32, y [n] int64. Runs in the worker process."""
    seed, epoch, n = args
    cv2.setNumThreads(1)
    rng = np.random.default_rng([seed, epoch])
    names = list(_SOURCES)
    w = np.array([SOURCE_WEIGHTS[k] for k in names], float)
    w /= w.sum()
    src = rng.choice(len(names), size=n, p=w)
    xs = np.empty((n, 64, 64, 3), np.float32)
    ys = np.empty(n, np.int64)
    for j in range(n):
        s = _SOURCES[names[src[j]]]
        cls = int(rng.integers(2)) if all(len(b) for b in s.by_class) else int(bool(len(s.by_class[1])))
        xs[j] = s.sample(cls, rng)
        ys[j] = cls
    return np.ascontiguousarray(xs.transpose(0, 3, 1, 2)), ys


def predict(net, x_uint8, batch=512):
    net.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x_uint8), batch):
            t = torch.from_numpy(to_tensor_layout(x_uint8[i:i + batch]))
            out.append(torch.softmax(net(t), 1)[:, 1].numpy())
    return np.concatenate(out) if out else np.zeros(0)


def train(sources, args, tag):
    global _SOURCES
    _SOURCES = sources
    torch.manual_seed(args.seed)
    net = SpaceNet()
    decay = [p for n, p in net.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in net.named_parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=args.lr)
    steps_per_epoch = args.epoch_size // args.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                                                steps_per_epoch=steps_per_epoch, pct_start=0.15)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    t0 = time.time()
    ctx = __import__("multiprocessing").get_context("fork")
    with cf.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        nxt = pool.submit(make_epoch, (args.seed, 0, steps_per_epoch * args.batch))
        for ep in range(args.epochs):
            x, y = nxt.result()
            if ep + 1 < args.epochs:
                nxt = pool.submit(make_epoch, (args.seed, ep + 1, steps_per_epoch * args.batch))
            net.train()
            g = torch.Generator().manual_seed(args.seed * 1000 + ep)
            perm = torch.randperm(len(y), generator=g)
            xt, yt = torch.from_numpy(x), torch.from_numpy(y)
            tot, correct = 0.0, 0
            for b in range(steps_per_epoch):
                idx = perm[b * args.batch:(b + 1) * args.batch]
                logits = net(xt[idx])
                loss = loss_fn(logits, yt[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                tot += loss.item() * len(idx)
                correct += (logits.argmax(1) == yt[idx]).sum().item()
            n = steps_per_epoch * args.batch
            print(f"[{tag}] epoch {ep + 1:2d}/{args.epochs} loss {tot / n:.4f} train-acc {correct / n:.4f} "
                  f"({time.time() - t0:.0f}s)", flush=True)
    net.eval()
    return net, time.time() - t0


def export_onnx(net, path, ref_x, reference=True):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wrapped = WithSoftmax(net).eval()
    torch.onnx.export(wrapped, torch.from_numpy(ref_x), path, opset_version=11, input_names=["input"],
                      output_names=["probs"], dynamic_axes={"input": {0: "N"}, "probs": {0: "N"}},
                      do_constant_folding=True, dynamo=False)
    if reference:   # the shipped model's batch for verify_opencv.py
        with torch.no_grad():
            ref_probs = wrapped(torch.from_numpy(ref_x)).numpy()
        os.makedirs(CACHE, exist_ok=True)
        np.savez(os.path.join(CACHE, "reference.npz"), input=ref_x, probs=ref_probs)
    try:
        import onnx
        ops = [n.op_type for n in onnx.load(path).graph.node]
        print("ONNX ops:", " ".join(ops))
    except ImportError:
        pass
    print(f"exported {path} ({os.path.getsize(path) / 1024:.0f} KiB)")


def run_ship(args):
    t = time.time()
    train_sets, test_sets = ship_split(args.data)
    print("data loaded in %.0fs" % (time.time() - t))
    for k, v in train_sets.items():
        print("train", k, v.summary() if isinstance(v, Items) else f"{int(v[1].sum())} PKLot crops (day1, 30 spaces)")
    sources = {"cnrpark-a": PatchSource(train_sets["cnrpark-a"]), "clf-data": PatchSource(train_sets["clf-data"]),
               "pklot": FrameSource(*train_sets["pklot"])}
    net, secs = train(sources, args, "ship")
    lines = [HEADER]
    results = {}
    contract = []
    for name, items in test_sets.items():
        p = predict(net, items.x)
        m = metrics(items.y, p)
        results[name] = m
        lines.append(row(name, m))
        contract.append(contract_line(name, items.y, p))
    print(f"\nShipped model, held-out figures (training {secs / 60:.1f} min):\n" + "\n".join(lines + [""] + contract), flush=True)
    # reference batch of 40 held-out crops (PKLot day1 held-out spaces + day0) for the OpenCV check
    pk = test_sets["pklot day1 (10 held-out spaces)"]
    ref = np.concatenate([pk.x, test_sets["pklot day0 (other day, all free)"].x])[:40]
    export_onnx(net, args.out, to_tensor_layout(ref))
    torch.save(net.state_dict(), os.path.join(CACHE, "ship_state_dict.pt"))
    with open(os.path.join(CACHE, "ship_results.json"), "w") as f:
        json.dump({"train_seconds": secs, "results": results, "args": vars(args)}, f, indent=1)


def run_loo(args):
    cnr, clf, pk = load_cnrpark(args.data), load_clf(args.data), PKLotFrames(args.data)
    pk_all = np.ones(len(pk.records), bool)
    full = {"cnrpark-a": PatchSource(cnr), "clf-data": PatchSource(clf), "pklot": FrameSource(pk, pk_all)}
    tests = {"cnrpark-a": cnr, "clf-data": clf, "pklot": pk.items()}
    lines = [HEADER]
    results = {}
    contract = []
    for held in args.held:
        sources = {k: v for k, v in full.items() if k != held}
        net, secs = train(sources, args, f"loo-{held}")
        p = predict(net, tests[held].x)
        m = metrics(tests[held].y, p)
        results[held] = m
        contract.append(contract_line(held, tests[held].y, p))
        # The whole pipeline on a camera the classifier never saw:
        # parkwatch eval spaces ../shared/datasets/pklot-ufpr05-dev --classifier <cache>/loo_pklot.onnx
        export_onnx(net, os.path.join(CACHE, f"loo_{held}.onnx"), to_tensor_layout(tests[held].x[:8]),
                    reference=False)
        name = f"{held} (trained on {' + '.join(sources)})"
        lines.append(row(name, m))
        print(lines[-1], f"training {secs / 60:.1f} min", flush=True)
    print("\nLeave-one-dataset-out:\n" + "\n".join(lines + [""] + contract), flush=True)
    os.makedirs(CACHE, exist_ok=True)
    with open(os.path.join(CACHE, "loo_results.json"), "w") as f:
        json.dump({"results": results, "args": vars(args)}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("ship", "loo", "all"), default="ship")
    ap.add_argument("--data", default=os.environ.get("PARKWATCH_DATASETS") or
                    os.path.normpath(os.path.join(REPO, "..", "shared", "datasets")))
    ap.add_argument("--out", default=ONNX_PATH)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--epoch-size", type=int, default=8192)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--held", nargs="+", choices=("cnrpark-a", "clf-data", "pklot"),
                    default=["cnrpark-a", "clf-data", "pklot"], help="--mode loo: the sets to hold out in turn")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--cache", default=CACHE, help="reference.npz, state dict, results json")
    args = ap.parse_args()
    globals()["CACHE"] = args.cache
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    np.random.seed(args.seed)
    print(f"torch {torch.__version__}, opencv {cv2.__version__}, numpy {np.__version__}, threads {args.threads}")
    t = time.time()
    if args.mode in ("ship", "all"):
        run_ship(args)
    if args.mode in ("loo", "all"):
        run_loo(args)
    print(f"total {(time.time() - t) / 60:.1f} min")


if __name__ == "__main__":
    main()
