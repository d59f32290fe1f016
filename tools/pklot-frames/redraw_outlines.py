#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml) with each space's outline redrawn as
another labeller or operator would have drawn it; the images are copied unchanged (JPEG, quality
95) and every point is kept within the image.

- `--box`: the outline's upright bounding rectangle, as datasets that mark a slot by a box around
  it do (CNRPark-EXT's slot boxes); `--square`: the square of the rectangle's longer side about the
  same centre. In a view with depth such boxes take in part of the neighbouring spaces and of the
  cars in front.
- `--scale S`: the traced outline scaled by S about its centre (drawn too small or too large).
- `--shift F`: the outline moved right by F times the square root of its area (drawn off to one side).

Usage: redraw_outlines.py SOURCE_DIR OUT_DIR [--box | --square] [--scale S] [--shift F]"""
import argparse
import re

import numpy as np

from labelled_frames import transform_folder


def redrawn(points, args):
    centre = points.mean(axis=0)
    if args.box or args.square:
        (left, top), (right, bottom) = points.min(axis=0), points.max(axis=0)
        if args.square:
            half = max(right - left, bottom - top) / 2
            middle = np.array([(left + right) / 2, (top + bottom) / 2])
            (left, top), (right, bottom) = middle - half, middle + half
        points = np.array([(left, top), (right, top), (right, bottom), (left, bottom)])
        centre = points.mean(axis=0)
    x, y = points[:, 0], points[:, 1]
    area = abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2
    points = (points - centre) * args.scale + centre
    points[:, 0] += args.shift * np.sqrt(area)
    return points


def rewrite(text, args, width, height):
    def contour(match):
        points = np.array([[float(x), float(y)] for x, y in re.findall(r'x="([-0-9.]+)" y="([-0-9.]+)"', match.group(0))])
        points = redrawn(points, args).clip([0, 0], [width - 1, height - 1])
        lines = "".join(f'\n      <point x="{round(x)}" y="{round(y)}" />' for x, y in points)
        return f"<contour>{lines}\n    </contour>"

    return re.sub(r"<contour>.*?</contour>", contour, text, flags=re.S)


def main(args):
    def transform(image):
        height, width = image.shape[:2]
        return image, lambda text: rewrite(text, args, width, height)

    transform_folder(args.source, args.out, transform, quality=95)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--box", action="store_true", help="the upright bounding rectangle")
    shape.add_argument("--square", action="store_true", help="a square of the rectangle's longer side")
    parser.add_argument("--scale", type=float, default=1.0, help="scale about the outline's centre")
    parser.add_argument("--shift", type=float, default=0.0, help="move right by this times the square root of the area")
    main(parser.parse_args())
