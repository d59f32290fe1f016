import numpy as np


def metrics(y_true, p_occ, thr=0.5):
    y = np.asarray(y_true).astype(int)
    pred = (np.asarray(p_occ) >= thr).astype(int)
    tp = int(((pred == 1) & (y == 1)).sum()); tn = int(((pred == 0) & (y == 0)).sum())
    fp = int(((pred == 1) & (y == 0)).sum()); fn = int(((pred == 0) & (y == 1)).sum())
    n = len(y)
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    spec = tn / (tn + fp) if tn + fp else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if tp else (0.0 if (tp + fn) else float("nan"))
    bal = np.nanmean([rec, spec])
    return dict(n=n, pos=int(y.sum()), acc=(tp + tn) / n, prec=prec, rec=rec, spec=spec, f1=f1, bal_acc=bal,
                tp=tp, tn=tn, fp=fp, fn=fn)


def contract_line(name, y_true, p_occ, unknown_below=0.6):
    """The accuracy as `parkwatch eval crops` counts it: a verdict less confident than `unknown_below`
    (max(p, 1 - p), the product's SpaceDecisionSettings.unknownBelow) is unknown, and unknown is wrong."""
    y = np.asarray(y_true).astype(int)
    p = np.asarray(p_occ, dtype=float)
    unknown = np.maximum(p, 1 - p) < unknown_below
    right = ((p >= 0.5).astype(int) == y) & ~unknown
    return f"{name}: {fmt(right.mean())} as `eval` counts it ({int(unknown.sum())} unknown under confidence {unknown_below})"


HEADER = "| set | n | occupied | accuracy | precision | recall | F1 | balanced acc | FP | FN |\n|---|---|---|---|---|---|---|---|---|---|"


def fmt(v):
    return "n/a" if v != v else f"{100 * v:.2f}%"


def row(name, m):
    return (f"| {name} | {m['n']} | {m['pos']} | {fmt(m['acc'])} | {fmt(m['prec'])} | {fmt(m['rec'])} | "
            f"{fmt(m['f1'])} | {fmt(m['bal_acc'])} | {m['fp']} | {m['fn']} |")
