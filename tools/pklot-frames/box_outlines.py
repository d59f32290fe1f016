#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml) with each space's outline replaced by an
upright rectangle, as datasets that mark a slot by a box around it do (CNRPark-EXT's slot boxes):
the contour's bounding rectangle, or with `--square` the square of the same centre whose side is
the rectangle's longer side (within the image). In a view with depth such boxes take in part of the neighbouring
spaces and of the cars in front, which is what a layout drawn that way gives the classifier and
the box assignment. The images are copied unchanged (JPEG, quality 95).

Usage: box_outlines.py SOURCE_DIR OUT_DIR [--square]"""
import argparse
import re

from labelled_frames import transform_folder


def boxed(contour, square, width, height):
    xs = [float(x) for x in re.findall(r'x="([-0-9.]+)"', contour)]
    ys = [float(y) for y in re.findall(r'y="([-0-9.]+)"', contour)]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if square:
        side = max(right - left, bottom - top)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        left, right, top, bottom = cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, width - 1), min(bottom, height - 1)
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    points = "".join(f'\n      <point x="{round(x)}" y="{round(y)}" />' for x, y in corners)
    return f"<contour>{points}\n    </contour>"


def rewrite(text, square, width, height):
    return re.sub(r"<contour>.*?</contour>", lambda m: boxed(m.group(0), square, width, height), text, flags=re.S)


def main(args):
    def transform(image):
        height, width = image.shape[:2]
        return image, lambda text: rewrite(text, args.square, width, height)

    transform_folder(args.source, args.out, transform, quality=95)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--square", action="store_true", help="a square of the rectangle's longer side")
    main(parser.parse_args())
