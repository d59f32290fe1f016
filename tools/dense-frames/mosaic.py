#!/usr/bin/env python3
"""Wide, crowded views for `parkwatch eval counts`: dense frames laid side by side.

A 2560x1440 or 3840x2160 camera over a large lot sees its cars as small as a 1280x720 camera sees
a small lot's. Laying COLUMNS x ROWS of the dense frames (`make_dense_frames.py`) into one image
makes such a frame: each car keeps its pixel size while the frame grows, and the count is the sum
of the pieces' counts. Mosaic k starts at frame k * ROWS (cycling), so the mosaics differ.

Usage: mosaic.py DENSE_DIR OUT_DIR COLUMNS ROWS [--count N]
Writes OUT_DIR/mosaic_<k>.png and OUT_DIR/counts.csv. Needs Debian's python3-opencv.
"""
import argparse
import csv
import pathlib

import cv2
import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dense", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("columns", type=int)
    parser.add_argument("rows", type=int)
    parser.add_argument("--count", type=int, default=4, help="mosaics to write")
    args = parser.parse_args()
    with open(args.dense / "counts.csv", newline="") as file:
        counts = {row[0]: int(row[1]) for row in csv.reader(file) if len(row) == 2 and row[1].isdigit()}
    names = sorted(counts)
    if not names:
        raise SystemExit(f"no counted frames in {args.dense / 'counts.csv'}")
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["file,count"]
    for k in range(args.count):
        pieces = [names[(k * args.rows + i) % len(names)] for i in range(args.columns * args.rows)]
        images = [cv2.imread(str(args.dense / name)) for name in pieces]
        rows = [np.hstack(images[r * args.columns:(r + 1) * args.columns]) for r in range(args.rows)]
        name = f"mosaic_{k}.png"
        cv2.imwrite(str(args.out / name), np.vstack(rows))
        lines.append(f"{name},{sum(counts[p] for p in pieces)}")
    (args.out / "counts.csv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
