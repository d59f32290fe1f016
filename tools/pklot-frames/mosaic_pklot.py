#!/usr/bin/env python3
"""A wide camera over a large lot, for `parkwatch eval spaces`: labelled frames laid COLUMNS x ROWS
side by side into one frame, their XMLs joined into one (each space id prefixed with its piece's
index, `2_17`, its points moved with the piece). Shrunk back to a common size with
`resize_pklot.py`, each car is 1/COLUMNS of its size and the frame holds COLUMNS x ROWS times the
spaces: the small far rows of a pole camera over many spaces.

Mosaic k takes frames k, k + STRIDE, k + 2 STRIDE, ... (file-name order, cycling), so consecutive
mosaics differ and keep a capture order. Writes OUT_DIR/mosaic_<k>.png and .xml.
Usage: mosaic_pklot.py SOURCE_DIR OUT_DIR COLUMNS ROWS [--count N] [--stride S]"""
import argparse
import pathlib
import re

import cv2
import numpy as np

from labelled_frames import move_points


def joined_spaces(xml_text, prefix, dx, dy):
    """The `<space>` elements of one piece's XML, ids prefixed and points moved by (dx, dy)."""
    moved = move_points(xml_text, lambda x, y: (x + dx, y + dy))
    moved = re.sub(r'<space id="([^"]*)"', lambda m: f'<space id="{prefix}_{m.group(1)}"', moved)
    return re.findall(r"\s*<space\b.*?</space>", moved, flags=re.S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("columns", type=int)
    parser.add_argument("rows", type=int)
    parser.add_argument("--count", type=int, default=8, help="mosaics to write")
    parser.add_argument("--stride", type=int, default=3, help="frames between a mosaic's pieces")
    args = parser.parse_args()
    frames = sorted(p for ext in ("*.png", "*.jpg") for p in args.source.rglob(ext) if p.with_suffix(".xml").exists())
    if not frames:
        raise SystemExit(f"no labelled frame (image + same-stem .xml) under {args.source}")
    args.out.mkdir(parents=True, exist_ok=True)
    pieces_per_mosaic = args.columns * args.rows
    for k in range(args.count):
        pieces = [frames[(k + i * args.stride) % len(frames)] for i in range(pieces_per_mosaic)]
        images = [cv2.imread(str(p)) for p in pieces]
        height, width = images[0].shape[:2]
        if any(image.shape[:2] != (height, width) for image in images):
            raise SystemExit("the frames differ in size; resize them first (resize_pklot.py)")
        grid = [np.hstack(images[r * args.columns:(r + 1) * args.columns]) for r in range(args.rows)]
        cv2.imwrite(str(args.out / f"mosaic_{k:02d}.png"), np.vstack(grid))
        spaces = []
        for i, piece in enumerate(pieces):
            dx, dy = (i % args.columns) * width, (i // args.columns) * height
            spaces += joined_spaces(piece.with_suffix(".xml").read_text(), i, dx, dy)
        (args.out / f"mosaic_{k:02d}.xml").write_text('<parking id="mosaic">' + "".join(spaces) + "\n</parking>\n")


if __name__ == "__main__":
    main()
