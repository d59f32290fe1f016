"""Check the exported model in the product's OpenCV (Debian 12 python3-opencv 4.6, /usr/bin/python3).

  /usr/bin/python3 tools/classifier/verify_opencv.py [--onnx PATH] [--eval]

1. readNetFromONNX, batch of 40 reference crops: max |probs_opencv - probs_torch| (reference.npz
   written by train.py); also batches 1 and 7 (dynamic batch).
2. Timing of 40 crops with cv2.setNumThreads(1) (median of 50 runs after warm-up).
3. --eval: the held-out figures of the shipped split, computed end to end with cv2.dnn.
"""
import argparse
import os
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))


def run(net, x):
    net.setInput(x)
    return net.forward()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default=os.path.join(REPO, "models", "space-classifier", "space_classifier.onnx"))
    ap.add_argument("--ref", default=os.path.join(HERE, ".cache", "reference.npz"))
    ap.add_argument("--eval", action="store_true")
    args = ap.parse_args()
    print("OpenCV", cv2.__version__, "from", cv2.__file__)
    net = cv2.dnn.readNetFromONNX(args.onnx)
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    print("outputs:", net.getUnconnectedOutLayersNames())
    if os.path.exists(args.ref):
        ref = np.load(args.ref)
        x, p_ref = ref["input"], ref["probs"]
    else:
        print("no reference.npz (run train.py first): random input, no comparison")
        x, p_ref = np.random.default_rng(0).random((40, 3, 64, 64), dtype=np.float32), None
    p = run(net, x)
    print("batch", x.shape, "->", p.shape, "row sums", float(p.sum(1).min()), float(p.sum(1).max()))
    if p_ref is not None:
        print("max abs diff vs PyTorch (40 crops): %.3g" % float(np.abs(p - p_ref).max()))
        print("argmax agreement: %d/%d" % (int((p.argmax(1) == p_ref.argmax(1)).sum()), len(p)))
    for n in (1, 7):
        pn = run(net, x[:n])
        print(f"batch {n}: shape {pn.shape}, max abs diff vs batch-40 rows {float(np.abs(pn - p[:n]).max()):.3g}")
    cv2.setNumThreads(1)
    for _ in range(5):
        run(net, x)
    ts, cpu = [], []
    for _ in range(50):
        t, c = time.perf_counter(), time.process_time()
        run(net, x)
        ts.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    ts, cpu = np.array(ts) * 1000, np.array(cpu) * 1000
    print("40 crops, cv2.setNumThreads(1): wall median %.2f ms, p90 %.2f ms, min %.2f ms; CPU time median %.2f ms"
          % (np.median(ts), np.percentile(ts, 90), ts.min(), np.median(cpu)))
    print("(load average %s: wall times are inflated when other processes compete for the 2 cores)"
          % " ".join(open("/proc/loadavg").read().split()[:3]))
    if args.eval:
        from datasets import ship_split
        from crops import to_tensor_layout
        from metrics import HEADER, metrics, row
        cv2.setNumThreads(0)
        _, tests = ship_split()
        lines = [HEADER]
        for name, items in tests.items():
            probs = np.concatenate([run(net, to_tensor_layout(items.x[i:i + 256]))
                                    for i in range(0, len(items), 256)])
            lines.append(row(name, metrics(items.y, probs[:, 1])))
        print("Held-out figures through cv2.dnn (OpenCV %s):\n%s" % (cv2.__version__, "\n".join(lines)))


if __name__ == "__main__":
    main()
