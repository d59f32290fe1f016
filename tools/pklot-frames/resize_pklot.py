#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml, or an image alone) at another size,
the XML's points and rectangles scaled with it: the same lot as a lower-resolution camera would
see it, for `parkwatch eval spaces` (and its `--history`). Usage: resize_pklot.py SOURCE_DIR OUT_DIR WIDTH HEIGHT"""
import re
import sys

import cv2

from labelled_frames import move_points, transform_folder


def scale_xml(text, sx, sy):
    text = move_points(text, lambda x, y: (x * sx, y * sy))
    return re.sub(r'<size w="([-0-9.]+)" h="([-0-9.]+)"',
                  lambda m: f'<size w="{round(float(m.group(1)) * sx)}" h="{round(float(m.group(2)) * sy)}"', text)


def main(source, out, width, height):
    def transform(image):
        h, w = image.shape[:2]
        resized = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
        return resized, lambda text: scale_xml(text, width / w, height / h)

    transform_folder(source, out, transform, quality=90)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
