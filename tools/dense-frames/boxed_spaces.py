#!/usr/bin/env python3
"""Which labelled cars the counted boxes find: a count's error split into cars and extra boxes.

`parkwatch eval counts` compares totals, so a missed car and an extra box cancel. This reads
`parkwatch analyze --json` (each frame's counted boxes) beside the frames' PKLot XML and places
each box by a point on its centre line at 0.7 of its height (where a parked car's footprint lies
in an oblique view): in an occupied space (the first box there finds that car, a further one is a
double), in a free space, or off the spaces (a car parked outside them, or no car).

Usage: parkwatch analyze DIR/*.png --json > boxes.json; boxed_spaces.py DIR boxes.json
Prints the totals over the frames. Needs Debian's python3-opencv.
"""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

import cv2
import numpy as np


def read_layout(xml_path: pathlib.Path) -> list[tuple[np.ndarray, bool]]:
    """Every space's outline and whether it is occupied, in the XML's order (ids may be any text,
    as a mosaic's piece-prefixed `2_17`)."""
    return [(np.array([[float(p.get("x")), float(p.get("y"))] for p in space.find("contour").iter("point")], np.float32),
             space.get("occupied") == "1") for space in ET.parse(xml_path).getroot().iter("space")]


def tally(frame: dict, layout: list[tuple[np.ndarray, bool]]) -> np.ndarray:
    """occupied spaces, found, doubles, boxes in free spaces, boxes off the spaces."""
    hits = [0] * len(layout)
    in_free = off = 0
    for box in frame["boxes"]:
        point = (box["x"] + box["w"] / 2, box["y"] + box["h"] * 0.7)
        inside = [i for i, (outline, _) in enumerate(layout) if cv2.pointPolygonTest(outline, point, False) >= 0]
        if not inside:
            off += 1
        elif layout[inside[0]][1]:
            hits[inside[0]] += 1
        else:
            in_free += 1
    occupied = sum(taken for _, taken in layout)
    return np.array([occupied, sum(1 for h in hits if h), sum(1 for h in hits if h > 1), in_free, off])


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    folder, frames = pathlib.Path(sys.argv[1]), json.loads(pathlib.Path(sys.argv[2]).read_text())
    total = np.zeros(5, int)
    for frame in frames:
        total += tally(frame, read_layout(folder / (pathlib.Path(frame["file"]).stem + ".xml")))
    print("occupied spaces %d, found %d, doubles %d, boxes in free spaces %d, off the spaces %d" % tuple(total))


if __name__ == "__main__":
    main()
