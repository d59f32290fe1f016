#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml) as a lower camera would see the lot: one
homography squeezes the top of the frame (the far rows) towards the centre and down, so far spaces
shrink and foreshorten more than near ones, then the frame is resized. The XML's contour points and
rotated-rectangle centres move with it, so each frame's labels stay true. A view with more depth than
the camera's own, for `parkwatch eval spaces`.

Usage: tilt_pklot.py SOURCE_DIR OUT_DIR [--squeeze F] [--drop F] [--size WxH]"""
import argparse

import cv2
import numpy as np

from labelled_frames import move_points, transform_folder


def tilt_matrix(width, height, squeeze, drop, out_w, out_h):
    """The top corners move in by `squeeze` of the width each and down by `drop` of the height; the
    bottom corners stay; the result is scaled to the output size."""
    src = np.float32([(0, 0), (width, 0), (width, height), (0, height)])
    dst = np.float32([(squeeze * width, drop * height), ((1 - squeeze) * width, drop * height), (width, height), (0, height)])
    dst = dst * np.float32([out_w / width, out_h / height])
    return cv2.getPerspectiveTransform(src, dst)


def move_xml(text, m):
    return move_points(text, lambda x, y: cv2.perspectiveTransform(np.float32([[[x, y]]]), m)[0, 0].astype(float))


def main(args):
    out_w, out_h = (int(v) for v in args.size.split("x"))

    def transform(image):
        h, w = image.shape[:2]
        m = tilt_matrix(w, h, args.squeeze, args.drop, out_w, out_h)
        # What the lower camera sees beyond the old frame's edges is filled by reflection: ground, not a flat colour.
        warped = cv2.warpPerspective(image, m, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REFLECT_101)
        return warped, lambda text: move_xml(text, m)

    transform_folder(args.source, args.out, transform, quality=90)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--squeeze", type=float, default=0.2, help="share of the width each top corner moves in")
    parser.add_argument("--drop", type=float, default=0.15, help="share of the height the top edge moves down")
    parser.add_argument("--size", default="854x480")
    main(parser.parse_args())
