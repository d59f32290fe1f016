#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml) as a camera that moved would see them:
each image shifted, rotated about its centre and zoomed by one affine warp, the XML's contour points
and rotated-rectangle centres moved with it, so each frame's own labels stay true while a layout
drawn on the original frames no longer fits. For `parkwatch eval spaces --layout`: the original
layout on these frames shows what a moved camera costs.

Usage: shift_pklot.py SOURCE_DIR OUT_DIR [--dx PX] [--dy PX] [--rotate DEG] [--zoom FACTOR]"""
import argparse

import cv2
import numpy as np

from labelled_frames import move_points, transform_folder


def warp_matrix(width, height, dx, dy, degrees, zoom):
    """2x3 affine: rotate by `degrees` and scale by `zoom` about the centre, then shift by (dx, dy)."""
    m = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, zoom)
    m[0, 2] += dx
    m[1, 2] += dy
    return m


def move_xml(text, m):
    return move_points(text, lambda x, y: m @ np.array([x, y, 1.0]))


def main(args):
    def transform(image):
        h, w = image.shape[:2]
        m = warp_matrix(w, h, args.dx, args.dy, args.rotate, args.zoom)
        # Edges the camera no longer sees are filled from the nearest pixels, as a wider view would show ground.
        warped = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        return warped, lambda text: move_xml(text, m)

    transform_folder(args.source, args.out, transform, quality=92)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--dx", type=float, default=0)
    parser.add_argument("--dy", type=float, default=0)
    parser.add_argument("--rotate", type=float, default=0, help="degrees, counter-clockwise")
    parser.add_argument("--zoom", type=float, default=1)
    main(parser.parse_args())
